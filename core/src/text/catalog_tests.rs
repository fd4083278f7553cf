//! The catalogs are complete: both parse, both hold exactly the declared
//! messages, each message uses exactly its declared variables in both
//! languages, and every message formats without a Fluent error. The
//! variables are read from the parsed catalogs (fluent-syntax's AST), not
//! from the code that formats them.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::FluentArgs;

use super::messages::DECLARED;
use super::variables::message_variables;
use super::{bundle, Lang};

/// Each message of `lang`'s catalog with the variables it uses.
fn catalog(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    message_variables(lang.catalog()).unwrap_or_else(|e| panic!("{lang:?} catalog: {e}"))
}

fn declared() -> BTreeMap<String, BTreeSet<String>> {
    DECLARED.iter().map(|(id, args)| ((*id).to_owned(), args.iter().map(|a| (*a).to_owned()).collect())).collect()
}

#[test]
fn both_catalogs_hold_exactly_the_declared_messages_with_their_variables() {
    let declared = declared();
    assert_eq!(declared.len(), DECLARED.len(), "an id is declared twice");
    for lang in Lang::ALL {
        let catalog = catalog(lang);
        let missing: Vec<_> = declared.keys().filter(|id| !catalog.contains_key(*id)).collect();
        let extra: Vec<_> = catalog.keys().filter(|id| !declared.contains_key(*id)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang:?}: missing {missing:?}, not declared {extra:?}");
        for (id, variables) in &declared {
            assert_eq!(&catalog[id], variables, "{lang:?} {id}: the variables it uses differ from those declared");
        }
    }
}

#[test]
fn every_message_formats_in_both_languages_without_a_fluent_error() {
    for lang in Lang::ALL {
        let bundle = bundle(lang);
        for (id, variables) in DECLARED {
            let mut args = FluentArgs::new();
            for variable in *variables {
                args.set(*variable, "X");
            }
            let pattern = bundle.get_message(id).and_then(|m| m.value()).unwrap_or_else(|| panic!("{lang:?} {id}"));
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
            assert!(errors.is_empty(), "{lang:?} {id}: {errors:?}");
            assert!(!text.trim().is_empty() && !text.contains('{'), "{lang:?} {id}: {text:?}");
        }
    }
}

#[test]
fn korean_sentences_are_korean_and_english_ones_english() {
    let hangul = |text: &str| text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    for (id, _) in DECLARED {
        let message = |lang| bundle(lang).get_message(id).and_then(|m| m.value()).map(|p| format!("{p:?}"));
        assert!(message(Lang::Ko).is_some_and(|p| hangul(&p)), "{id} has no Korean in ko.ftl");
        assert!(message(Lang::En).is_some_and(|p| !hangul(&p)), "{id} has Korean in en.ftl");
    }
}
