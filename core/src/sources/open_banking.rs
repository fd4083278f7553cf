//! UK Open Banking Read/Write v4.0 account information: one connector per
//! account, reading `GET /accounts/{AccountId}/balances`.
//!
//! The wire types below are the Open Banking API's own shapes, not Sweep's:
//! they are read here and turned into `ObservedBalance`s at once.

use std::collections::BTreeMap;
use std::str::FromStr;

use async_trait::async_trait;
use reqwest::Url;
use ring::rand::{SecureRandom, SystemRandom};
use rust_decimal::Decimal;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::{http, BalanceTerms, Eligibility, ObservedBalance, SourceConnector};
use crate::money::{Currency, MinorAmount, Money};
use crate::SweepError;

#[derive(Deserialize)]
struct ReadBalance {
    #[serde(rename = "Data")]
    data: BalanceData,
}

#[derive(Deserialize)]
struct BalanceData {
    #[serde(rename = "Balance", default)]
    balance: Vec<WireBalance>,
}

#[derive(Deserialize)]
struct WireBalance {
    #[serde(rename = "AccountId")]
    account_id: String,
    #[serde(rename = "CreditDebitIndicator")]
    credit_debit: String,
    #[serde(rename = "Type")]
    kind: String,
    #[serde(rename = "Amount")]
    amount: WireAmount,
}

#[derive(Deserialize)]
struct WireAmount {
    #[serde(rename = "Amount")]
    amount: String,
    #[serde(rename = "Currency")]
    currency: String,
}

/// Balance types, most useful first: what can be spent now, then what was
/// booked. v4 uses ISO 20022 codes; the v3 names are accepted too.
const PREFERENCE: [(&str, &str); 5] = [
    ("ITAV", "InterimAvailable"),
    ("CLAV", "ClosingAvailable"),
    ("ITBD", "InterimBooked"),
    ("CLBD", "ClosingBooked"),
    ("XPCD", "Expected"),
];

fn rank(kind: &str) -> usize {
    PREFERENCE.iter().position(|(code, name)| kind == *code || kind == *name).unwrap_or(PREFERENCE.len())
}

/// A bank or e-money account read through Open Banking account information.
pub struct OpenBankingConnector {
    base: Url,
    access_token: Zeroizing<String>,
    account_id: String,
}

impl OpenBankingConnector {
    /// A connector for one account at the AISP base URL (for example
    /// `https://bank.example/open-banking/v4.0/aisp`), with a PSU access token.
    pub fn new(base_url: &str, access_token: String, account_id: String) -> Result<Self, SweepError> {
        let base = http::api_base(base_url)?;
        if account_id.is_empty() || account_id.len() > 40 || !account_id.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(SweepError::invalid("account_id", "1 to 40 visible ASCII characters"));
        }
        Ok(OpenBankingConnector { base, access_token: Zeroizing::new(access_token), account_id })
    }

    /// Turns the account's balances into one observed balance per currency.
    fn observe(&self, balances: Vec<WireBalance>) -> Result<Vec<ObservedBalance>, SweepError> {
        let mut best: BTreeMap<String, WireBalance> = BTreeMap::new();
        for balance in balances.into_iter().filter(|b| b.account_id == self.account_id) {
            let keep = best.get(&balance.amount.currency).is_none_or(|kept| rank(&balance.kind) < rank(&kept.kind));
            if keep {
                best.insert(balance.amount.currency.clone(), balance);
            }
        }
        best.into_values().map(to_observed).collect()
    }
}

