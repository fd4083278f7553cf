//! The sandbox provider: a stateful fake of the Sweep Source API (balances
//! and transaction feeds), UK Open Banking account information (consents,
//! accounts, balances) and CAMARA carrier billing (payments, remaining
//! amounts, refunds), the provider API (fees, quotes), a tus endpoint for
//! ID captures, with an OAuth issuer per platform and knobs for
//! latency and injected faults on the Source API. Tests start it on a
//! loopback port; app developers run it as the `sweep-sandbox` binary.

mod bank_authority;
mod bank_payments;
mod camara;
mod camara_identity;
mod collection;
mod data;
mod data_deletion;
mod feed;
mod knobs;
mod language;
mod oauth;
mod open_banking;
mod payees;
mod payouts;
mod platforms;
mod provider;
mod receipts;
mod signing;
mod source_api;
mod tus;
mod verification;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use camara_identity::SUBSCRIBER_NUMBER;
pub use data::{OTHER_PLATFORMS, TOKENS};
pub use feed::PAGE_SIZE as TRANSACTION_PAGE_SIZE;
pub use knobs::{Fault, Knobs};
pub use open_banking::{
    ACCOUNT_ID as OPEN_BANKING_ACCOUNT, KRW_ACCOUNT_ID as OPEN_BANKING_KRW_ACCOUNT, KRW_BOOK as BANK_BOOK,
};

/// One withdrawal as the sandbox provider's books have it.
#[derive(Debug, Clone)]
pub struct WithdrawalBooks {
    /// The provider's id.
    pub id: String,
    /// Its status at the provider.
    pub status: String,
    /// Paid to the payee (once `processing`, `sent` or `completed`).
    pub paid_out: i64,
    /// The fee the provider kept (likewise).
    pub fee: i64,
    /// What the payout was made from (likewise).
    pub gross: i64,
    /// Its legs.
    pub legs: Vec<LegBooks>,
}

/// One leg in the provider's books.
#[derive(Debug, Clone)]
pub struct LegBooks {
    /// Its collection reference.
    pub destination: String,
    /// What it asks for.
    pub amount: i64,
    /// `pending`, `collected`, `failed` or `returned`.
    pub status: String,
}

/// Shared state of a running sandbox.
#[derive(Clone, Default)]
pub struct State {
    knobs: Arc<Mutex<Knobs>>,
    requests: Arc<AtomicU64>,
    in_flight: Arc<AtomicU64>,
    max_in_flight: Arc<AtomicU64>,
    /// Every HTTP request served.
    served: Arc<AtomicU64>,
    /// Withdrawal requests refused while the provider was down.
    provider_down_answers: Arc<AtomicU64>,
    oauth: Arc<Mutex<oauth::Grants>>,
    feeds: Arc<Mutex<feed::Feeds>>,
    operator: Arc<Mutex<camara::Operator>>,
    bank: Arc<Mutex<open_banking::Bank>>,
    provider: Arc<Mutex<provider::Provider>>,
    uploads: Arc<Mutex<tus::Uploads>>,
    sessions: Arc<Mutex<verification::Sessions>>,
    payouts: Arc<Mutex<payouts::Payouts>>,
    deletions: Arc<Mutex<data_deletion::Deletions>>,
    platforms: Arc<Mutex<platforms::Platforms>>,
    directory: Arc<Mutex<payees::Directory>>,
    /// The bearer tokens Number Verification and KYC Match were called with.
    identity_tokens: Arc<Mutex<Vec<String>>>,
}

