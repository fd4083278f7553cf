//! Sources read by a connector rather than typed in.

use super::manual::{clean_name, insert_source};
use super::SourceKind;
use crate::store::Store;
use crate::SweepError;

/// A source that a connector reads: its balances arrive with each sync.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectedSource {
    /// What the user calls it. Sealed at rest.
    pub name: String,
    /// The kind of place the balance sits in.
    pub kind: SourceKind,
    /// Who reads it, for example `"source-api"` or the app's own name: 1 to
    /// 40 characters of `a-z`, `0-9`, `-` and `.`.
    pub provider: String,
}

fn clean_provider(provider: &str) -> Result<&str, SweepError> {
    let ok = (1..=40).contains(&provider.len())
        && provider.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && provider != "manual";
    if ok {
        Ok(provider)
    } else {
        Err(SweepError::invalid("provider", "1 to 40 characters of a-z, 0-9, '-' and '.', not 'manual'"))
    }
}

/// Adds the source's row; it shows on the dashboard once a sync reports
/// its balances. Bad input writes nothing. Returns the id.
pub fn add_connected_source(store: &mut Store, source: &ConnectedSource, now_ms: i64) -> Result<i64, SweepError> {
    let name = clean_name(&source.name)?;
    let provider = clean_provider(&source.provider)?;
    store.write(2, |wtx| insert_source(wtx, source.kind, provider, name, None, now_ms))
}

#[cfg(test)]
mod tests {
    #[test]
    fn providers_are_plain_identifiers() {
        assert!(super::clean_provider("source-api").is_ok());
        assert!(super::clean_provider("com.example.credits").is_ok());
        for bad in ["", "manual", "Has Caps", "emoji-✓", &"x".repeat(41)] {
            assert!(super::clean_provider(bad).is_err(), "{bad}");
        }
    }
}
