//! The JSON that sources, banks, operators and the provider send: each
//! answer decoded as `http::parse_json` decodes it (`http::decode_json`),
//! then checked and converted by its module's own function, as the network
//! path does right after.

mod provider;
mod sources;

use serde::de::DeserializeOwned;

use crate::sources::http::decode_json;

/// Every wire type, chosen by the input's first byte (modulo their count).
/// New ones go at the end: the kept corpus names them by position.
pub const WIRE_TYPES: [super::Named; 23] = [
    ("source_api.balances", sources::source_api_balances),
    ("source_api.transactions", sources::source_api_transactions),
    ("source_api.transfer", sources::source_api_transfer),
    ("open_banking.balances", sources::open_banking_balances),
    ("open_banking.accounts", sources::open_banking_accounts),
    ("open_banking.consent", sources::open_banking_consent),
    ("open_banking.payment_consent", sources::open_banking_payment_consent),
    ("open_banking.payment", sources::open_banking_payment),
    ("camara.payments", sources::camara_payments),
    ("camara.remaining_amount", sources::camara_remaining_amount),
    ("camara.refund", sources::camara_refund),
    ("provider.fee_schedule", provider::fee_schedule),
    ("provider.quote", provider::quote),
    ("provider.stale_quote", provider::stale_quote),
    ("provider.withdrawal", provider::withdrawal),
    ("provider.withdrawal_events", provider::withdrawal_events),
    ("provider.bank_authority", provider::bank_authority),
    ("provider.receipt", provider::receipt),
    ("provider.name_check", provider::name_check),
    ("provider.verification_session", provider::verification_session),
    ("provider.tiers", provider::tiers),
    ("camara.kyc_match", provider::kyc_match),
    ("provider.data_deletion", provider::data_deletion),
];

/// Reads `data` as the answer its first byte picks from [`WIRE_TYPES`];
/// the rest is the body.
pub fn wire_json(data: &[u8]) {
    let Some((&pick, body)) = data.split_first() else { return };
    let (_, read) = WIRE_TYPES[usize::from(pick) % WIRE_TYPES.len()];
    read(body);
}

/// The body as `T`, as the network path decodes it; `None` where it
/// refuses the body.
fn decode<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    decode_json(body).ok()
}
