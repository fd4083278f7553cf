//! The withdrawal tests' fixture: a wallet with ₩40,000 in one wallet
//! source, the sandbox provider's schedule, a payee whose name the sandbox
//! knows, and a registered authenticator.

use std::sync::Arc;

use sweep_core::fees::{QuoteGoal, QuoteRequest};
use sweep_core::sources::{ManualSource, SourceKind};
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

    /// A wallet with ₩40,000 in a wallet source, the provider's schedule
    /// (from `provider_url`) and a payee (Shinhan, Kim Minji).
    pub async fn ready(&self, provider_url: String) -> (Arc<Wallet>, u64) {
        let wallet = self.open().await;
        let toss =
            ManualSource { name: "Toss".into(), kind: SourceKind::Wallet, balance: krw(40_000), account_ref: None };
        wallet.add_manual_source(toss).await.unwrap();
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
