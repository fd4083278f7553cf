//! Receipts. Once a withdrawal is completed the provider gives its receipt
//! (`GET /withdrawals/{id}/receipt`); Sweep shows it only when every figure
//! equals the quote the user confirmed, to the minor unit. A receipt that
//! differs is `ChargeMismatch`, naming the figure: the user was charged
//! other than they were told.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;

use super::record::{Details, ReceiptRecord};
use crate::money::{Currency, Locale, Money};
use crate::sources::FormattedAmount;
use crate::SweepError;

/// A completed withdrawal's receipt, as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct WithdrawalReceipt {
    /// Its id in the wallet.
    pub withdrawal_id: u64,
    /// The provider's id for it.
    pub provider_withdrawal_id: String,
    /// The quote it carried out.
    pub quote_id: String,
    /// The bank's or wallet's reference for the transfer.
    pub reference: String,
    /// The payee, masked.
    pub payee: String,
    /// What left the sources.
    pub gross: FormattedAmount,
    /// The fee: the quote's, to the minor unit.
    pub fee: FormattedAmount,
    /// What the payee received.
    pub net: FormattedAmount,
    /// When the payee had it.
    pub completed_at: SystemTime,
}

/// The provider's receipt.
#[derive(Debug, Clone, Deserialize)]
pub struct ProviderReceipt {
    /// The quote it says it carried out.
    pub quote_id: String,
    /// The currency.
    pub currency_code: String,
    /// What it took, in minor units.
    pub total_gross: i64,
    /// What it charged.
    pub total_fee: i64,
    /// What it paid out.
    pub total_net: i64,
    /// When, RFC 3339.
    pub completed_at: String,
    /// The transfer's reference.
    pub reference: String,
}

/// Checks the provider's receipt against the quote the withdrawal carried
/// out; what it adds to the quote when every figure is equal.
pub fn check(withdrawal_id: u64, details: &Details, receipt: &ProviderReceipt) -> Result<ReceiptRecord, SweepError> {
    let differs = |field: &str, quoted: String, charged: String| SweepError::ChargeMismatch {
        withdrawal_id,
        field: field.into(),
        quoted,
        charged,
    };
    if receipt.quote_id != details.quote_id || receipt.currency_code != details.currency_code {
        return Err(differs("quote_id", details.quote_id.clone(), receipt.quote_id.clone()));
    }
    let currency = Currency::from_code(&details.currency_code)?;
    let text = |units: i64| Money::from_minor(units, currency).to_string();
    // After a partial collection the rule of docs/money.md decides the
    // figures; the wallet computed them itself from the quote.
    let (gross, fee, net) = match &details.settlement {
        Some(s) => (s.collected, s.fee, s.net),
        None => (details.total_gross, details.total_fee, details.total_net),
    };
    for (field, quoted, charged) in [
        ("total_gross", gross, receipt.total_gross),
        ("total_fee", fee, receipt.total_fee),
        ("total_net", net, receipt.total_net),
    ] {
        if quoted != charged {
            return Err(differs(field, text(quoted), text(charged)));
        }
    }
    let at = humantime::parse_rfc3339_weak(&receipt.completed_at)
        .map_err(|_| SweepError::MalformedResponse { reason: "a receipt's completed_at is not RFC 3339".into() })?;
    let reference = receipt.reference.trim();
    if reference.is_empty() || reference.len() > 64 || reference.chars().any(char::is_control) {
        return Err(SweepError::MalformedResponse { reason: "a receipt without a usable reference".into() });
    }
    let at_ms = at.duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
    Ok(ReceiptRecord { reference: reference.to_owned(), completed_at_ms: at_ms })
}

/// The receipt as the app shows it, from the stored figures.
pub fn shown(
    withdrawal_id: u64,
    details: &Details,
    record: &ReceiptRecord,
    payee: String,
    locale: Locale,
) -> Result<WithdrawalReceipt, SweepError> {
    let currency = Currency::from_code(&details.currency_code)?;
    let amount = |units: i64| FormattedAmount::new(Money::from_minor(units, currency), locale);
    Ok(WithdrawalReceipt {
        withdrawal_id,
        provider_withdrawal_id: details.provider_id.clone().unwrap_or_default(),
        quote_id: details.quote_id.clone(),
        reference: record.reference.clone(),
        payee,
        gross: amount(details.settlement.map_or(details.total_gross, |s| s.collected)),
        fee: amount(details.settlement.map_or(details.total_fee, |s| s.fee)),
        net: amount(details.settlement.map_or(details.total_net, |s| s.net)),
        completed_at: UNIX_EPOCH + Duration::from_millis(record.completed_at_ms.max(0) as u64),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details() -> Details {
        Details {
            quote_id: "qt-000001".into(),
            schedule_version: "v".into(),
            currency_code: "KRW".into(),
            legs: vec![(1, 40_000)],
            total_net: 38_700,
            payee_id: 1,
            provider_id: Some("wd-00001".into()),
            reason: None,
            eta_seconds: 86_400,
            total_gross: 40_000,
            total_fee: 1_300,
            receipt: None,
            collection: vec![],
            settlement: None,
        }
    }

    fn receipt(fee: i64) -> ProviderReceipt {
        ProviderReceipt {
            quote_id: "qt-000001".into(),
            currency_code: "KRW".into(),
            total_gross: 40_000,
            total_fee: fee,
            total_net: 40_000 - fee,
            completed_at: "2026-11-25T10:00:00Z".into(),
            reference: "SWP00001".into(),
        }
    }

    #[test]
    fn a_receipt_equal_to_the_quote_is_kept() {
        let kept = check(7, &details(), &receipt(1_300)).unwrap();
        assert_eq!(kept.reference, "SWP00001");
        let shown = shown(7, &details(), &kept, "Shinhan •••• 6789".into(), Locale::KoKr).unwrap();
        assert_eq!(shown.fee.amount.minor_units, 1_300);
    }

    #[test]
    fn a_fee_one_won_off_the_quote_is_a_charge_mismatch() {
        match check(7, &details(), &receipt(1_301)) {
            Err(SweepError::ChargeMismatch { field, quoted, charged, .. }) => {
                assert_eq!(field, "total_fee");
                assert_eq!((quoted.as_str(), charged.as_str()), ("1300 KRW", "1301 KRW"));
            }
            other => panic!("expected a mismatch, got {other:?}"),
        }
    }
}
