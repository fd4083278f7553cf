//! Answers of the sources: the Source API, Open Banking (account
//! information and payments) and CAMARA carrier billing.

use super::decode;
use crate::connectors::camara::billing::{exact, Payment, RemainingAmount};
use crate::connectors::camara::refund::{refund_from, RefundCreated};
use crate::connectors::open_banking::consent::{bank_accounts, consent_from};
use crate::connectors::open_banking::payment::{self, CreditorAccount, PaymentOrder};
use crate::connectors::open_banking::wire::{ConsentResponse, ReadAccounts, ReadBalance};
use crate::connectors::open_banking::{combine, observe};
use crate::connectors::source_api::collect::{checked, Wire};
use crate::connectors::source_api::read::BalanceList;
use crate::money::{Currency, Money};
use crate::sources::{Eligibility, ObservedBalance, SourceKind, TransactionPage, TransferOrder};

/// `GET /balances`, checked as a sync checks it before storing, for a
/// wallet and for a phone bill (whose money is never cashable).
pub(super) fn source_api_balances(body: &[u8]) {
    let Some(list) = decode::<BalanceList>(body) else { return };
    let _ = ObservedBalance::validate_all(SourceKind::Wallet, &list.balances);
    if let Ok(checked) = ObservedBalance::validate_all(SourceKind::CarrierBilling, &list.balances) {
        assert!(checked.iter().all(|(_, terms)| terms.eligibility != Eligibility::Cashable));
    }
}

/// `GET /transactions`.
pub(super) fn source_api_transactions(body: &[u8]) {
    let _ = decode::<TransactionPage>(body).map(|page| page.validate());
}

/// `POST /transfers` and `GET /transfers/{id}`, against the leg asked for.
pub(super) fn source_api_transfer(body: &[u8]) {
    let order = TransferOrder {
        key: "wd-00001-leg-1-key",
        amount: Money::from_minor(12_340, Currency::Krw),
        destination_reference: "col-wd-00001-1",
        reference: "Sweep wd-00001 leg 1",
    };
    let _ = decode::<Wire>(body).map(|wire| checked(wire, &order));
}

/// `GET /accounts/{id}/balances`: the most useful balance per currency,
/// added up as for a consent's several accounts, then checked as a sync
/// checks it before storing.
pub(super) fn open_banking_balances(body: &[u8]) {
    let Some(read) = decode::<ReadBalance>(body) else { return };
    let Ok(observed) = observe("22289", read.data.balance) else { return };
    let _ = ObservedBalance::validate_all(SourceKind::Bank, &observed);
    if let Ok(combined) = combine(vec![observed.clone(), observed]) {
        let _ = ObservedBalance::validate_all(SourceKind::Bank, &combined);
    }
}

/// `GET /accounts`.
pub(super) fn open_banking_accounts(body: &[u8]) {
    let _ = decode::<ReadAccounts>(body).map(bank_accounts);
}

/// `POST /account-access-consents` and `GET /account-access-consents/{id}`.
pub(super) fn open_banking_consent(body: &[u8]) {
    let _ = decode::<ConsentResponse>(body).map(consent_from);
}

/// Runs `read` with the bank leg the payment answers are about: £12.50 to
/// Sweep's collection account.
fn with_leg_order<T>(read: impl FnOnce(&PaymentOrder<'_>) -> T) -> T {
    let creditor = CreditorAccount {
        scheme_name: "UK.OBIE.SortCodeAccountNumber".into(),
        identification: "04000469998877".into(),
        name: "Sweep Collections".into(),
    };
    read(&PaymentOrder { amount: Money::from_minor(1_250, Currency::Gbp), creditor: &creditor, reference: "col-1" })
}

/// `POST /domestic-payment-consents`, against the leg's order.
pub(super) fn open_banking_payment_consent(body: &[u8]) {
    let _ = with_leg_order(|order| decode(body).map(|answer| payment::consent_from(answer, order)));
}

/// `POST /domestic-payments` (a new payment) and `GET
/// /domestic-payments/{id}` (a payment read again).
pub(super) fn open_banking_payment(body: &[u8]) {
    with_leg_order(|order| {
        let _ = decode(body).map(|answer| payment::submitted(answer, order));
        let _ = decode(body).map(|answer| payment::payment_from(answer, order));
    });
}

/// `GET /payments`: a sync takes each payment's id and status as they are.
pub(super) fn camara_payments(body: &[u8]) {
    let _ = decode::<Vec<Payment>>(body);
}

/// `GET /payments/{id}/refunds/remaining-amount`: an exact amount, never
/// below zero.
pub(super) fn camara_remaining_amount(body: &[u8]) {
    if let Some(Ok(money)) = decode::<RemainingAmount>(body).map(|remaining| exact(&remaining)) {
        assert!(!money.is_negative(), "{money}");
    }
}

/// `POST /payments/{id}/refunds`.
pub(super) fn camara_refund(body: &[u8]) {
    let amount = Money::from_minor(5_500, Currency::Krw);
    let _ = decode::<RefundCreated>(body).map(|created| refund_from(created, "pay-1", &amount));
}
