//! The `Wallet` facade: the one long-lived object apps hold.
//!
//! Async methods run their SQLite work on the shared tokio runtime's
//! blocking pool (uniffi's `async_runtime = "tokio"`), so they never block
//! the caller's thread and no export calls `block_on`. The one synchronous
//! method, `close()`, waits only for a call already in flight.

use std::any::Any;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

mod bank_legs;
mod collect;
mod data_rights;
mod delete;
/// The provider's answer to a data-deletion request, for the fuzz targets.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) mod delete_answer {
    pub(crate) use super::delete::ProviderAnswer;
}
mod fees;
mod identity;
mod in_flight;
mod keys;
mod lifecycle;
mod notices;
pub use data_rights::ExportSummary;
pub use delete::{AccountDeletion, ProviderDeletion, RetainedRecord};
pub use fees::ScheduleStatus;
pub use keys::restore_wrapped_key;
pub use lifecycle::{LinkOutcome, LinkResult, SourceRemoval};
pub use notices::{StatusChange, StatusNotice};
pub use reminders::{Reminder, ReminderKind};
mod payees;
mod receipts;
mod reminders;
mod risk;
mod tracking;
mod withdrawals;

pub use tracking::{WithdrawalListener, WithdrawalSubscription};
pub use withdrawals::{SimSwapCheck, Withdrawal, WithdrawalLeg};

pub use identity::{CaptureReceipt, CaptureSubmission, IdentityStatus, UploadResult};

use crate::ledger::{self, LedgerReport};
use crate::money::Locale;
use crate::sources::{
    self, BalanceListener, BalanceSubscription, CarrierRefund, ConnectedSource, Dashboard, Link, LinkRequest,
    LinkedConnector, Listeners, ManualSource, OAuthConfig, PendingSignIn, SharedStore, SourceConnector, SourceEndpoint,
    SourceTransaction, SyncPolicy, SyncResult, SyncTarget,
};
use crate::store::keys::KeyProvider;
use crate::store::Store;
use crate::SweepError;

/// The database file inside the wallet's data directory.
pub const DATABASE_FILE: &str = "sweep-wallet.db";

/// Where and how to open a wallet.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct WalletConfig {
    /// A directory private to the app; created if missing.
    pub data_dir: String,
    /// A BCP 47 locale for formatted amounts, for example `"ko-KR"`.
    /// Unknown locales fall back by language, then to `"en-US"`.
    pub locale: String,
}

/// An open wallet. Hold one per data directory and call `close()` when done.
#[cfg_attr(feature = "ffi", derive(uniffi::Object))]
pub struct Wallet {
    store: SharedStore,
    locale: Locale,
    connectors: Mutex<BTreeMap<i64, Arc<dyn SourceConnector>>>,
    /// The linked sources among them, which carry OAuth tokens.
    linked: Mutex<BTreeMap<i64, Arc<LinkedConnector>>>,
    listeners: Arc<Listeners>,
    /// Withdrawal trackers' listeners.
    trackers: Arc<tracking::Trackers>,
    /// Sign-ins in progress, by `state`; each is used once.
    pending_links: Mutex<in_flight::InFlight<(Arc<PendingSignIn>, Arc<LinkTarget>)>>,
    /// Bank-payment authorisations in progress, by `state`: the withdrawal
    /// and the leg each is for.
    pending_payments: Mutex<in_flight::InFlight<PendingPayment>>,
    /// How new payees cool down.
    payee_policy: Mutex<crate::withdrawals::PayeePolicy>,
    /// The data directory's lock, held from `open` until `close` (or drop).
    dir_lock: Mutex<Option<std::fs::File>>,
    /// Tracking tasks, stopped by `close` even in the middle of a long poll.
    tracker_tasks: Mutex<Vec<tokio::task::AbortHandle>>,
    /// The data directory, for `delete_account`.
    data_dir: PathBuf,
}

impl Wallet {
    /// Runs `work` on the blocking pool with the store, if still open.
    async fn with_store<T, F>(&self, work: F) -> Result<T, SweepError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, SweepError> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        run_blocking(move || {
            let mut guard = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let store = guard.as_mut().ok_or(SweepError::WalletClosed)?;
            work(store)
        })
        .await
    }

    /// Keeps a linked source's connector, for syncs and refunds.
    fn keep_linked(&self, id: i64, linked: Arc<LinkedConnector>) {
        self.connectors
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, Arc::clone(&linked) as Arc<dyn SourceConnector>);
        self.linked.lock().unwrap_or_else(|p| p.into_inner()).insert(id, linked);
    }

    /// Fails with `WalletClosed` once `close()` ran; calls that go out on
    /// a linked source's token check this first.
    pub(super) async fn ensure_open(&self) -> Result<(), SweepError> {
        self.with_store(|_| Ok(())).await
    }

    pub(super) fn linked(&self, source_id: u64) -> Option<Arc<LinkedConnector>> {
        let id = i64::try_from(source_id).ok()?;
        self.linked.lock().unwrap_or_else(|p| p.into_inner()).get(&id).cloned()
    }
}