impl State {
    fn knobs(&self) -> Knobs {
        self.knobs.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The fault for this request, counting down `fault_times`.
    fn take_fault(&self) -> Option<Fault> {
        let mut knobs = self.knobs.lock().unwrap_or_else(|p| p.into_inner());
        let fault = knobs.fault?;
        if knobs.fault_times > 0 {
            knobs.fault_times -= 1;
            if knobs.fault_times == 0 {
                knobs.fault = None;
            }
        }
        Some(fault)
    }

    /// Counts a request in flight until the guard drops.
    fn enter(&self) -> InFlight {
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(Arc::clone(&self.in_flight))
    }
}

/// Counts every HTTP request served, for round-trip measurements.
async fn count_request(
    axum::extract::State(state): axum::extract::State<State>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    state.served.fetch_add(1, Ordering::Relaxed);
    next.run(request).await
}

/// Decrements the in-flight count when a request ends.
struct InFlight(Arc<AtomicU64>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A running sandbox; it stops when dropped.
pub struct Sandbox {
    addr: SocketAddr,
    state: State,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// The routes, for embedding in another server.
pub fn router(state: State) -> axum::Router {
    source_api::routes()
        .merge(oauth::routes())
        .merge(open_banking::routes())
        .merge(camara::routes())
        .merge(provider::routes())
        .merge(tus::routes())
        .merge(verification::routes())
        .merge(data_deletion::routes())
        .merge(payouts::routes())
        .merge(platforms::routes())
        .merge(receipts::routes())
        .merge(payees::routes())
        .merge(camara_identity::routes())
        .merge(knobs::routes())
        .route("/_sandbox/transactions", axum::routing::post(feed::append))
        .layer(axum::middleware::from_fn(language::speak))
        .layer(axum::middleware::from_fn_with_state(state.clone(), count_request))
        .with_state(state)
}

impl Sandbox {
    /// Starts on a free loopback port.
    pub async fn start() -> std::io::Result<Sandbox> {
        Self::start_on(SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Starts on `addr`.
    pub async fn start_on(addr: SocketAddr) -> std::io::Result<Sandbox> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let state = State::default();
        let (shutdown, stopped) = oneshot::channel::<()>();
        let app = router(state.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(Sandbox { addr, state, shutdown: Some(shutdown), task: Some(task) })
    }

    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL of its Open Banking AISP API.
    pub fn open_banking_url(&self) -> String {
        format!("http://{}/open-banking/v4.0/aisp", self.addr)
    }

    /// The base URLs of its CAMARA Carrier Billing and Refund APIs.
    pub fn camara_urls(&self) -> (String, String) {
        (
            format!("http://{}/carrier-billing/v0.5", self.addr),
            format!("http://{}/carrier-billing-refund/v0.3", self.addr),
        )
    }

    /// The OAuth issuer of one sandbox platform (a token from [`TOKENS`]):
    /// `{issuer}/authorize` approves at once and `{issuer}/token` checks
    /// PKCE, so the demo can link without a browser.
    pub fn oauth_issuer(&self, platform: &str) -> String {
        format!("http://{}/oauth/{platform}", self.addr)
    }

    /// The base URL of its provider API (`docs/provider-api.yaml`).
    pub fn provider_url(&self) -> String {
        format!("http://{}/sweep-provider/v1", self.addr)
    }

    /// Publishes a new fee schedule version; quotes priced with the old one
    /// are then refused with `409`.
    pub fn set_fee_schedule_version(&self, version: &str) {
        self.state.provider.lock().unwrap_or_else(|p| p.into_inner()).version = version.to_owned();
    }

    /// The base URLs of its CAMARA Number Verification v2.1 and KYC Match
    /// v0.4 APIs.
    pub fn camara_identity_urls(&self) -> (String, String) {
        (format!("http://{}/number-verification/v2", self.addr), format!("http://{}/kyc-match/v0.4", self.addr))
    }

    /// Moves every withdrawal on its way one step on, emitting each event
    /// (twice when `duplicate`), as the passing of time would.
    pub fn advance_withdrawals(&self, duplicate: bool) {
        let outcome = payouts::Outcome::from_knob(self.state.knobs().withdrawal_outcome.as_deref());
        let mut payouts = self.state.payouts.lock().unwrap_or_else(|p| p.into_inner());
        let mut books = self.state.platforms.lock().unwrap_or_else(|p| p.into_inner());
        payouts.advance(outcome, duplicate, &mut books);
    }

    /// A withdrawal's state as the provider has it.
    pub fn withdrawal_state(&self, provider_id: &str) -> Option<String> {
        self.state.payouts.lock().unwrap_or_else(|p| p.into_inner()).state_of(provider_id)
    }

    /// The base URL of its CAMARA SIM Swap v2.1 API.
    pub fn sim_swap_url(&self) -> String {
        format!("http://{}/sim-swap/v2", self.addr)
    }

    /// How many withdrawals the provider created (one per idempotency key).
    pub fn payouts(&self) -> usize {
        self.state.payouts.lock().unwrap_or_else(|p| p.into_inner()).count()
    }

    /// Its tus creation endpoint for ID captures.
    pub fn tus_url(&self) -> String {
        format!("http://{}/tus/files/", self.addr)
    }

    /// The bytes of a finished upload, by its URL; `None` while unfinished.
    pub fn received_upload(&self, upload_url: &str) -> Option<Vec<u8>> {
        let id = upload_url.trim_end_matches('/').rsplit('/').next()?;
        self.state.uploads.lock().unwrap_or_else(|p| p.into_inner()).finished(id)
    }

    /// For each Number Verification or KYC Match call so far, the sandbox
    /// platform whose sign-in issued its token (`None`: a token this
    /// sandbox never issued).
    pub fn identity_callers(&self) -> Vec<Option<String>> {
        let tokens = self.state.identity_tokens.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let grants = self.state.oauth.lock().unwrap_or_else(|p| p.into_inner());
        tokens.iter().map(|t| grants.tokens.get(t).cloned()).collect()
    }

    /// How many uploads it holds, finished or not (ended ones are gone).
    pub fn uploads_held(&self) -> usize {
        self.state.uploads.lock().unwrap_or_else(|p| p.into_inner()).held()
    }

    /// Its base URL, `http://host:port`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The base URL of its Source API.
    pub fn source_api_url(&self) -> String {
        format!("http://{}/sweep/v1", self.addr)
    }

    /// Replaces the knobs; takes effect on the next request.
    pub fn set_knobs(&self, knobs: Knobs) {
        *self.state.knobs.lock().unwrap_or_else(|p| p.into_inner()) = knobs;
    }

    /// Appends a transaction (in the Source API's JSON shape) to a sandbox
    /// platform's feed, as `POST /_sandbox/transactions` does.
    pub fn add_transaction(&self, platform: &str, transaction: serde_json::Value) {
        self.state.feeds.lock().unwrap_or_else(|p| p.into_inner()).feed(platform).push(transaction);
    }

    /// Sets a Source API platform's KRW balance (`sandbox-toss`, …), or
    /// the bank's KRW account's ([`BANK_BOOK`]).
    pub fn set_platform_balance(&self, platform: &str, minor_units: i64) {
        self.state.platforms.lock().unwrap_or_else(|p| p.into_inner()).set_balance(platform, minor_units);
    }

    /// A Source API platform's KRW balance now, from its own books.
    pub fn platform_balance(&self, platform: &str) -> Option<i64> {
        self.state.platforms.lock().unwrap_or_else(|p| p.into_inner()).balance(platform)
    }

    /// Every collection reference and the won the platforms moved to it.
    pub fn collections(&self) -> std::collections::BTreeMap<String, i64> {
        self.state.platforms.lock().unwrap_or_else(|p| p.into_inner()).collections()
    }

    /// Won sent back from the provider's collection accounts to platforms.
    pub fn returned_to_sources(&self) -> i64 {
        self.state.platforms.lock().unwrap_or_else(|p| p.into_inner()).returned()
    }

    /// The provider's withdrawal faults that really happened, by name.
    pub fn injected_withdrawal_faults(&self) -> std::collections::BTreeMap<&'static str, u64> {
        self.state.payouts.lock().unwrap_or_else(|p| p.into_inner()).faults.clone()
    }

    /// Every withdrawal as the provider's books have it.
    pub fn provider_books(&self) -> Vec<WithdrawalBooks> {
        self.state.payouts.lock().unwrap_or_else(|p| p.into_inner()).books()
    }

    /// How many times money was moved to each collection reference.
    pub fn collection_credits(&self) -> std::collections::BTreeMap<String, u32> {
        self.state.platforms.lock().unwrap_or_else(|p| p.into_inner()).credits()
    }

    /// Payments the sandbox bank made (settled or rejected).
    pub fn bank_payments(&self) -> usize {
        self.state.bank.lock().unwrap_or_else(|p| p.into_inner()).payments.count()
    }

    /// Transfer debits the platforms applied.
    pub fn transfer_debits(&self) -> u64 {
        self.state.platforms.lock().unwrap_or_else(|p| p.into_inner()).debits()
    }

    /// The transfer faults that really happened (not merely armed), by name.
    pub fn injected_transfer_faults(&self) -> std::collections::BTreeMap<&'static str, u64> {
        self.state.platforms.lock().unwrap_or_else(|p| p.into_inner()).injected.clone()
    }

    /// Withdrawal requests the provider refused while it was down.
    pub fn provider_down_answers(&self) -> u64 {
        self.state.provider_down_answers.load(Ordering::Relaxed)
    }

    /// Refresh-token grants the OAuth issuers have honoured, each spending
    /// the refresh token it was given.
    pub fn refreshes(&self) -> u64 {
        self.state.oauth.lock().unwrap_or_else(|e| e.into_inner()).refreshes
    }

    /// The provider's answers to data-deletion requests, in order.
    pub fn data_deletions(&self) -> Vec<serde_json::Value> {
        self.state.deletions.lock().unwrap_or_else(|p| p.into_inner()).answered.clone()
    }

    /// Live tokens the OAuth issuers revoked (RFC 7009).
    pub fn revoked_tokens(&self) -> u64 {
        self.state.oauth.lock().unwrap_or_else(|e| e.into_inner()).revoked
    }

    /// Every HTTP request served so far (each a round trip).
    pub fn requests_served(&self) -> u64 {
        self.state.served.load(Ordering::Relaxed)
    }

    /// The most requests that were ever in flight at once.
    pub fn max_in_flight(&self) -> u64 {
        self.state.max_in_flight.load(Ordering::SeqCst)
    }

    /// Stops and waits for the server task.
    pub async fn stop(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}
