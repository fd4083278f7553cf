//! Both catalogs hold exactly the sentences the terminal wallet says, each
//! with exactly the values its `tr!` call passes. The calls are read from
//! the source files, and the variables from the parsed catalogs
//! (fluent-syntax's AST, `sweep_core::text::message_variables`): neither
//! side is the code that formats them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use sweep_core::text::message_variables;

type Messages = BTreeMap<String, BTreeSet<String>>;

fn catalog(korean: bool) -> Messages {
    message_variables(super::catalog(korean)).unwrap_or_else(|e| panic!("korean {korean}: {e}"))
}

/// The text between `open` (just past a `(`) and its matching `)`,
/// skipping string literals.
fn call_body(text: &str, open: usize) -> &str {
    let (mut depth, mut in_string, mut escaped) = (1, false, false);
    for (i, c) in text[open..].char_indices() {
        match (in_string, c) {
            (true, _) if escaped => escaped = false,
            (true, '\\') => escaped = true,
            (true, '"') => in_string = false,
            (true, _) => {}
            (false, '"') => in_string = true,
            (false, '(' | '[' | '{') => depth += 1,
            (false, ')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return &text[open..open + i];
                }
            }
            _ => {}
        }
    }
    panic!("an unclosed tr!( call");
}

/// The top-level comma-separated parts of a call body.
fn parts(body: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start, mut in_string) = (Vec::new(), 0, 0, false);
    let mut previous = ' ';
    for (i, c) in body.char_indices() {
        match c {
            '"' if previous != '\\' => in_string = !in_string,
            '(' | '[' | '{' if !in_string => depth += 1,
            ')' | ']' | '}' if !in_string => depth -= 1,
            ',' if !in_string && depth == 0 => {
                parts.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        previous = c;
    }
    parts.push(&body[start..]);
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// Every `tr!` call in the terminal wallet's source: id and value names.
fn calls() -> Messages {
    let mut found = Messages::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<_> = std::fs::read_dir(&src).unwrap().flatten().map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "rs"));
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("tr!(") {
            // `include_str!(` ends the same way.
            if text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let body = call_body(&text, at + 4);
            let parts = parts(body);
            let Some(id) = parts[0].strip_prefix('"').and_then(|p| p.strip_suffix('"')) else {
                continue; // the macro's own definition
            };
            let names: BTreeSet<String> =
                parts[1..].iter().map(|p| p.split('=').next().unwrap().trim().to_owned()).collect();
            if let Some(before) = found.insert(id.to_owned(), names.clone()) {
                assert_eq!(before, names, "{id} is called with different values in {}", file.display());
            }
        }
    }
    found
}

#[test]
fn both_catalogs_hold_exactly_what_the_source_says_with_the_same_values() {
    let said = calls();
    assert!(said.len() > 40, "the scanner finds the calls: {}", said.len());
    for korean in [true, false] {
        let catalog = catalog(korean);
        let language = if korean { "ko.ftl" } else { "en.ftl" };
        for (id, names) in &said {
            let variables = catalog.get(id).unwrap_or_else(|| panic!("{language} lacks {id}"));
            assert_eq!(variables, names, "{language}: {id} uses other values than its tr! call passes");
        }
        let unused: Vec<_> = catalog.keys().filter(|id| !said.contains_key(*id)).collect();
        assert!(unused.is_empty(), "{language} holds messages nothing says: {unused:?}");
    }
}

#[test]
fn korean_is_korean_and_english_is_english() {
    let hangul = |text: &str| text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    for line in super::catalog(true).lines().filter(|l| !l.starts_with('#') && l.contains(" = ")) {
        let value = line.split_once(" = ").unwrap().1;
        // A message may start with a value or a selector; its words are Korean.
        assert!(
            hangul(value) || value.trim_end().ends_with("->") || !value.chars().any(char::is_alphabetic),
            "not Korean: {line}"
        );
    }
    // English may name a Korean term in parentheses, as in "(소액결제)".
    let outside_parentheses = |line: &str| {
        let mut depth = 0i32;
        line.chars()
            .filter(|c| {
                depth += i32::from(*c == '(') - i32::from(*c == ')');
                depth == 0 && *c != ')'
            })
            .collect::<String>()
    };
    for line in super::catalog(false).lines().filter(|l| !l.starts_with('#') && l.contains(" = ")) {
        assert!(!hangul(&outside_parentheses(line)), "Korean in the English catalog: {line}");
    }
}
