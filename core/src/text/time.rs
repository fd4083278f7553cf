//! Dates, times and durations as each language writes them, on the clock
//! of the wallet's locale: Korean (and Japanese) wallets show Korea's
//! (Japan's) time, UTC+9 all year; other locales show UTC and say so.
//! The calendar arithmetic is humantime's; the words are the catalogs'.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{say, Lang, Msg};
use crate::money::Locale;
use crate::SweepError;

/// The clock a locale's user reads: an offset from UTC, and whether text
/// must name the zone (it is not the user's own clock everywhere).
fn clock(locale: Locale) -> (Duration, bool) {
    match locale {
        Locale::KoKr | Locale::JaJp => (Duration::from_secs(9 * 3600), false),
        _ => (Duration::ZERO, true),
    }
}

/// The civil date and time of `time` on `locale`'s clock, as
/// `[year, month, day, hour, minute]`.
fn civil(time: SystemTime, locale: Locale) -> Result<[u32; 5], SweepError> {
    let (offset, _) = clock(locale);
    let shifted = time.checked_add(offset).unwrap_or(time);
    // "2026-12-05T13:45:10Z": fixed positions, years 1970 to 9999 only.
    let text = crate::sources::rfc3339::text(shifted, "time")?;
    let field = |at: std::ops::Range<usize>| text.get(at).and_then(|t| t.parse::<u32>().ok());
    match (field(0..4), field(5..7), field(8..10), field(11..13), field(14..16)) {
        (Some(y), Some(mo), Some(d), Some(h), Some(mi)) => Ok([y, mo, d, h, mi]),
        _ => Err(SweepError::invalid("time", "must be a date between 1970 and 9999")),
    }
}

/// `time` as a date and time in `locale`'s language and clock:
/// "2026년 12월 5일 13:45", "Dec 5, 2026, 04:45 UTC".
pub(crate) fn date_time(time: SystemTime, locale: Locale) -> Result<String, SweepError> {
    let [year, month, day, hour, minute] = civil(time, locale)?;
    let zone = if clock(locale).1 { " UTC" } else { "" };
    Ok(say(
        Lang::of(locale),
        Msg::DateTime {
            year: year.to_string().into(),
            month: month.into(),
            day: day.to_string().into(),
            time: format!("{hour:02}:{minute:02}").into(),
            zone: zone.into(),
        },
    ))
}

/// `time` as a date in `locale`'s language and clock: "2026년 12월 31일",
/// "Dec 31, 2026".
pub(crate) fn date(time: SystemTime, locale: Locale) -> Result<String, SweepError> {
    let [year, month, day, ..] = civil(time, locale)?;
    Ok(say(
        Lang::of(locale),
        Msg::Date { year: year.to_string().into(), month: month.into(), day: day.to_string().into() },
    ))
}

/// How long a payout takes, roughly: "약 24시간", "about 24 hours";
/// minutes under an hour, "moments" under a minute.
pub(crate) fn about(duration: Duration, locale: Locale) -> String {
    let seconds = duration.as_secs();
    let msg = match seconds {
        0..=59 => Msg::AboutMoments {},
        60..=3_599 => Msg::AboutMinutes { count: (seconds / 60).into() },
        _ => Msg::AboutHours { count: seconds.div_ceil(3_600).into() },
    };
    say(Lang::of(locale), msg)
}

/// A moment (milliseconds since 1970, as receipts and histories carry it)
/// as people in `locale` write it, on that locale's clock: for `"ko-KR"`
/// "2026년 12월 5일 13:45" in Korea's time, for `"en-US"`
/// "Dec 5, 2026, 04:45 UTC". A moment before 1970 or after 9999 is an
/// `InvalidInput` error.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn format_time(epoch_ms: i64, locale: String) -> Result<String, SweepError> {
    let since = u64::try_from(epoch_ms).map_err(|_| SweepError::invalid("epoch_ms", "must not be before 1970"))?;
    date_time(UNIX_EPOCH + Duration::from_millis(since), Locale::from_tag(&locale))
}

/// How long something takes, roughly, as people in `locale` say it: for a
/// quote's `eta_seconds` of 86,400, "약 24시간" in `"ko-KR"` and
/// "about 24 hours" in `"en-US"`.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn format_eta(seconds: u64, locale: String) -> String {
    about(Duration::from_secs(seconds), Locale::from_tag(&locale))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-04T15:30:00Z, which is already the 5th in Korea.
    const LATE_EVENING_UTC_MS: i64 = 1_796_398_200_000;

    #[test]
    fn korean_wallets_read_korean_time_and_others_read_utc_named() {
        assert_eq!(format_time(LATE_EVENING_UTC_MS, "ko-KR".into()).unwrap(), "2026년 12월 5일 00:30");
        assert_eq!(format_time(LATE_EVENING_UTC_MS, "en-US".into()).unwrap(), "Dec 4, 2026, 15:30 UTC");
        assert_eq!(format_time(0, "en-GB".into()).unwrap(), "Jan 1, 1970, 00:00 UTC");
    }

    #[test]
    fn dates_are_on_the_same_clock() {
        let time = UNIX_EPOCH + Duration::from_millis(LATE_EVENING_UTC_MS as u64);
        assert_eq!(date(time, Locale::KoKr).unwrap(), "2026년 12월 5일");
        assert_eq!(date(time, Locale::EnUs).unwrap(), "Dec 4, 2026");
    }

    #[test]
    fn moments_outside_the_calendar_are_errors_not_panics() {
        assert!(matches!(format_time(-1, "ko-KR".into()), Err(SweepError::InvalidInput { .. })));
        assert!(matches!(format_time(i64::MAX, "ko-KR".into()), Err(SweepError::InvalidInput { .. })));
    }

    #[test]
    fn payout_times_are_rough_and_in_words() {
        assert_eq!(format_eta(86_400, "ko-KR".into()), "약 24시간");
        assert_eq!(format_eta(86_400, "en-US".into()), "about 24 hours");
        assert_eq!(format_eta(3_600, "en-US".into()), "about 1 hour");
        assert_eq!(format_eta(5_400, "ko-KR".into()), "약 2시간");
        assert_eq!(format_eta(1_800, "ko-KR".into()), "약 30분");
        assert_eq!(format_eta(60, "en-US".into()), "about 1 minute");
        assert_eq!(format_eta(5, "ko-KR".into()), "곧");
        assert_eq!(format_eta(5, "en-US".into()), "in moments");
    }
}
