//! `sweep --help` in the wallet's language. English help is clap's, from
//! the doc comments on `Cli` and its commands; Korean help is the catalog
//! `text/help.ko.ftl`: a message per command (`cmd-<command path>`, its
//! `about`), an attribute per argument (`.<argument id>`), and the words
//! clap adds itself (headings, the help and version flags). A test checks
//! the catalog covers exactly the commands and arguments clap has.
//!
//! Only what clap prints needs it: `main` parses with clap's own command,
//! and when clap has something to print (help, the version, a mistake)
//! parses again with this one, whose locale is read from the arguments
//! (`--locale`, else `SWEEP_LOCALE`). clap's own error messages
//! ("unexpected argument") stay English: clap has no way to translate them.

use std::sync::OnceLock;

use clap::{Arg, Command};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::FluentResource;

/// The Korean help catalog.
pub(crate) const KOREAN: &str = include_str!("text/help.ko.ftl");

fn bundle() -> &'static FluentBundle<FluentResource> {
    static BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let mut bundle = FluentBundle::new_concurrent(vec![unic_langid::langid!("ko")]);
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(KOREAN.to_owned()).unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// A Korean help text: message `id`, or its attribute `attribute`; None
/// when the catalog has none (the English stays).
fn korean(id: &str, attribute: Option<&str>) -> Option<String> {
    let bundle = bundle();
    let message = bundle.get_message(id)?;
    let pattern = match attribute {
        None => message.value()?,
        Some(name) => message.get_attribute(name)?.value(),
    };
    let mut errors = Vec::new();
    Some(bundle.format_pattern(pattern, None, &mut errors).into_owned())
}

/// The locale `args` ask for, before clap parses them: `--locale X` or
/// `--locale=X`, else `SWEEP_LOCALE`, else `--locale`'s default in `command`.
pub fn requested_locale(args: &[std::ffi::OsString], command: &Command) -> String {
    let mut words = args.iter().filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if let Some(value) = word.strip_prefix("--locale=") {
            return value.to_owned();
        }
        if word == "--locale" {
            if let Some(value) = words.next() {
                return value.to_owned();
            }
        }
    }
    std::env::var("SWEEP_LOCALE").unwrap_or_else(|_| {
        let locale = command.get_arguments().find(|a| a.get_id() == "locale");
        let default = locale.and_then(|a| a.get_default_values().first());
        default.map(|d| d.to_string_lossy().into_owned()).unwrap_or_default()
    })
}

/// `command` with its help in the language of `locale`.
pub fn localized(command: Command, locale: &str) -> Command {
    if !locale.trim().to_ascii_lowercase().starts_with("ko") {
        return command;
    }
    let mut command = command;
    // Building adds clap's own help and version flags and its `help`
    // command, so they can be translated too.
    command.build();
    translate(command, "cmd", &Headings::new())
}

/// clap's own words, in Korean, read from the catalog once.
struct Headings {
    /// clap's default template, with the usage heading in Korean.
    template: String,
    commands: String,
    options: String,
    arguments: String,
}

impl Headings {
    fn new() -> Self {
        let heading = |id: &str| korean(id, None).unwrap_or_default();
        let usage = heading("help-heading-usage");
        Headings {
            template: format!("{{before-help}}{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"),
            commands: heading("help-heading-commands"),
            options: heading("help-heading-options"),
            arguments: heading("help-heading-arguments"),
        }
    }

    /// `command` with the template and the subcommands' heading.
    fn apply(&self, command: Command) -> Command {
        command.help_template(self.template.clone()).subcommand_help_heading(self.commands.clone())
    }
}

/// Translates a built command and, recursively, its subcommands: `id` is
/// its catalog message (`cmd`, `cmd-key-backup`).
///
/// `mut_arg` and `mut_subcommand` take an item out and put it back last.
/// Every argument and subcommand is changed once, in clap's order, so the
/// order clap parses and shows them in is kept.
fn translate(command: Command, id: &str, headings: &Headings) -> Command {
    let mut command = headings.apply(command);
    if let Some(about) = korean(id, None) {
        command = command.about(about).long_about(None);
    }
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for arg in ids {
        // The global and built-in flags are worded once, in `help-flags`.
        let help = korean(id, Some(&arg)).or_else(|| korean("help-flags", Some(&arg)));
        let (options, arguments) = (headings.options.clone(), headings.arguments.clone());
        command = command.mut_arg(&arg, move |a: Arg| {
            let a = match a.get_index() {
                // Under a heading of their own, in the order they are typed.
                Some(index) => a.help_heading(arguments).display_order(index),
                None => a.help_heading(options),
            };
            let notes = notes(&a);
            let a = a.hide_possible_values(true).hide_env(true).hide_default_value(true);
            match help {
                Some(help) => a.help(format!("{help}{notes}")).long_help(None),
                None => a,
            }
        });
    }
    let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_owned()).collect();
    for name in names {
        command = if name == "help" {
            command.mut_subcommand(&name, |c| help_command(c, id, headings))
        } else {
            let child = format!("{id}-{name}");
            command.mut_subcommand(&name, |c| translate(c, &child, headings))
        };
    }
    command
}

/// clap's `help` command under the command `id`: its subcommands mirror
/// that command's, and read the same.
fn help_command(command: Command, id: &str, headings: &Headings) -> Command {
    let mut command = headings.apply(command);
    if let Some(about) = korean("help-flags", Some("help-command")) {
        command = command.about(about);
    }
    let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_owned()).collect();
    for name in names {
        let mirrored = format!("{id}-{name}");
        command = command.mut_subcommand(&name, |c| {
            if name == "help" {
                help_command(c, id, headings)
            } else {
                let about = korean(&mirrored, None);
                let c = help_command(c, &mirrored, headings);
                match about {
                    Some(about) => c.about(about),
                    None => c,
                }
            }
        });
    }
    command
}

/// What clap appends to an argument's help in English ("[possible values:
/// …]", "[env: …]", "[default: …]"), in Korean.
fn notes(arg: &Arg) -> String {
    let mut notes = String::new();
    let mut note = |label: &str, values: Vec<String>| {
        if !values.is_empty() {
            notes.push_str(&format!(
                " [{}: {}]",
                korean("help-note", Some(label)).unwrap_or_default(),
                values.join(", ")
            ));
        }
    };
    note(
        "values",
        arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_owned()).collect(),
    );
    note("env", arg.get_env().map(|e| e.to_string_lossy().into_owned()).into_iter().collect());
    if !arg.is_hide_default_value_set() && arg.get_num_args().is_none_or(|n| n.takes_values()) {
        note("default", arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect());
    }
    notes
}

#[cfg(test)]
mod tests;
