//! What Sweep says to people, from Project Fluent catalogs in Korean and
//! English (`ko.ftl`, `en.ftl`), picked by the wallet's locale.
//!
//! Every sentence is a [`Msg`]: its catalog id and the values it needs,
//! declared once in `messages.rs`. `catalog_tests.rs` checks that both
//! catalogs hold every message with exactly its declared variables, so a
//! sentence can neither lose a value nor ask for one nobody gives.
//!
//! Values arrive formatted (amounts, dates) or as text; Fluent only places
//! them and picks variants, so no number is ever formatted twice.

mod errors;
mod messages;
pub mod time;
mod variables;

pub use variables::{message_variables, MessageVariables};

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::FluentResource;

pub(crate) use messages::Msg;

use crate::money::Locale;

/// A language Sweep speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Korean, in the polite register (해요체).
    Ko,
    /// English.
    En,
}

impl Lang {
    /// Every language, each with its catalog.
    pub const ALL: [Lang; 2] = [Lang::Ko, Lang::En];

    /// The language for a locale: Korean for `ko-*`, English otherwise.
    pub fn of(locale: Locale) -> Lang {
        match locale {
            Locale::KoKr => Lang::Ko,
            _ => Lang::En,
        }
    }

    fn catalog(self) -> &'static str {
        match self {
            Lang::Ko => include_str!("ko.ftl"),
            Lang::En => include_str!("en.ftl"),
        }
    }

    fn tag(self) -> unic_langid::LanguageIdentifier {
        match self {
            Lang::Ko => unic_langid::langid!("ko"),
            Lang::En => unic_langid::langid!("en"),
        }
    }
}

/// The language of the wallet opened last: a phone app has one wallet,
/// and errors, which are made far from any wallet, speak its language.
static CURRENT: AtomicU8 = AtomicU8::new(1);

/// Makes `lang` the language of errors' sentences (`Wallet::open` calls it).
pub(crate) fn set_language(lang: Lang) {
    CURRENT.store(if lang == Lang::Ko { 0 } else { 1 }, Ordering::Relaxed);
}

/// Sets the language of the core's sentences (an error's `sentence()`,
/// and so `message` in Kotlin, `str(e)` in Python, `description` in Swift)
/// from a BCP 47 locale: Korean for `ko-*`, English otherwise.
/// `Wallet.open` sets it from its config's locale; call this when the
/// app's language changes, or before showing errors no wallet made.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn set_text_locale(locale: String) {
    set_language(Lang::of(Locale::from_tag(&locale)));
}

/// The language of the wallet opened last; English before any.
pub(crate) fn language() -> Lang {
    if CURRENT.load(Ordering::Relaxed) == 0 {
        Lang::Ko
    } else {
        Lang::En
    }
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static KO: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = if lang == Lang::Ko { &KO } else { &EN };
    cell.get_or_init(|| {
        let mut bundle = FluentBundle::new_concurrent(vec![lang.tag()]);
        // No Unicode isolation marks around values: terminals and
        // notifications show them as stray characters.
        bundle.set_use_isolating(false);
        // A catalog that fails to parse keeps what did parse; the catalog
        // tests make sure none does.
        let resource = FluentResource::try_new(lang.catalog().to_owned()).unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// The sentence `msg` in the wallet's language ([`language`]), for text
/// made where no locale is at hand (a leg's reason, capture advice).
pub(crate) fn tell(msg: Msg<'_>) -> String {
    say(language(), msg)
}

/// The sentence `msg` in `lang`. A message missing from the catalog (which
/// the catalog tests rule out) reads as its id rather than failing.
pub(crate) fn say(lang: Lang, msg: Msg<'_>) -> String {
    let bundle = bundle(lang);
    let id = msg.id();
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let args = msg.into_args();
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned()
}

#[cfg(test)]
mod catalog_tests;
