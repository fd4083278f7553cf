//! The sync engine: reads every source at once, within bounds, and records
//! what each reported.
//!
//! - At most `max_concurrency` sources are read at a time.
//! - Each attempt has its own time limit, and each source a time budget
//!   for all its attempts, waits and feed pages together.
//! - Network errors, time-outs and 5xx are retried with exponential backoff
//!   and full jitter; a 429 waits for its `Retry-After` (up to a cap).
//! - An expired grant marks the source `NeedsReauth`, a revoked one
//!   `Revoked`; nothing else about the source changes.
//! - One source's failure never blocks or corrupts the others: each source's
//!   balances land in the ledger in a transaction of its own.
//! - After its balances, a source's transaction feed is read from the stored
//!   cursor on, a page at a time; each page lands with its cursor.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::time::Instant;

use ring::rand::{SecureRandom, SystemRandom};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::{
    load_cursor, record_observation, record_transactions, set_auth_state, AuthState, SourceConnector, TransactionPage,
};
use crate::store::Store;
use crate::SweepError;

/// A store shared by the wallet and the sync engine; `None` once closed.
pub type SharedStore = Arc<Mutex<Option<Store>>>;

/// One source to sync and the connector that reads it.
#[derive(Clone)]
pub struct SyncTarget {
    /// The source's id in the store.
    pub source_id: i64,
    /// How to read it.
    pub connector: Arc<dyn SourceConnector>,
}

/// Bounds and retry rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncPolicy {
    /// Sources read at the same time.
    pub max_concurrency: usize,
    /// Time limit of one attempt.
    pub attempt_timeout: Duration,
    /// Time budget of one source: its attempts, backoffs and feed pages
    /// together. A source still running then ends with `Timeout`; what it
    /// recorded before stays.
    pub source_timeout: Duration,
    /// Attempts per source, the first included.
    pub max_attempts: u32,
    /// The first backoff; it doubles per attempt.
    pub base_backoff: Duration,
    /// The largest backoff.
    pub max_backoff: Duration,
    /// The longest `Retry-After` honoured; a longer one ends the source's sync.
    pub max_retry_after: Duration,
}

impl Default for SyncPolicy {
    fn default() -> Self {
        SyncPolicy {
            // Sources are mostly different hosts and each request is small;
            // 64 lets a typical wallet's sources all be read at once.
            max_concurrency: 64,
            attempt_timeout: Duration::from_secs(15),
            source_timeout: Duration::from_secs(60),
            max_attempts: 4,
            base_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

/// The most transaction pages one sync reads from a source; the rest
/// follows at the next sync, from the stored cursor.
pub const MAX_PAGES_PER_SYNC: u32 = 20;

/// How one source's sync ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    /// The source.
    pub source_id: i64,
    /// Attempts made.
    pub attempts: u32,
    /// The last ledger entry written, or why the source was not synced.
    pub outcome: Result<u64, SweepError>,
    /// Transactions stored for the first time.
    pub new_transactions: u32,
    /// Why the transaction feed stopped early, when it did; the balances
    /// are recorded all the same, and the next sync resumes the feed.
    pub transactions_error: Option<SweepError>,
}

/// Errors worth another attempt.
fn retryable(err: &SweepError) -> bool {
    match err {
        SweepError::Network { .. } | SweepError::Timeout { .. } | SweepError::RateLimited { .. } => true,
        SweepError::SourceFailed { status } => *status >= 500,
        _ => false,
    }
}

/// Full jitter: a random wait between zero and the capped exponential.
fn backoff(policy: &SyncPolicy, attempt: u32) -> Duration {
    let ceiling = policy.base_backoff.saturating_mul(1u32 << attempt.min(16)).min(policy.max_backoff);
    let mut bytes = [0u8; 4];
    let fraction = match SystemRandom::new().fill(&mut bytes) {
        Ok(()) => f64::from(u32::from_be_bytes(bytes)) / f64::from(u32::MAX),
        Err(_) => 0.5,
    };
    ceiling.mul_f64(fraction)
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// Runs blocking store work on the blocking pool (also used by uploads).
pub(crate) async fn with_store<T: Send + 'static>(
    store: &SharedStore,
    work: impl FnOnce(&mut Store) -> Result<T, SweepError> + Send + 'static,
) -> Result<T, SweepError> {
    let store = Arc::clone(store);
    tokio::task::spawn_blocking(move || {
        let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
        work(guard.as_mut().ok_or(SweepError::WalletClosed)?)
    })
    .await
    .map_err(|e| SweepError::Internal { reason: format!("sync task failed: {e}") })?
}

/// Calls `fetch` until it succeeds, fails for good, runs out of attempts,
/// or reaches `deadline`. Each attempt has the policy's time limit, cut
/// short by the deadline. Returns the attempts made and the last result.
async fn with_retries<T, F, Fut>(
    policy: &SyncPolicy,
    deadline: Instant,
    source_id: i64,
    mut fetch: F,
) -> (u32, Result<T, SweepError>)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, SweepError>>,
{
    let mut attempts = 0;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return (attempts, Err(out_of_budget(policy)));
        }
        attempts += 1;
        let limit = policy.attempt_timeout.min(left);
        let result = match tokio::time::timeout(limit, fetch()).await {
            Ok(result) => result,
            Err(_) if limit < policy.attempt_timeout => return (attempts, Err(out_of_budget(policy))),
            Err(_) => Err(SweepError::Timeout { after_ms: policy.attempt_timeout.as_millis() as u64 }),
        };
        match result {
            Err(err) if retryable(&err) && attempts < policy.max_attempts => {
                let wait = match &err {
                    SweepError::RateLimited { retry_after_ms: Some(ms) } => Duration::from_millis(*ms),
                    _ => backoff(policy, attempts - 1),
                };
                // A wait that would outlast the budget is not worth starting.
                if wait > policy.max_retry_after || Instant::now() + wait >= deadline {
                    return (attempts, Err(err));
                }
                tracing::debug!(source_id, count = attempts, "sync attempt failed; retrying");
                tokio::time::sleep(wait).await;
            }
            other => return (attempts, other),
        }
    }
}