/// A bank payment's authorisation in progress: the sign-in, the
/// withdrawal and the leg's index.
type PendingPayment = (Arc<PendingSignIn>, i64, usize);

/// What a sign-in in progress will link: a new source, or one linked before
/// whose grant expired or was revoked.
#[derive(Clone)]
enum LinkTarget {
    New(LinkRequest),
    Existing { source_id: i64, endpoint: SourceEndpoint, oauth: OAuthConfig },
}

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// Opens the wallet in `config.data_dir`, creating it on first use. The
    /// key provider wraps the wallet's data key; it is called once, off the
    /// caller's thread.
    #[cfg_attr(feature = "ffi", uniffi::constructor)]
    pub async fn open(config: WalletConfig, key_provider: Arc<dyn KeyProvider>) -> Result<Arc<Wallet>, SweepError> {
        let dir = PathBuf::from(config.data_dir.trim());
        if dir.as_os_str().is_empty() {
            return Err(SweepError::invalid("data_dir", "must not be empty"));
        }
        let locale = Locale::from_tag(&config.locale);
        // Errors from here on, opening included, speak the wallet's language.
        crate::text::set_language(crate::text::Lang::of(locale));
        let data_dir = dir.clone();
        let (store, links, dir_lock) = run_blocking(move || {
            std::fs::create_dir_all(&dir)
                .map_err(|e| SweepError::Storage { reason: format!("cannot create the data directory: {e}") })?;
            // Before anything is read or created: one Wallet per directory.
            let dir_lock = lock_dir(&dir)?;
            let store = Store::open(&dir.join(DATABASE_FILE), key_provider.as_ref())?;
            let links = sources::load_links(&store)?;
            Ok((store, links, dir_lock))
        })
        .await?;
        let wallet = Arc::new(Wallet {
            store: Arc::new(Mutex::new(Some(store))),
            locale,
            connectors: Mutex::new(BTreeMap::new()),
            linked: Mutex::new(BTreeMap::new()),
            listeners: Arc::new(Listeners::default()),
            trackers: Arc::new(tracking::Trackers::default()),
            pending_links: Mutex::new(in_flight::InFlight::new()),
            pending_payments: Mutex::new(in_flight::InFlight::new()),
            payee_policy: Mutex::new(crate::withdrawals::PayeePolicy::default()),
            dir_lock: Mutex::new(Some(dir_lock)),
            tracker_tasks: Mutex::new(Vec::new()),
            data_dir,
        });
        // Linked sources get their connectors back from the sealed links.
        for (id, link) in links {
            wallet.keep_linked(id, LinkedConnector::new(id, Arc::clone(&wallet.store), link)?);
        }
        tracing::info!(locale = locale.tag(), "wallet opened");
        Ok(wallet)
    }

    /// Adds a balance the user typed in. Returns the new source's id. Bad
    /// input gets a typed error and writes nothing.
    pub async fn add_manual_source(&self, source: ManualSource) -> Result<u64, SweepError> {
        let id = self.with_store(move |store| sources::add_manual_source(store, &source, now_ms())).await?;
        tracing::info!(source_id = id, "manual source added");
        Ok(id as u64)
    }

    /// Every source's balance and eligibility, the cashable total per
    /// currency, the refund rules' advice, and which currencies the
    /// provider pays out. Reads one summary row per source, whatever the history.
    pub async fn dashboard(&self) -> Result<Dashboard, SweepError> {
        let locale = self.locale;
        self.with_store(move |store| {
            let mut home = sources::dashboard(store, locale)?;
            let cached = crate::fees::cached_schedule(store)?;
            home.payouts = crate::fees::payout_support(&home.sources, cached.as_ref().map(|c| &c.schedule));
            Ok(home)
        })
        .await
    }

    /// Checks the whole ledger: every sealed amount, the hash chain and its
    /// head, every summary, that the stored sources are exactly those the
    /// ledger covers, and that every finished withdrawal's money adds up
    /// (collected = paid out + fee + sent back).
    pub async fn verify_ledger(&self) -> Result<LedgerReport, SweepError> {
        let report = self
            .with_store(|store| {
                let mut report = ledger::verify(store)?;
                // Every finished withdrawal: collected = paid out + fee + sent back.
                for id in crate::withdrawals::record::all_ids(store)? {
                    let stored = crate::withdrawals::record::load(store, id)?;
                    if crate::withdrawals::conservation::check(&stored)? {
                        report.withdrawals += 1;
                    }
                }
                Ok(report)
            })
            .await?;
        tracing::info!(entries = report.entries, "ledger verified");
        Ok(report)
    }

    /// Adds a source that `connector` reads (for example the app's own
    /// in-app credits, implemented in Kotlin or Swift). Its balances appear
    /// with the next `sync()`. Returns the new source's id.
    pub async fn add_connected_source(
        &self,
        source: ConnectedSource,
        connector: Arc<dyn SourceConnector>,
    ) -> Result<u64, SweepError> {
        let id = self.with_store(move |store| sources::add_connected_source(store, &source, now_ms())).await?;
        self.connectors.lock().unwrap_or_else(|p| p.into_inner()).insert(id, connector);
        tracing::info!(source_id = id, "connected source added");
        Ok(id as u64)
    }

    /// Attaches a connector to a source added earlier, for example after
    /// the app restarts (connectors live in memory only).
    pub async fn attach_connector(
        &self,
        source_id: u64,
        connector: Arc<dyn SourceConnector>,
    ) -> Result<(), SweepError> {
        let id = i64::try_from(source_id).map_err(|_| SweepError::SourceNotFound { source_id })?;
        // Not found when removed, too.
        let found = self.with_store(move |store| crate::sources::present(store, id)).await?;
        if found.provider == "manual" {
            // A typed-in balance must not be overwritten by a sync.
            return Err(SweepError::invalid("source_id", "a manual source cannot have a connector"));
        }
        self.connectors.lock().unwrap_or_else(|p| p.into_inner()).insert(id, connector);
        Ok(())
    }

    /// Starts linking a source (a Source API platform, an Open Banking bank
    /// or a mobile operator's carrier billing): returns the URL the app opens
    /// in the browser (Custom Tabs, ASWebAuthenticationSession). When the
    /// browser comes back to the redirect URI, pass that URL to
    /// `complete_link`. No client secret is involved: the sign-in uses PKCE.
    pub fn begin_link(&self, request: LinkRequest) -> Result<String, SweepError> {
        request.endpoint.check(request.kind)?;
        if request.name.trim().is_empty() {
            return Err(SweepError::invalid("name", "must not be empty"));
        }
        let pending = PendingSignIn::begin(request.oauth.clone())?;
        let url = pending.authorize_url()?;
        let state = pending.state().to_owned();
        let target = LinkTarget::New(request);
        self.pending_links
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(state, (Arc::new(pending), Arc::new(target)));
        Ok(url)
    }

    /// Starts linking a source again, with the platform, bank or operator
    /// it was linked with, for example once it shows `NeedsReauth` or
    /// `Revoked`. Returns the URL to open; pass the callback to
    /// `complete_link`, which then keeps the source, its balances and its
    /// history, and returns the same id.
    pub async fn begin_relink(&self, source_id: u64) -> Result<String, SweepError> {
        self.ensure_open().await?;
        let linked =
            self.linked(source_id).ok_or_else(|| SweepError::invalid("source_id", "not a source linked with OAuth"))?;
        let (endpoint, oauth) = linked.link_settings().await;
        let pending = PendingSignIn::begin(oauth.clone())?;
        let url = pending.authorize_url()?;
        let state = pending.state().to_owned();
        let target = LinkTarget::Existing { source_id: source_id as i64, endpoint, oauth };
        self.pending_links
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(state, (Arc::new(pending), Arc::new(target)));
        Ok(url)
    }

    /// Finishes linking with the callback URL the browser came back to:
    /// checks it, exchanges the code, seals the tokens with the source,
    /// and says which source it is and how it was linked:
    /// - a new source, or a typed-in balance of the same platform taken
    ///   over with its history (`AdoptedTypedIn`), so nothing counts twice;
    /// - for `begin_relink`, the same source, `Linked` again, when the
    ///   sign-in is the same user's; another user's sign-in becomes a new
    ///   source (`OtherAccount`) and the old one stays as it was.
    ///
    /// A callback is accepted once; a wrong or replayed `state` is
    /// `InvalidInput { field: "state" }`.
    pub async fn complete_link(&self, callback_url: String) -> Result<LinkResult, SweepError> {
        let state = callback_state(&callback_url)?;
        let (pending, target) = self
            .pending_links
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&state)
            .ok_or_else(|| SweepError::invalid("state", "does not match a sign-in in progress"))?;
        // Checked before the sign-in is used up: a forged callback (another
        // issuer, another redirect) leaves the real one waiting.
        let code = pending.code_from_callback(&callback_url)?;
        if self.pending_links.lock().unwrap_or_else(|p| p.into_inner()).remove(&state).is_none() {
            return Err(SweepError::invalid("state", "does not match a sign-in in progress"));
        }
        if let LinkTarget::New(request) = target.as_ref() {
            // A bad `replaces_source_id` is refused before any token is issued.
            let request = request.clone();
            self.with_store(move |store| sources::typed_in_to_adopt(store, &request)).await?;
        }
        let grant = pending.exchange(&code).await?;
        match Arc::unwrap_or_clone(target) {
            LinkTarget::New(request) => {
                let link = Link::new(request.endpoint.clone(), request.oauth.clone(), &grant);
                let (id, outcome, name) = self.link_new(request, link).await?;
                tracing::info!(source_id = id, "source linked");
                Ok(LinkResult::new(id, outcome, &name))
            }
            LinkTarget::Existing { source_id: id, endpoint, oauth } => {
                let link = Link::new(endpoint.clone(), oauth.clone(), &grant);
                let (before, (name, kind)) = self
                    .with_store(move |store| Ok((sources::load_link(store, id)?, sources::name_and_kind(store, id)?)))
                    .await?;
                if before.as_ref().is_some_and(|before| !sources::same_user(before, &link)) {
                    // Another account: never attach it to this source.
                    let request = LinkRequest { name: name.clone(), kind, endpoint, oauth, replaces_source_id: None };
                    let (new_id, _, _) = self.link_new(request, link).await?;
                    tracing::info!(source_id = new_id, "relink to another account linked as a new source");
                    let outcome = LinkOutcome::OtherAccount { previous_source_id: id as u64 };
                    return Ok(LinkResult::new(new_id, outcome, &name));
                }
                let stored = link.clone();
                self.with_store(move |store| sources::relink_source(store, id, &stored)).await?;
                match self.linked(id as u64) {
                    Some(linked) => linked.replace(link).await?,
                    None => self.keep_linked(id, LinkedConnector::new(id, Arc::clone(&self.store), link)?),
                }
                tracing::info!(source_id = id, "source linked again");
                Ok(LinkResult::new(id, LinkOutcome::LinkedAgain, &name))
            }
        }
    }

    /// Reads every source with an attached connector at once, records what
    /// each reported, and tells subscribers as each finishes. One source's
    /// failure never stops the others; the results, in source-id order, say
    /// what happened to each.
    pub async fn sync(&self) -> Result<Vec<SyncResult>, SweepError> {
        // Fails fast once closed; linked sources refresh their tokens
        // inside their own sync, so one slow token endpoint delays no other.
        self.ensure_open().await?;
        let targets: Vec<SyncTarget> = self
            .connectors
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .map(|(id, connector)| SyncTarget { source_id: *id, connector: Arc::clone(connector) })
            .collect();

        let listeners = Arc::clone(&self.listeners);
        let reports = sources::sync_sources(Arc::clone(&self.store), targets, &SyncPolicy::default(), |report| {
            listeners.notify(&SyncResult::from(report));
        })
        .await;
        tracing::info!(count = reports.len(), "sync finished");
        Ok(reports.iter().map(SyncResult::from).collect())
    }

    /// How many sources `sync()` reads now: those with a connector attached.
    /// The length of a sync's progress bar.
    pub fn connected_source_count(&self) -> u32 {
        self.connectors.lock().unwrap_or_else(|p| p.into_inner()).len() as u32
    }

    /// A source's transactions as far as Sweep has read them, newest first,
    /// at most `limit` (1 to 1,000).
    pub async fn transactions(&self, source_id: u64, limit: u32) -> Result<Vec<SourceTransaction>, SweepError> {
        if !(1..=1_000).contains(&limit) {
            return Err(SweepError::invalid("limit", "must be 1 to 1000"));
        }
        let id = i64::try_from(source_id).map_err(|_| SweepError::SourceNotFound { source_id })?;
        self.with_store(move |store| {
            let exists: bool =
                store.conn().query_row("SELECT EXISTS (SELECT 1 FROM sources WHERE id = ?1)", [id], |r| r.get(0))?;
            if !exists {
                return Err(SweepError::SourceNotFound { source_id });
            }
            sources::load_transactions(store, id, limit)
        })
        .await
    }

    /// Refunds everything still refundable on a linked carrier-billing
    /// source, each payment back to its own phone bill, then syncs the
    /// source so its balance shows what is left. This is the only way Sweep
    /// moves phone-bill money: it never becomes cash.
    pub async fn refund_carrier_billing(&self, source_id: u64) -> Result<Vec<CarrierRefund>, SweepError> {
        self.ensure_open().await?;
        let linked = self
            .linked(source_id)
            .ok_or_else(|| SweepError::invalid("source_id", "not a linked carrier-billing source"))?;
        let operator = linked.carrier_billing().await?;
        let refunds = operator.refund_all_remaining().await?;
        let id = source_id as i64;
        tracing::info!(source_id = id, count = refunds.len(), "carrier refunds requested");
        let target = SyncTarget { source_id: id, connector: linked };
        let listeners = Arc::clone(&self.listeners);
        sources::sync_sources(Arc::clone(&self.store), vec![target], &SyncPolicy::default(), |report| {
            listeners.notify(&SyncResult::from(report));
        })
        .await;
        Ok(refunds)
    }

    /// Subscribes `listener` to sync results until the returned handle is
    /// dropped or cancelled.
    pub fn subscribe_sync_results(&self, listener: Arc<dyn BalanceListener>) -> Arc<BalanceSubscription> {
        self.listeners.subscribe(listener)
    }

    /// Closes the database. Later calls fail with `WalletClosed`; closing
    /// twice is harmless.
    pub fn close(&self) {
        let store = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take();
        drop(store);
        // Connectors hold tokens in memory: drop them with the database.
        self.connectors.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.linked.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.pending_links.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.pending_payments.lock().unwrap_or_else(|p| p.into_inner()).clear();
        // Tracking stops now, not after its long poll: a closed wallet sends nothing.
        for task in self.tracker_tasks.lock().unwrap_or_else(|p| p.into_inner()).drain(..) {
            task.abort();
        }
        // Last: the directory is free for another Wallet once the database is shut.
        self.dir_lock.lock().unwrap_or_else(|p| p.into_inner()).take();
    }
}

