//! Balance sources: where a user's money sits, and what it may become.
//!
//! Every source has a kind, a provider and a name, a balance per currency
//! (in the ledger's summaries), the terms of each balance (eligibility with
//! a reason and conditions), when it was last synced, and an auth state.
//! Sources are typed in by the user (manual) or read by a connector
//! (connected); both fill the same model.

mod collection;
mod connected;
mod connector;
mod dashboard;
mod endpoint;
pub(crate) mod http;
pub(crate) mod id_token;
mod lifecycle;
mod linked;
mod links;
mod listen;
mod manual;
pub(crate) mod oauth;
mod observe;
mod provider;
mod revocation;
pub(crate) mod rfc3339;
pub(crate) mod sync;
mod terms;
pub(crate) mod tls;
mod transactions;

pub use crate::connectors::camara::{CarrierBillingConnector, CarrierRefund, RefundStatus};
pub use crate::connectors::open_banking::{
    open_banking_accounts, open_banking_consent_status, open_banking_create_consent, AccountAccessConsent, BankAccount,
    ConsentStatus, OpenBankingConnector,
};
pub use crate::connectors::source_api::SourceApiConnector;
pub use crate::connectors::source_api::{Transfer, TransferOrder, TransferStatus};
pub use collection::{collectability, Collectability, CollectionFacts, TRANSFER_SCOPE};
pub use connected::{add_connected_source, ConnectedSource};
pub use connector::SourceConnector;
pub use dashboard::{dashboard, Dashboard, FormattedAmount, SourceBalance};
pub use endpoint::{source_connector, SourceEndpoint};
pub use http::MAX_RESPONSE_BYTES;
pub(crate) use lifecycle::{adopt_typed_in, present, typed_in_to_adopt};
pub use lifecycle::{check_removable, edit_manual_source, name_and_kind, remove_source, stored_name};
pub use linked::LinkedConnector;
pub use links::{
    add_linked_source, load_link, load_links, relink_source, same_user, store_link, Link, LinkRequest, REFRESH_MARGIN,
};
pub use listen::{BalanceListener, BalanceSubscription, Listeners, SyncResult};
pub use manual::{add_manual_source, ManualSource};
pub use oauth::{refresh as refresh_oauth_grant, OAuthConfig, OAuthGrant, PendingSignIn};
pub use observe::{record_observation, set_auth_state, ObservedBalance};
pub(crate) use provider::{provider_of, seal_plain_providers};
use revocation::revoke;
pub use revocation::TokenRevocation;
pub use sync::{sync_sources, SharedStore, SyncPolicy, SyncReport, SyncTarget};
pub use terms::{AuthState, BalanceTerms, Expiry};
pub use transactions::{
    load_cursor, load_transactions, record_transactions, SourceTransaction, TransactionKind, TransactionPage,
};

/// The most sources one wallet holds. Together with
/// [`crate::ledger::MAX_BALANCE_MINOR_UNITS`] it keeps every total inside `i64`.
pub const MAX_SOURCES: i64 = 1_000;

/// The kind of place a balance sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum SourceKind {
    /// An app wallet or e-money balance.
    Wallet,
    /// Credits inside a game or game platform.
    GameCredits,
    /// Loyalty or reward points.
    Points,
    /// Money on a phone bill (carrier billing): refund-to-origin only.
    CarrierBilling,
    /// A bank account.
    Bank,
}

/// What a balance may legally and practically become.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Eligibility {
    /// Can be withdrawn to the user's bank account or wallet.
    Cashable,
    /// Can only go back where it came from (for example the phone bill).
    RefundToOrigin,
    /// Can only be spent where it is.
    SpendOnly,
    /// Cannot be moved at all right now.
    Blocked,
}

impl SourceKind {
    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            SourceKind::Wallet => "wallet",
            SourceKind::GameCredits => "game_credits",
            SourceKind::Points => "points",
            SourceKind::CarrierBilling => "carrier_billing",
            SourceKind::Bank => "bank",
        }
    }

    /// The kind for a stored code.
    pub fn from_code(code: &str) -> Option<SourceKind> {
        [SourceKind::Wallet, SourceKind::GameCredits, SourceKind::Points, SourceKind::CarrierBilling, SourceKind::Bank]
            .into_iter()
            .find(|k| k.code() == code)
    }

    /// The eligibility of a manually entered balance of this kind, with a
    /// reason the user can read in the wallet's language. Carrier billing is never cashable: turning
    /// phone-bill limits into cash (소액결제 현금화) is illegal in Korea.
    pub fn manual_eligibility(self) -> (Eligibility, String) {
        use crate::text::{tell, Msg};
        let (eligibility, msg) = match self {
            SourceKind::Wallet => (Eligibility::Cashable, Msg::EligibleWallet {}),
            SourceKind::Bank => (Eligibility::Cashable, Msg::EligibleBank {}),
            SourceKind::GameCredits => (Eligibility::SpendOnly, Msg::EligibleGameCredits {}),
            SourceKind::Points => (Eligibility::SpendOnly, Msg::EligiblePoints {}),
            SourceKind::CarrierBilling => (Eligibility::RefundToOrigin, Msg::EligibleCarrierBilling {}),
        };
        (eligibility, tell(msg))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::MAX_BALANCE_MINOR_UNITS;
    use crate::money::MinorAmount;
    use crate::store::keys::EphemeralKeyProvider;
    use crate::store::Store;
    use crate::Locale;

    #[test]
    fn the_largest_balances_in_the_most_sources_still_add_up() {
        let dir = tempfile::tempdir().unwrap();
        let provider = EphemeralKeyProvider::new().unwrap();
        let mut store = Store::open(&dir.path().join("w.db"), provider.as_ref()).unwrap();
        let big = |name: String| ManualSource {
            name,
            kind: SourceKind::Wallet,
            balance: MinorAmount { minor_units: MAX_BALANCE_MINOR_UNITS, currency_code: "KRW".into() },
            account_ref: None,
        };
        // Linked and collectable, so that every balance counts in the total.
        let top = ObservedBalance {
            amount: MinorAmount { minor_units: MAX_BALANCE_MINOR_UNITS, currency_code: "KRW".into() },
            terms: BalanceTerms::simple(Eligibility::Cashable, "Cashable."),
        };
        for i in 0..MAX_SOURCES {
            let id = links::add_test_linked_source(&mut store, &format!("S{i}"), SourceKind::Wallet);
            record_observation(&mut store, id, std::slice::from_ref(&top), 1).unwrap();
        }
        let refused = add_manual_source(&mut store, &big("one too many".into()), 1);
        assert!(matches!(refused, Err(crate::SweepError::InvalidInput { ref field, .. }) if field == "sources"));
        let dashboard = dashboard(&store, Locale::KoKr).unwrap();
        assert_eq!(dashboard.sources.len(), MAX_SOURCES as usize);
        assert_eq!(dashboard.cashable_totals[0].amount.minor_units, MAX_BALANCE_MINOR_UNITS * MAX_SOURCES);
    }
}
