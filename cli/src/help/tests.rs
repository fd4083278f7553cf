use std::collections::BTreeSet;

use clap::CommandFactory;
use fluent_syntax::ast::{Entry, Message};

use super::*;

/// The commands and arguments clap has: `cmd-add-source` and
/// `cmd-add-source.account_ref`, clap's `help` command left out (it
/// mirrors the others and is worded in `help-flags`).
fn clap_entries() -> (BTreeSet<String>, BTreeSet<String>) {
    fn walk(command: &Command, id: &str, commands: &mut BTreeSet<String>, args: &mut BTreeSet<String>) {
        commands.insert(id.to_owned());
        for arg in command.get_arguments() {
            args.insert(format!("{id}.{}", arg.get_id()));
        }
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(sub, &format!("{id}-{}", sub.get_name()), commands, args);
        }
    }
    let mut command = crate::Cli::command();
    command.build();
    let (mut commands, mut args) = (BTreeSet::new(), BTreeSet::new());
    walk(&command, "cmd", &mut commands, &mut args);
    (commands, args)
}

/// The catalog's messages and their attributes, read with Fluent's own parser.
fn catalog_entries() -> Vec<Message<String>> {
    let resource = fluent_syntax::parser::parse(KOREAN.to_owned()).expect("help.ko.ftl parses");
    resource.body.into_iter().filter_map(|e| if let Entry::Message(m) = e { Some(m) } else { None }).collect()
}

#[test]
fn every_command_and_argument_has_korean_help_and_nothing_else_does() {
    let (commands, args) = clap_entries();
    let messages = catalog_entries();
    let flags: BTreeSet<String> = messages
        .iter()
        .filter(|m| m.id.name == "help-flags")
        .flat_map(|m| m.attributes.iter().map(|a| a.id.name.clone()))
        .collect();
    let written: BTreeSet<String> =
        messages.iter().map(|m| m.id.name.clone()).filter(|id| id.starts_with("cmd")).collect();
    assert_eq!(written, commands, "a message per command");
    let described: BTreeSet<String> = messages
        .iter()
        .filter(|m| m.id.name.starts_with("cmd"))
        .flat_map(|m| m.attributes.iter().map(move |a| format!("{}.{}", m.id.name, a.id.name)))
        .collect();
    let missing: Vec<_> =
        args.iter().filter(|a| !described.contains(*a) && !flags.contains(a.split_once('.').unwrap().1)).collect();
    assert!(missing.is_empty(), "arguments without Korean help: {missing:?}");
    let stray: Vec<_> = described.difference(&args).collect();
    assert!(stray.is_empty(), "Korean help for arguments clap does not have: {stray:?}");
}

/// Every help text clap would print, rendered for each command.
fn rendered(command: &mut Command) -> String {
    let mut all = command.render_help().to_string();
    let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_owned()).collect();
    for name in names {
        all.push_str(&rendered(command.find_subcommand_mut(&name).unwrap()));
    }
    all
}

#[test]
fn korean_help_has_no_english_sentence_left() {
    fn collect(command: &Command, texts: &mut BTreeSet<String>) {
        texts.extend(command.get_about().map(|a| a.to_string()));
        texts.extend(command.get_arguments().filter_map(|a| a.get_help().map(|h| h.to_string())));
        command.get_subcommands().for_each(|c| collect(c, texts));
    }
    let mut command = crate::Cli::command();
    command.build();
    let mut english = BTreeSet::new();
    collect(&command, &mut english);
    let korean = rendered(&mut localized(crate::Cli::command(), "ko-KR"));
    for heading in
        ["사용법:", "옵션:", "명령:", "인수:", "도움말을 보여 줘요", "[기본값: ko-KR]", "[가능한 값: wallet, "]
    {
        assert!(korean.contains(heading), "{heading} missing from:\n{korean}");
    }
    for sentence in &english {
        assert!(!korean.contains(sentence.as_str()), "still English: {sentence}");
    }
    for heading in
        ["Usage:", "Options:", "Commands:", "Arguments:", "Print help", "possible values", "default:", "env:", "::"]
    {
        assert!(!korean.contains(heading), "{heading} left in Korean help");
    }
}

#[test]
fn english_help_is_claps_own() {
    let english = localized(crate::Cli::command(), "en-US").render_help().to_string();
    assert_eq!(english, crate::Cli::command().render_help().to_string());
    assert!(english.contains("Usage:") && english.contains("The wallet's locale"), "{english}");
}

#[test]
fn the_locale_is_read_before_clap_parses() {
    let args = |words: &[&str]| words.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
    let command = crate::Cli::command();
    assert_eq!(requested_locale(&args(&["sweep", "--locale", "en-US", "--help"]), &command), "en-US");
    assert_eq!(requested_locale(&args(&["sweep", "dashboard", "--locale=ko-KR"]), &command), "ko-KR");
    let after_dashes = requested_locale(&args(&["sweep", "add-source", "--", "--locale", "en-US"]), &command);
    assert_eq!(after_dashes, requested_locale(&args(&["sweep"]), &command), "a name after -- is not the flag");
    if std::env::var_os("SWEEP_LOCALE").is_none() {
        assert_eq!(requested_locale(&args(&["sweep"]), &command), "ko-KR", "clap's default");
    }
}
