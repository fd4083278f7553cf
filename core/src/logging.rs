//! Logs for the app, with sensitive fields redacted.
//!
//! A `tracing` layer forwards events to the app's [`Logger`]. Fields are
//! redacted unless their name is on a short allow-list of values that are
//! never personal (ids, counts, codes): a new field is hidden by default,
//! so a token, name, number or image can't leak by accident.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Once, RwLock};

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::prelude::*;

/// Field names whose values may appear in logs as they are.
const ALLOWED_FIELDS: &[&str] = &[
    "message",
    "source_id",
    "capture_id",
    "verified",
    "seq",
    "entries",
    "count",
    "currency",
    "kind",
    "locale",
    "version",
    "status",
    "code",
    "elapsed_ms",
];
const REDACTED: &str = "[redacted]";

/// How much to log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum LogLevel {
    /// Failures.
    Error,
    /// Problems Sweep recovered from.
    Warn,
    /// Milestones: opened, synced, verified.
    Info,
    /// Detail for developers.
    Debug,
    /// Everything.
    Trace,
}

/// One log line, already redacted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LogRecord {
    /// Its level.
    pub level: LogLevel,
    /// The Rust module it came from, for example `sweep_core::wallet`.
    pub target: String,
    /// The text, with fields appended as `key=value` (redacted where needed).
    pub line: String,
}

/// Receives Sweep's log records. Implement it in Kotlin, Swift or Python
/// to route logs to Logcat, OSLog or your own sink. It may be called from any
/// thread, never while Sweep holds a lock.
#[cfg_attr(feature = "ffi", uniffi::export(with_foreign))]
pub trait Logger: Send + Sync {
    /// Handles one record.
    fn log(&self, record: LogRecord);
}

static LOGGER: RwLock<Option<Arc<dyn Logger>>> = RwLock::new(None);
static MAX_LEVEL: AtomicU8 = AtomicU8::new(0);
static INSTALL: Once = Once::new();

/// Sends Sweep's logs at `max_level` and above to `logger`, replacing any
/// logger set before.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn set_logger(logger: Arc<dyn Logger>, max_level: LogLevel) {
    *LOGGER.write().unwrap_or_else(|p| p.into_inner()) = Some(logger);
    MAX_LEVEL.store(max_level as u8 + 1, Ordering::Relaxed);
    INSTALL.call_once(|| {
        // If the host already set a global subscriber, it keeps it; our
        // logger is then only fed through `ForeignLayer` where composed.
        let _ = tracing::subscriber::set_global_default(tracing_subscriber::registry().with(ForeignLayer));
    });
}

/// Stops sending logs to the app.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn clear_logger() {
    MAX_LEVEL.store(0, Ordering::Relaxed);
    *LOGGER.write().unwrap_or_else(|p| p.into_inner()) = None;
}

fn level_of(level: &Level) -> LogLevel {
    match *level {
        Level::ERROR => LogLevel::Error,
        Level::WARN => LogLevel::Warn,
        Level::INFO => LogLevel::Info,
        Level::DEBUG => LogLevel::Debug,
        _ => LogLevel::Trace,
    }
}

/// The `tracing` layer that feeds the foreign [`Logger`].
pub struct ForeignLayer;

impl<S: Subscriber> Layer<S> for ForeignLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let level = level_of(event.metadata().level());
        if (level as u8) + 1 > MAX_LEVEL.load(Ordering::Relaxed) {
            return;
        }
        // Clone the Arc and let go of the lock before calling foreign code.
        let Some(logger) = LOGGER.read().unwrap_or_else(|p| p.into_inner()).clone() else {
            return;
        };
        let mut visitor = RedactingVisitor::default();
        event.record(&mut visitor);
        let record = LogRecord { level, target: event.metadata().target().to_owned(), line: visitor.finish() };
        // An app's logger that throws (a panic across uniffi) must not take
        // the call that logged down with it: the record is dropped instead.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| logger.log(record)));
    }
}

/// Collects an event's fields, redacting every one not on the allow-list.
#[derive(Default)]
struct RedactingVisitor {
    message: String,
    fields: String,
}

impl RedactingVisitor {
    fn push(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.message, "{value:?}");
        } else if ALLOWED_FIELDS.contains(&field.name()) {
            let _ = write!(self.fields, " {}={value:?}", field.name());
        } else {
            let _ = write!(self.fields, " {}={REDACTED}", field.name());
        }
    }

    fn finish(self) -> String {
        self.message + &self.fields
    }
}

impl Visit for RedactingVisitor {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.push(field, value);
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        // Strings print without Debug quotes.
        self.push(field, &format_args!("{value}"));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    #[derive(Default)]
    struct Collect(Mutex<Vec<LogRecord>>);

    impl Logger for Collect {
        fn log(&self, record: LogRecord) {
            self.0.lock().unwrap().push(record);
        }
    }

    #[test]
    fn sensitive_fields_never_reach_the_logger() {
        let sink = Arc::new(Collect::default());
        set_logger(sink.clone(), LogLevel::Debug);
        tracing::info!(
            source_id = 7,
            name = "Kim Minji",
            phone = "010-1234-5678",
            token = "sk_live_abc",
            "source linked"
        );
        tracing::trace!(source_id = 8, "below the level");
        let records = sink.0.lock().unwrap().clone();
        let line = records.iter().find(|r| r.line.starts_with("source linked")).expect("the event arrived");
        assert_eq!(line.level, LogLevel::Info);
        assert!(line.line.contains("source_id=7"));
        for secret in ["Kim Minji", "010-1234-5678", "sk_live_abc"] {
            assert!(!line.line.contains(secret), "{secret} leaked into {:?}", line.line);
        }
        assert!(line.line.contains("name=[redacted]"));
        assert!(!records.iter().any(|r| r.line.contains("below the level")));

        // A logger that throws loses its record, never the caller.
        set_logger(Arc::new(Throws), LogLevel::Debug);
        tracing::info!(source_id = 9, "into a throwing logger");
        set_logger(sink.clone(), LogLevel::Debug);
        tracing::info!(source_id = 10, "after it");
        assert!(sink.0.lock().unwrap().iter().any(|r| r.line.starts_with("after it")));
        clear_logger();
    }

    struct Throws;

    impl Logger for Throws {
        fn log(&self, _: LogRecord) {
            panic!("the app's logger failed");
        }
    }
}
