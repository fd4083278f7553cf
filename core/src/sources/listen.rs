//! Sync results pushed to the app, with subscriptions that end when their
//! handle is dropped (as matrix-rust-sdk's task handles do).

use std::sync::{Arc, Weak};

use super::SyncReport;
use crate::registry::Registry;
use crate::SweepError;

/// How one source's sync ended, for the app.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SyncResult {
    /// The source.
    pub source_id: u64,
    /// Attempts made.
    pub attempts: u32,
    /// True when its balances were recorded.
    pub synced: bool,
    /// True when the user must link the source again.
    pub needs_reauth: bool,
    /// Why it was not synced, in a sentence; `None` when it was.
    pub error: Option<String>,
    /// Transactions Sweep had not seen before.
    pub new_transactions: u32,
    /// Why the transaction feed stopped early, when it did; it resumes at
    /// the next sync.
    pub transactions_error: Option<String>,
}

impl From<&SyncReport> for SyncResult {
    fn from(report: &SyncReport) -> Self {
        let error = report.outcome.as_ref().err();
        SyncResult {
            source_id: report.source_id.max(0) as u64,
            attempts: report.attempts,
            synced: report.outcome.is_ok(),
            needs_reauth: matches!(error, Some(SweepError::AuthExpired { .. } | SweepError::AccessRevoked { .. })),
            error: error.map(ToString::to_string),
            new_transactions: report.new_transactions,
            transactions_error: report.transactions_error.as_ref().map(ToString::to_string),
        }
    }
}

/// Receives each source's sync result as soon as it is known. It may be
/// called on any thread, including the one awaiting `sync()`, and never while
/// Sweep holds a lock: keep it short and hand UI work to the main thread.
#[cfg_attr(feature = "ffi", uniffi::export(with_foreign))]
pub trait BalanceListener: Send + Sync {
    /// One source finished syncing.
    fn on_sync_result(&self, result: SyncResult);
}

/// The listeners of one wallet.
#[derive(Default)]
pub struct Listeners(Registry<dyn BalanceListener>);

impl Listeners {
    /// Adds a listener; it stays until the returned subscription is dropped
    /// or cancelled.
    pub fn subscribe(self: &Arc<Self>, listener: Arc<dyn BalanceListener>) -> Arc<BalanceSubscription> {
        let id = self.0.add(listener);
        Arc::new(BalanceSubscription { id, listeners: Arc::downgrade(self) })
    }

    fn remove(&self, id: u64) {
        self.0.remove(id);
    }

    /// Tells every listener; the list is copied first, so no lock is held
    /// while foreign code runs.
    pub fn notify(&self, result: &SyncResult) {
        for listener in self.0.snapshot() {
            listener.on_sync_result(result.clone());
        }
    }

    /// How many listeners are subscribed.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when nobody listens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A subscription to sync results. It ends when this handle is dropped (in
/// Kotlin, `close()`; in Swift, when released) or on `cancel()`.
#[cfg_attr(feature = "ffi", derive(uniffi::Object))]
pub struct BalanceSubscription {
    id: u64,
    listeners: Weak<Listeners>,
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl BalanceSubscription {
    /// Ends the subscription now; calling it again does nothing.
    pub fn cancel(&self) {
        if let Some(listeners) = self.listeners.upgrade() {
            listeners.remove(self.id);
        }
    }
}

impl Drop for BalanceSubscription {
    fn drop(&mut self) {
        self.cancel();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::*;

    struct Count(AtomicU64);

    impl BalanceListener for Count {
        fn on_sync_result(&self, _: SyncResult) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn dropping_the_handle_ends_the_subscription() {
        let listeners = Arc::new(Listeners::default());
        let count = Arc::new(Count(AtomicU64::new(0)));
        let result = SyncResult {
            source_id: 1,
            attempts: 1,
            synced: true,
            needs_reauth: false,
            error: None,
            new_transactions: 0,
            transactions_error: None,
        };
        let handle = listeners.subscribe(count.clone());
        let other = listeners.subscribe(count.clone());
        listeners.notify(&result);
        assert_eq!(count.0.load(Ordering::SeqCst), 2);
        drop(handle);
        other.cancel();
        other.cancel();
        listeners.notify(&result);
        assert_eq!(count.0.load(Ordering::SeqCst), 2, "no calls after the handles went");
        assert!(listeners.is_empty());
    }
}
