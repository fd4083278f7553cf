//! The user's right to their data (PIPA 제35조, GDPR Art. 15 and 20):
//! everything the wallet holds about them, as one versioned JSON document
//! and a CSV file per table. The format is `docs/export-schema.json`.
//!
//! Money is exact: minor units and an ISO 4217 code, never a float. Times
//! are RFC 3339 in UTC. Account numbers and payees are masked unless the
//! user asks for them in full.

mod collect;
mod write;

use serde::Serialize;

pub use collect::collect;
pub use write::{write, FILES};

/// The format's name, in every document.
pub const FORMAT: &str = "sweep-export";
/// The format's version: raised whenever a field changes meaning or goes.
pub const VERSION: u32 = 1;

/// An exact amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Amount {
    /// Whole minor units (won, cents).
    pub minor_units: i64,
    /// ISO 4217.
    pub currency: String,
}

/// The whole export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Export {
    /// Always [`FORMAT`].
    pub format: &'static str,
    /// Always [`VERSION`].
    pub version: u32,
    /// When it was made (RFC 3339, UTC).
    pub exported_at: String,
    /// True when account numbers and payees are in full.
    pub in_full: bool,
    /// Every source, removed ones included.
    pub sources: Vec<Source>,
    /// Every ledger entry: what each source held, and every hold and debit.
    pub balance_history: Vec<BalanceEntry>,
    /// Transactions read from the sources.
    pub transactions: Vec<Transaction>,
    /// Every cash-out, with its legs and receipt.
    pub withdrawals: Vec<Withdrawal>,
    /// Every payee.
    pub payees: Vec<Payee>,
    /// The identity check's result.
    pub identity: Identity,
}

/// One source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Its id in this wallet.
    pub id: i64,
    /// `wallet`, `game_credits`, `points`, `carrier_billing` or `bank`.
    pub kind: String,
    /// `manual` or the API it is read through.
    pub provider: String,
    /// What the user calls it.
    pub name: String,
    /// The account reference the user typed, masked unless in full.
    pub account_ref: Option<String>,
    /// `linked`, `needs_reauth`, `revoked` or `removed`.
    pub state: String,
    /// When it was added.
    pub created_at: String,
    /// When it was last read, if ever.
    pub last_synced_at: Option<String>,
}

/// One ledger entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BalanceEntry {
    /// Its place in the ledger, from 1.
    pub seq: u64,
    /// The source.
    pub source_id: i64,
    /// `observed` (the balance was this), `hold`, `release` or `debit`.
    pub event: String,
    /// The amount.
    pub amount: Amount,
    /// When it was recorded.
    pub recorded_at: String,
}

/// One transaction a source reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transaction {
    /// The source.
    pub source_id: i64,
    /// The source's own id for it.
    pub id: String,
    /// When it happened.
    pub occurred_at: String,
    /// Signed: negative when money left.
    pub amount: Amount,
    /// What it did, as the source said (`top_up`, `payment`, …).
    pub kind: String,
    /// The source's description.
    pub description: Option<String>,
}

/// One cash-out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Withdrawal {
    /// Its id in this wallet.
    pub id: i64,
    /// Where it stands.
    pub state: String,
    /// When it was asked for.
    pub created_at: String,
    /// The provider's quote.
    pub quote_id: String,
    /// The provider's id for it, once accepted.
    pub provider_withdrawal_id: Option<String>,
    /// The payee.
    pub payee_id: i64,
    /// What the quote took from the sources.
    pub gross: Amount,
    /// The fee: the settlement's once every leg settled, else the quote's.
    pub fee: Amount,
    /// What the payee gets: likewise.
    pub net: Amount,
    /// Why it failed or came back.
    pub reason: Option<String>,
    /// Its legs.
    pub legs: Vec<Leg>,
    /// The provider's receipt, once fetched and checked.
    pub receipt: Option<Receipt>,
}

/// One leg of a cash-out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leg {
    /// The cash-out.
    pub withdrawal_id: i64,
    /// The source.
    pub source_id: i64,
    /// How it was collected (`source_api_transfer`, `open_banking_payment`).
    pub method: String,
    /// What it took.
    pub amount: Amount,
    /// Its share of the fee.
    pub fee: Amount,
    /// `pending`, `instructed`, `collected`, `failed` or `returned`.
    pub state: String,
    /// The collection reference the money was sent under.
    pub collection_reference: Option<String>,
    /// Why it failed.
    pub reason: Option<String>,
}

/// A provider's receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Receipt {
    /// The bank's or wallet's reference for the payout.
    pub reference: String,
    /// When the payee had the money.
    pub completed_at: String,
}

/// One payee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Payee {
    /// Its id.
    pub id: i64,
    /// When it was added.
    pub created_at: String,
    /// `kr_bank_account`, `iban`, `wallet_handle` or `phone`.
    pub destination_type: String,
    /// The account, IBAN, handle or number: masked unless in full.
    pub destination: String,
    /// The account holder's name: masked unless in full.
    pub holder_name: String,
}

/// The identity check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    /// `unverified`, `phone_verified` or `id_verified`.
    pub tier: String,
    /// The name on the verified ID: masked unless in full.
    pub verified_name: Option<String>,
}

/// All but the last four characters hidden: `"••••6789"`.
pub(crate) fn mask_tail(text: &str) -> String {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    let keep = chars.len().saturating_sub(4);
    let tail: String = chars[keep..].iter().collect();
    format!("••••{tail}")
}

/// A name with all but its first character hidden: `"김••"`.
pub(crate) fn mask_name(name: &str) -> String {
    let mut chars = name.trim().chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '•')).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
#[path = "export_tests.rs"]
mod tests;
