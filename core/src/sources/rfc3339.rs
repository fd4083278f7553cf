//! RFC 3339 timestamps for `SystemTime` in JSON (`"2026-12-31T14:59:59Z"`),
//! as the Source API writes them.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serializer};

use crate::SweepError;

/// The first moment RFC 3339 text cannot write: the year 10000.
const YEAR_10000: Duration = Duration::from_secs(253_402_300_800);

/// `time` as RFC 3339 in UTC (whole seconds), or `InvalidInput` for a time
/// before 1970 or after 9999, which the format cannot write (the library
/// would panic). Times from connectors and apps come through here.
pub fn text(time: SystemTime, field: &str) -> Result<String, SweepError> {
    match time.duration_since(UNIX_EPOCH) {
        Ok(since) if since < YEAR_10000 => Ok(humantime::format_rfc3339_seconds(time).to_string()),
        _ => Err(SweepError::invalid(field, "must be a date between 1970 and 9999")),
    }
}

/// Writes `time` as RFC 3339 in UTC; a time outside 1970–9999 is an error,
/// never a panic.
pub fn serialize<S: Serializer>(time: &SystemTime, serializer: S) -> Result<S::Ok, S::Error> {
    match time.duration_since(UNIX_EPOCH) {
        Ok(since) if since < YEAR_10000 => serializer.collect_str(&humantime::format_rfc3339(*time)),
        _ => Err(serde::ser::Error::custom("a date outside 1970-9999")),
    }
}

/// Reads an RFC 3339 timestamp (UTC `Z` or an offset).
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<SystemTime, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    humantime::parse_rfc3339_weak(&text).map_err(|e| serde::de::Error::custom(format!("not an RFC 3339 time: {e}")))
}

/// The same for an optional time (`null` or absent is `None`).
pub mod option {
    use std::time::SystemTime;

    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes a present time as RFC 3339; `None` as `null`.
    pub fn serialize<S: Serializer>(time: &Option<SystemTime>, serializer: S) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => super::serialize(time, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads an RFC 3339 timestamp or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<SystemTime>, D::Error> {
        match <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)? {
            Some(text) => humantime::parse_rfc3339_weak(&text)
                .map(Some)
                .map_err(|e| serde::de::Error::custom(format!("not an RFC 3339 time: {e}"))),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_outside_1970_to_9999_are_errors_not_panics() {
        assert_eq!(text(UNIX_EPOCH + Duration::from_secs(1_764_000_000), "d").unwrap(), "2025-11-24T16:00:00Z");
        let before = UNIX_EPOCH - Duration::from_secs(86_400);
        let after = UNIX_EPOCH + YEAR_10000;
        for time in [before, after] {
            assert!(matches!(text(time, "d"), Err(SweepError::InvalidInput { .. })));
            #[derive(serde::Serialize)]
            struct At(#[serde(with = "super")] SystemTime);
            assert!(serde_json::to_string(&At(time)).is_err(), "serialising it is an error too");
        }
    }
}
