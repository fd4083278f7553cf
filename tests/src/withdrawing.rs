//! The withdrawal tests' fixture: a wallet with ₩40,000 in the sandbox's
//! Toss wallet, linked with the transfer scope so that Sweep can collect
//! it, the sandbox provider's schedule, a payee whose name the sandbox
//! knows, and a registered authenticator.

use std::sync::Arc;

use sweep_core::fees::{QuoteGoal, QuoteRequest};
use sweep_core::sources::{SourceEndpoint, SourceKind};
use sweep_core::withdrawals::{PayeeDestination, PayeeRequest};
use sweep_core::{EphemeralKeyProvider, MinorAmount, Wallet, WalletConfig};

use crate::TestAuthenticator;

/// Won, in minor units.
pub fn krw(units: i64) -> MinorAmount {
    MinorAmount { minor_units: units, currency_code: "KRW".into() }
}

/// A wallet's folder, key and authenticator.
pub struct Fixture {
    /// The wallet's folder.
    pub dir: tempfile::TempDir,
    /// Its key.
    pub keys: Arc<EphemeralKeyProvider>,
    /// The user's authenticator.
    pub auth: Arc<TestAuthenticator>,
}

impl Default for Fixture {
    fn default() -> Self {
        Fixture::new()
    }
}

impl Fixture {
    /// A new folder, key and authenticator.
    pub fn new() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().unwrap(),
            keys: EphemeralKeyProvider::new().unwrap(),
            auth: TestAuthenticator::new(),
        }
    }

    /// Opens (or reopens) the wallet.
    pub async fn open(&self) -> Arc<Wallet> {
        let config = WalletConfig { data_dir: self.dir.path().display().to_string(), locale: "ko-KR".into() };
        Wallet::open(config, Arc::clone(&self.keys) as _).await.unwrap()
    }

    /// A wallet with ₩40,000 in the Toss wallet of the sandbox at
    /// `sandbox` (its base URL, `http://host:port`), linked and synced, the
    /// provider's schedule (from `provider_url`) and a payee (Shinhan, Kim
    /// Minji).
    pub async fn ready(&self, sandbox: &str, provider_url: String) -> (Arc<Wallet>, u64) {
        let wallet = self.open().await;
        toss_holding(&wallet, sandbox, 40_000).await;
        wallet.refresh_fee_schedule(provider_url).await.unwrap();
        let payee = PayeeRequest {
            destination: PayeeDestination::KrBankAccount {
                bank_code: "088".into(),
                account_number: "110123456789".into(),
            },
            holder_name: "Kim Minji".into(),
        };
        let payee = wallet.add_payee(payee).await.unwrap().payee_id;
        wallet.register_authenticator(self.auth.clone()).await.unwrap();
        (wallet, payee)
    }
}

/// Sets a sandbox platform's balance over its admin route, as a top-up at
/// the platform would.
pub async fn top_up(sandbox: &str, platform: &str, units: i64) {
    sweep_core::install_tls_provider();
    let url = format!("{sandbox}/_sandbox/platforms/{platform}/balance");
    let answer = reqwest::Client::new()
        .put(url)
        .header("content-type", "application/json")
        .body(serde_json::json!({"minor_units": units}).to_string())
        .send()
        .await
        .expect("the sandbox answers");
    assert!(answer.status().is_success(), "the sandbox took the balance");
}

/// Links the Toss wallet of the sandbox at `sandbox` (`http://host:port`)
/// as a source named `name` of `kind`, with the transfer scope.
pub async fn link_toss(wallet: &Wallet, sandbox: &str, name: &str, kind: SourceKind) -> u64 {
    let endpoint = SourceEndpoint::SourceApi { base_url: format!("{sandbox}/sweep/v1") };
    let issuer = format!("{sandbox}/oauth/sandbox-toss");
    crate::link_at_sandbox_issuer(wallet, issuer, name, kind, endpoint).await.unwrap()
}

/// Tops the sandbox's Toss wallet up to `units` won, links it and syncs.
pub async fn toss_holding(wallet: &Wallet, sandbox: &str, units: i64) -> u64 {
    top_up(sandbox, "sandbox-toss", units).await;
    let id = link_toss(wallet, sandbox, "Toss", SourceKind::Wallet).await;
    assert!(wallet.sync().await.unwrap().iter().all(|r| r.synced), "the sandbox answers");
    id
}

/// Everything cashable, standard speed, to a bank account.
pub fn everything() -> QuoteRequest {
    QuoteRequest::everything_to_bank("KRW")
}

/// Exactly `units` won from the sources, standard speed, to a bank account.
pub fn send_exactly(units: i64) -> QuoteRequest {
    QuoteRequest { goal: QuoteGoal::SendExactly { amount: krw(units) }, ..everything() }
}

/// What the first source holds back for withdrawals, and its balance.
pub async fn held_and_balance(wallet: &Wallet) -> (i64, i64) {
    let home = wallet.dashboard().await.unwrap();
    let s = &home.sources[0];
    (s.balance.amount.minor_units - s.available.amount.minor_units, s.balance.amount.minor_units)
}
