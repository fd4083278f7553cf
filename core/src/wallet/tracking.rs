//! Live withdrawal tracking: a task follows the provider's events feed (a
//! long poll) and tells a `WithdrawalListener` about every change; when the
//! feed is unavailable it falls back to asking about each open withdrawal
//! in turn. The subscription handle stops the task when it is cancelled or
//! dropped.

use std::sync::Arc;
use std::time::Duration;

use super::Wallet;
use crate::registry::Registry;
use crate::withdrawals::legs::LegState;
use crate::withdrawals::{provider, record, WithdrawalState};
use crate::SweepError;

use super::withdrawals::Withdrawal;

/// Receives withdrawal changes. Called from a background task, never while
/// Sweep holds a lock; keep it short and hand UI work to the main thread.
#[cfg_attr(feature = "ffi", uniffi::export(with_foreign))]
pub trait WithdrawalListener: Send + Sync {
    /// A withdrawal moved on.
    fn on_withdrawal(&self, withdrawal: Withdrawal);
}

/// The listeners of running trackers, so that changes the wallet makes
/// itself (a leg collected while withdrawing) are told as well as those the
/// provider reports.
pub(super) type Trackers = Registry<dyn WithdrawalListener>;

/// Tells every tracker's listener; the lock is released before any is called.
pub(super) fn tell(trackers: &Trackers, withdrawal: &Withdrawal) {
    for listener in trackers.snapshot() {
        listener.on_withdrawal(withdrawal.clone());
    }
}

/// A running tracker; it stops when cancelled or dropped.
#[cfg_attr(feature = "ffi", derive(uniffi::Object))]
pub struct WithdrawalSubscription {
    task: tokio::task::AbortHandle,
    trackers: Arc<Trackers>,
    token: u64,
    /// Set by `cancel`: an aborted task is only finished once the runtime
    /// gets to it, so `is_active` cannot go by the task alone.
    cancelled: std::sync::atomic::AtomicBool,
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WithdrawalSubscription {
    /// Stops tracking now; calling it again does nothing.
    pub fn cancel(&self) {
        self.cancelled.store(true, std::sync::atomic::Ordering::SeqCst);
        self.task.abort();
        self.trackers.remove(self.token);
    }

    /// True while it is still following the provider: false once cancelled,
    /// or once its wallet was closed.
    pub fn is_active(&self) -> bool {
        !self.cancelled.load(std::sync::atomic::Ordering::SeqCst) && !self.task.is_finished()
    }
}

impl Drop for WithdrawalSubscription {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// How long one long poll waits, and the fallback's pause between rounds.
const LONG_POLL_SECONDS: u32 = 20;

/// Where a withdrawal and each of its legs stand: a change to any is told.
fn progress(stored: &record::Stored) -> (WithdrawalState, Vec<LegState>) {
    (stored.state, stored.details.collection.iter().map(|l| l.state).collect())
}
const FALLBACK_PAUSE: Duration = Duration::from_secs(2);

impl Wallet {
    /// Applies one event to the withdrawal it names (its state and its
    /// legs'); the change, if any.
    async fn apply_feed_event(&self, event: provider::ProviderWithdrawal) -> Result<Option<Withdrawal>, SweepError> {
        event.state()?;
        let pid = event.withdrawal_id.clone();
        let found = self
            .with_store(move |store| {
                for id in record::open_ids(store)? {
                    let stored = record::load(store, id)?;
                    if stored.details.provider_id.as_deref() == Some(pid.as_str()) {
                        return Ok(Some((id, progress(&stored))));
                    }
                }
                Ok(None)
            })
            .await?;
        let Some((id, before)) = found else { return Ok(None) };
        let after = self.absorb(id, event).await?;
        (progress(&after) != before).then(|| self.shown_stored(&after)).transpose()
    }

    /// One round of the fallback: ask about every open withdrawal.
    async fn poll_open(&self, listener: &Arc<dyn WithdrawalListener>) -> Result<(), SweepError> {
        let open = self.with_store(|store| record::open_ids(store)).await?;
        for id in open {
            let before = progress(&self.with_store(move |store| record::load(store, id)).await?);
            if let Ok(now) = self.refresh_withdrawal(id as u64).await {
                if (now.state, now.legs.iter().map(|l| l.state).collect()) != before {
                    listener.on_withdrawal(now);
                }
            }
        }
        Ok(())
    }

    async fn follow(self: Arc<Self>, listener: Arc<dyn WithdrawalListener>) {
        let mut cursor = 0;
        loop {
            let provider_url = match self.provider().await {
                Ok(url) => url,
                // A closed wallet sends nothing more: tracking ends.
                Err(SweepError::WalletClosed) => return,
                Err(_) => {
                    tokio::time::sleep(FALLBACK_PAUSE).await;
                    continue;
                }
            };
            match provider::events(&provider_url, cursor, LONG_POLL_SECONDS).await {
                Ok(page) => {
                    for event in page.events {
                        if let Ok(Some(changed)) = self.apply_feed_event(event).await {
                            listener.on_withdrawal(changed);
                        }
                    }
                    cursor = page.next;
                }
                Err(_) => {
                    let _ = self.poll_open(&listener).await;
                    tokio::time::sleep(FALLBACK_PAUSE).await;
                }
            }
        }
    }
}

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// Tracks withdrawals live: every change the provider reports (through
    /// its events feed, or by asking when the feed is unavailable) is
    /// applied and passed to `listener`, each once, in order of the
    /// provider's versions. Tracking stops when the handle is dropped or
    /// cancelled.
    pub async fn track_withdrawals(
        self: Arc<Self>,
        listener: Arc<dyn WithdrawalListener>,
    ) -> Arc<WithdrawalSubscription> {
        let token = self.trackers.add(Arc::clone(&listener));
        let task = tokio::spawn(Arc::clone(&self).follow(listener));
        let mut tasks = self.tracker_tasks.lock().unwrap_or_else(|p| p.into_inner());
        tasks.retain(|t| !t.is_finished());
        tasks.push(task.abort_handle());
        drop(tasks);
        Arc::new(WithdrawalSubscription {
            task: task.abort_handle(),
            trackers: Arc::clone(&self.trackers),
            token,
            cancelled: std::sync::atomic::AtomicBool::new(false),
        })
    }
}