/// The error of a source whose time budget ran out.
fn out_of_budget(policy: &SyncPolicy) -> SweepError {
    SweepError::Timeout { after_ms: policy.source_timeout.as_millis() as u64 }
}

/// Reads one source with retries, records its balances, then its new
/// transactions.
async fn sync_one(store: SharedStore, target: SyncTarget, policy: SyncPolicy) -> SyncReport {
    let source_id = target.source_id;
    let deadline = Instant::now() + policy.source_timeout;
    let connector = Arc::clone(&target.connector);
    let (attempts, fetched) = with_retries(&policy, deadline, source_id, || connector.fetch_balances()).await;
    let outcome = match fetched {
        Ok(balances) => with_store(&store, move |s| record_observation(s, source_id, &balances, now_ms())).await,
        Err(err) => {
            record_auth_failure(&store, source_id, &err).await;
            Err(err)
        }
    };
    let mut report = SyncReport { source_id, attempts, outcome, new_transactions: 0, transactions_error: None };
    if report.outcome.is_ok() {
        match sync_transactions(&store, &target, &policy, deadline).await {
            Ok(added) => report.new_transactions = added,
            Err((added, err)) => {
                report.new_transactions = added;
                report.transactions_error = Some(err);
            }
        }
    }
    report
}

/// Moves a source whose grant failed to `NeedsReauth` or `Revoked`.
async fn record_auth_failure(store: &SharedStore, source_id: i64, err: &SweepError) {
    let state = match err {
        SweepError::AuthExpired { .. } => AuthState::NeedsReauth,
        SweepError::AccessRevoked { .. } => AuthState::Revoked,
        _ => return,
    };
    if with_store(store, move |s| set_auth_state(s, source_id, state)).await.is_err() {
        tracing::warn!(source_id, "could not record the auth state");
    }
}

/// Reads the source's feed from its stored cursor, page by page, each page
/// stored with the cursor after it. Returns the new transactions, or how
/// many were stored before the feed failed, and why.
async fn sync_transactions(
    store: &SharedStore,
    target: &SyncTarget,
    policy: &SyncPolicy,
    deadline: Instant,
) -> Result<u32, (u32, SweepError)> {
    let source_id = target.source_id;
    let mut added = 0;
    for _ in 0..MAX_PAGES_PER_SYNC {
        let cursor = with_store(store, move |s| load_cursor(s, source_id)).await.map_err(|e| (added, e))?;
        let (_, page) =
            with_retries(policy, deadline, source_id, || target.connector.fetch_transactions(cursor.clone())).await;
        let page: TransactionPage = page.map_err(|e| (added, e))?;
        let more = page.has_more && page.next_cursor.is_some() && page.next_cursor != cursor;
        added += with_store(store, move |s| record_transactions(s, source_id, &page)).await.map_err(|e| (added, e))?;
        if !more {
            break;
        }
    }
    Ok(added)
}

/// Syncs every target, at most `policy.max_concurrency` at a time, and
/// reports each as it finishes through `on_report`. Returns the reports in
/// the order the targets were given.
pub async fn sync_sources(
    store: SharedStore,
    targets: Vec<SyncTarget>,
    policy: &SyncPolicy,
    mut on_report: impl FnMut(&SyncReport),
) -> Vec<SyncReport> {
    let permits = Arc::new(Semaphore::new(policy.max_concurrency.max(1)));
    let mut tasks = JoinSet::new();
    let order: Vec<i64> = targets.iter().map(|t| t.source_id).collect();
    for target in targets {
        let (store, policy, permits) = (Arc::clone(&store), policy.clone(), Arc::clone(&permits));
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await;
            sync_one(store, target, policy).await
        });
    }
    let mut reports = Vec::with_capacity(order.len());
    while let Some(joined) = tasks.join_next().await {
        let report = joined.unwrap_or_else(|e| SyncReport {
            source_id: -1,
            attempts: 0,
            outcome: Err(SweepError::Internal { reason: format!("sync task failed: {e}") }),
            new_transactions: 0,
            transactions_error: None,
        });
        on_report(&report);
        reports.push(report);
    }
    reports.sort_by_key(|r| order.iter().position(|id| *id == r.source_id).unwrap_or(usize::MAX));
    reports
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stays_under_the_cap() {
        let policy = SyncPolicy {
            base_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(800),
            ..SyncPolicy::default()
        };
        for attempt in 0..10 {
            let ceiling = Duration::from_millis(100 * (1 << attempt.min(3)));
            assert!(backoff(&policy, attempt) <= ceiling.min(Duration::from_millis(800)));
        }
    }

    #[test]
    fn only_transient_failures_are_retried() {
        assert!(retryable(&SweepError::SourceFailed { status: 503 }));
        assert!(retryable(&SweepError::RateLimited { retry_after_ms: None }));
        assert!(!retryable(&SweepError::SourceFailed { status: 404 }));
        assert!(!retryable(&SweepError::AuthExpired { reason: String::new() }));
        assert!(!retryable(&SweepError::MalformedResponse { reason: String::new() }));
    }
}
