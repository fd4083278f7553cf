//! RFC 3339 timestamps for `SystemTime` in JSON (`"2026-12-31T14:59:59Z"`),
//! as the Source API writes them.

use std::time::SystemTime;

use serde::{Deserialize, Deserializer, Serializer};

/// Writes `time` as RFC 3339 in UTC.
pub fn serialize<S: Serializer>(time: &SystemTime, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&humantime::format_rfc3339(*time))
}

/// Reads an RFC 3339 timestamp (UTC `Z` or an offset).
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<SystemTime, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    humantime::parse_rfc3339_weak(&text).map_err(|e| serde::de::Error::custom(format!("not an RFC 3339 time: {e}")))
}