/// The `state` a sign-in's callback URL carries, which names the sign-in.
fn callback_state(callback_url: &str) -> Result<String, SweepError> {
    url::Url::parse(callback_url)
        .ok()
        .and_then(|u| u.query_pairs().find(|(k, _)| k == "state").map(|(_, v)| v.into_owned()))
        .ok_or_else(|| SweepError::invalid("state", "the callback has none"))
}

/// The lock file in a wallet's data directory.
const LOCK_FILE: &str = "sweep-wallet.lock";

/// Takes the data directory's exclusive lock (an advisory file lock, which
/// the OS releases if the process dies), or says who has it:
/// `WalletInUse`. Held for as long as the wallet is open, it keeps two
/// processes from creating a wallet at once (each with its own data key)
/// and from checking limits against each other's unwritten withdrawals.
fn lock_dir(dir: &std::path::Path) -> Result<std::fs::File, SweepError> {
    let storage = |e: std::io::Error| SweepError::Storage { reason: format!("cannot lock the data directory: {e}") };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(dir.join(LOCK_FILE))
        .map_err(storage)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(SweepError::WalletInUse { data_dir: dir.display().to_string() }),
        Err(std::fs::TryLockError::Error(e)) => Err(storage(e)),
    }
}

/// Runs blocking work on the runtime's blocking pool; a panic inside
/// becomes `Internal`, never a crash across the FFI.
async fn run_blocking<T, F>(work: F) -> Result<T, SweepError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, SweepError> + Send + 'static,
{
    // The work goes through one boxed, type-erased job, so tokio's task
    // machinery is built once for every caller rather than once per
    // closure type: about 0.2 MB less library (docs/performance.md).
    let job: ErasedJob = Box::new(move || work().map(|value| Box::new(value) as Box<dyn Any + Send>));
    let value = run_erased(job).await?;
    value
        .downcast::<T>()
        .map(|boxed| *boxed)
        .map_err(|_| SweepError::Internal { reason: "a job's result changed type".into() })
}

/// A blocking job whose result type is erased.
type ErasedJob = Box<dyn FnOnce() -> Result<Box<dyn Any + Send>, SweepError> + Send>;

async fn run_erased(job: ErasedJob) -> Result<Box<dyn Any + Send>, SweepError> {
    tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| SweepError::Internal { reason: format!("background task failed: {e}") })?
}

pub(super) fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}