fn to_observed(balance: WireBalance) -> Result<ObservedBalance, SweepError> {
    let currency = Currency::from_code(&balance.amount.currency)?;
    let value = Decimal::from_str(&balance.amount.amount).map_err(|_| SweepError::UnparsableAmount {
        input: balance.amount.amount.clone(),
        reason: "not a decimal amount".into(),
    })?;
    let money = Money::new(value, currency)?;
    let overdrawn = balance.credit_debit.eq_ignore_ascii_case("Debit") && !money.is_zero();
    let (amount, terms) = if overdrawn {
        // An overdrawn account has nothing to sweep; its debt is not ours to show as cash.
        (Money::zero(currency), BalanceTerms::simple(Eligibility::Blocked, "The account is overdrawn."))
    } else {
        (money, BalanceTerms::simple(Eligibility::Cashable, "Bank balances are already cash."))
    };
    Ok(ObservedBalance { amount: MinorAmount::from(amount), terms })
}

/// A random UUID v4 for `x-fapi-interaction-id`.
fn interaction_id() -> Result<String, SweepError> {
    let mut b = [0u8; 16];
    SystemRandom::new()
        .fill(&mut b)
        .map_err(|_| SweepError::Internal { reason: "the system random source failed".into() })?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    Ok(format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..]))
}

#[async_trait]
impl SourceConnector for OpenBankingConnector {
    async fn fetch_balances(&self) -> Result<Vec<ObservedBalance>, SweepError> {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|_| SweepError::invalid("base_url", "cannot be a base"))?
            .pop_if_empty()
            .extend(["accounts", self.account_id.as_str(), "balances"]);
        let response = http::client()?
            .get(url)
            .bearer_auth(self.access_token.as_str())
            .header(reqwest::header::ACCEPT, "application/json")
            .header("x-fapi-interaction-id", interaction_id()?)
            .send()
            .await
            .map_err(|e| http::transport_error(&e))?;
        let read: ReadBalance = http::parse_json(response).await?;
        self.observe(read.data.balance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wire(account: &str, kind: &str, amount: &str, currency: &str, indicator: &str) -> WireBalance {
        WireBalance {
            account_id: account.into(),
            credit_debit: indicator.into(),
            kind: kind.into(),
            amount: WireAmount { amount: amount.into(), currency: currency.into() },
        }
    }

    fn connector() -> OpenBankingConnector {
        OpenBankingConnector::new("https://bank.example/open-banking/v4.0/aisp", "t".into(), "22289".into()).unwrap()
    }

    #[test]
    fn the_most_useful_balance_of_the_account_wins() {
        let observed = connector()
            .observe(vec![
                wire("22289", "CLBD", "10.00", "GBP", "Credit"),
                wire("22289", "ITAV", "12.34", "GBP", "Credit"),
                wire("other", "ITAV", "99.00", "GBP", "Credit"),
            ])
            .unwrap();
        assert_eq!(observed.len(), 1);
        assert_eq!(observed[0].amount, MinorAmount { minor_units: 1_234, currency_code: "GBP".into() });
        assert_eq!(observed[0].terms.eligibility, Eligibility::Cashable);
    }

    #[test]
    fn overdrawn_accounts_show_nothing_to_sweep() {
        let observed = connector().observe(vec![wire("22289", "ITAV", "50.00", "GBP", "Debit")]).unwrap();
        assert_eq!(observed[0].amount.minor_units, 0);
        assert_eq!(observed[0].terms.eligibility, Eligibility::Blocked);
    }

    #[test]
    fn inexact_or_unknown_amounts_are_typed_errors() {
        assert!(matches!(
            connector().observe(vec![wire("22289", "ITAV", "1.001", "GBP", "Credit")]),
            Err(SweepError::SubMinorPrecision { .. })
        ));
        assert!(matches!(
            connector().observe(vec![wire("22289", "ITAV", "1.00", "ZZZ", "Credit")]),
            Err(SweepError::UnknownCurrency { .. })
        ));
        assert!(matches!(
            connector().observe(vec![wire("22289", "ITAV", "string", "GBP", "Credit")]),
            Err(SweepError::UnparsableAmount { .. })
        ));
    }

    #[test]
    fn interaction_ids_are_uuid_v4() {
        let id = interaction_id().unwrap();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
    }
}
