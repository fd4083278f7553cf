//! What the terminal wallet says, from Project Fluent catalogs in Korean
//! and English (`ko.ftl`, `en.ftl`), picked by `--locale` (Korean for
//! `ko-*`, English otherwise). The core's own sentences (plans, reasons,
//! errors) come from the core's catalogs in the same language.
//!
//! Every sentence is written `tr!("id", name = value, ...)`; the catalog
//! test (`catalog_tests.rs`) reads those calls from the source and checks
//! that both catalogs hold each id with exactly the variables passed.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

static LOCALE: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// The locale set last (`ko-KR` before any), for amounts and times.
pub fn locale() -> String {
    let locale = LOCALE.lock().unwrap_or_else(|p| p.into_inner());
    if locale.is_empty() {
        "ko-KR".to_owned()
    } else {
        locale.clone()
    }
}

/// Speaks the language of `locale` (a BCP 47 tag such as `ko-KR`), and
/// has the core's sentences follow.
pub fn set_locale(locale: &str) {
    *LOCALE.lock().unwrap_or_else(|p| p.into_inner()) = locale.to_owned();
    sweep_core::text::set_text_locale(locale.to_owned());
}

fn catalog(korean: bool) -> &'static str {
    if korean {
        include_str!("ko.ftl")
    } else {
        include_str!("en.ftl")
    }
}

fn bundle(korean: bool) -> &'static FluentBundle<FluentResource> {
    static KO: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let (cell, tag) = if korean { (&KO, unic_langid::langid!("ko")) } else { (&EN, unic_langid::langid!("en")) };
    cell.get_or_init(|| {
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(catalog(korean).to_owned()).unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// The sentence `id` with `args`, in the language set last; an id missing
/// from the catalog (the catalog test rules that out) reads as itself.
pub fn format(id: &str, args: &FluentArgs) -> String {
    let bundle = bundle(locale().trim().to_ascii_lowercase().starts_with("ko"));
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, Some(args), &mut errors).into_owned()
}

/// `tr!("id", name = value, ...)`: the catalog sentence `id` with its
/// values (text or numbers), in the terminal wallet's language.
#[macro_export]
macro_rules! tr {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        #[allow(unused_mut)]
        let mut args = fluent_bundle::FluentArgs::new();
        $( args.set(stringify!($name), fluent_bundle::FluentValue::from($value)); )*
        $crate::text::format($id, &args)
    }};
}

#[cfg(test)]
mod catalog_tests;
