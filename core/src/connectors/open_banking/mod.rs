//! UK Open Banking Read/Write v4.0. The read side is account information:
//! account-access consents, the account list (`consent.rs`), and balances,
//! read by `OpenBankingConnector` for one account or for every account a
//! consent covers. The collect side is payment initiation (`payment.rs`).

// Crate-visible so the fuzz targets (`crate::fuzzing`) reach the wire types.
pub(crate) mod consent;
pub mod payment;
pub(crate) mod wire;

use crate::text::{tell, Msg};
use std::collections::BTreeMap;

use async_trait::async_trait;
use reqwest::Url;
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::Zeroizing;

use consent::accounts;
pub use consent::{
    open_banking_accounts, open_banking_consent_status, open_banking_create_consent, AccountAccessConsent, BankAccount,
    ConsentStatus,
};
use wire::{ReadBalance, WireBalance};

use crate::money::{Currency, MinorAmount, Money};
use crate::sources::{http, BalanceTerms, Eligibility, ObservedBalance, SourceConnector, TransactionPage};
use crate::SweepError;

/// The most accounts one connector reads; more are left out of the sync.
const MAX_ACCOUNTS: usize = 20;

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

/// `{base}/{segments…}`, each segment escaped.
fn aisp_url(base_url: &str, segments: &[&str]) -> Result<Url, SweepError> {
    let mut url = http::api_base(base_url)?;
    url.path_segments_mut()
        .map_err(|_| SweepError::invalid("base_url", "cannot be a base"))?
        .pop_if_empty()
        .extend(segments);
    Ok(url)
}

/// A request with the token and the headers every Open Banking call carries.
fn request(method: reqwest::Method, url: Url, token: &str) -> Result<reqwest::RequestBuilder, SweepError> {
    Ok(http::request(method, url)?
        .bearer_auth(token)
        .header(reqwest::header::ACCEPT, "application/json")
        .header("x-fapi-interaction-id", interaction_id()?))
}

/// Sends, checks the status and reads the capped JSON body.
async fn send<T: serde::de::DeserializeOwned>(request: reqwest::RequestBuilder) -> Result<T, SweepError> {
    let response = request.send().await.map_err(|e| http::transport_error(&e))?;
    http::parse_json(response).await
}

/// A bank or e-money account read through Open Banking account information.
pub struct OpenBankingConnector {
    base: String,
    access_token: Zeroizing<String>,
    account_id: Option<String>,
}

impl OpenBankingConnector {
    /// A connector at the AISP base URL (for example
    /// `https://bank.example/open-banking/v4.0/aisp`) with the user's access
    /// token, for one account, or for every account the consent covers.
    pub fn new(base_url: &str, access_token: String, account_id: Option<String>) -> Result<Self, SweepError> {
        http::api_base(base_url)?;
        if let Some(id) = &account_id {
            if id.is_empty() || id.len() > 40 || !id.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(SweepError::invalid("account_id", "1 to 40 visible ASCII characters"));
            }
        }
        Ok(OpenBankingConnector { base: base_url.to_owned(), access_token: Zeroizing::new(access_token), account_id })
    }

    /// One account's balances (`GET /accounts/{AccountId}/balances`), the
    /// most useful one per currency.
    async fn account_balances(&self, account_id: &str) -> Result<Vec<ObservedBalance>, SweepError> {
        let url = aisp_url(&self.base, &["accounts", account_id, "balances"])?;
        let read: ReadBalance = send(request(reqwest::Method::GET, url, &self.access_token)?).await?;
        observe(account_id, read.data.balance)
    }
}

/// Turns one account's balances into one observed balance per currency.
pub(crate) fn observe(account_id: &str, balances: Vec<WireBalance>) -> Result<Vec<ObservedBalance>, SweepError> {
    let mut best: BTreeMap<String, WireBalance> = BTreeMap::new();
    for balance in balances.into_iter().filter(|b| b.account_id == account_id) {
        let keep = best.get(&balance.amount.currency).is_none_or(|kept| rank(&balance.kind) < rank(&kept.kind));
        if keep {
            best.insert(balance.amount.currency.clone(), balance);
        }
    }
    best.into_values().map(to_observed).collect()
}

/// Adds several accounts' balances per currency. Overdrawn accounts add
/// nothing; a currency is blocked only when every account in it is.
pub(crate) fn combine(per_account: Vec<Vec<ObservedBalance>>) -> Result<Vec<ObservedBalance>, SweepError> {
    let mut totals: BTreeMap<String, ObservedBalance> = BTreeMap::new();
    for balance in per_account.into_iter().flatten() {
        match totals.get_mut(&balance.amount.currency_code) {
            None => {
                totals.insert(balance.amount.currency_code.clone(), balance);
            }
            Some(total) => {
                let sum = Money::try_from(&total.amount)?.checked_add(&Money::try_from(&balance.amount)?)?;
                total.amount = MinorAmount::from(sum);
                if balance.terms.eligibility == Eligibility::Cashable {
                    total.terms = balance.terms;
                }
            }
        }
    }
    Ok(totals.into_values().collect())
}

fn to_observed(balance: WireBalance) -> Result<ObservedBalance, SweepError> {
    let currency = Currency::from_code(&balance.amount.currency)?;
    let money = crate::money::exact_money(&balance.amount.amount, currency)?;
    let overdrawn = balance.credit_debit.eq_ignore_ascii_case("Debit") && !money.is_zero();
    let (amount, terms) = if overdrawn {
        // An overdrawn account has nothing to sweep; its debt is not ours to show as cash.
        (Money::zero(currency), BalanceTerms::simple(Eligibility::Blocked, &tell(Msg::Overdrawn {})))
    } else {
        (money, BalanceTerms::simple(Eligibility::Cashable, &tell(Msg::EligibleBank {})))
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
        if let Some(account_id) = &self.account_id {
            return self.account_balances(account_id).await;
        }
        let mut per_account = Vec::new();
        for account in accounts(&self.base, &self.access_token).await?.into_iter().take(MAX_ACCOUNTS) {
            per_account.push(self.account_balances(&account.account_id).await?);
        }
        combine(per_account)
    }

    /// Bank transactions are not read yet; balances are.
    async fn fetch_transactions(&self, _cursor: Option<String>) -> Result<TransactionPage, SweepError> {
        Ok(TransactionPage::empty())
    }
}

#[cfg(test)]
mod tests {
    use super::wire::WireAmount;
    use super::*;

    fn wire(account: &str, kind: &str, amount: &str, currency: &str, indicator: &str) -> WireBalance {
        WireBalance {
            account_id: account.into(),
            credit_debit: indicator.into(),
            kind: kind.into(),
            amount: WireAmount { amount: amount.into(), currency: currency.into() },
        }
    }

    fn observed(balances: Vec<WireBalance>) -> Result<Vec<ObservedBalance>, SweepError> {
        observe("22289", balances)
    }

    #[test]
    fn the_most_useful_balance_of_the_account_wins() {
        let observed = observed(vec![
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
        let observed = observed(vec![wire("22289", "ITAV", "50.00", "GBP", "Debit")]).unwrap();
        assert_eq!(observed[0].amount.minor_units, 0);
        assert_eq!(observed[0].terms.eligibility, Eligibility::Blocked);
    }

    #[test]
    fn inexact_or_unknown_amounts_are_typed_errors() {
        assert!(matches!(
            observed(vec![wire("22289", "ITAV", "1.001", "GBP", "Credit")]),
            Err(SweepError::SubMinorPrecision { .. })
        ));
        assert!(matches!(
            observed(vec![wire("22289", "ITAV", "1.00", "ZZZ", "Credit")]),
            Err(SweepError::UnknownCurrency { .. })
        ));
        assert!(matches!(
            observed(vec![wire("22289", "ITAV", "string", "GBP", "Credit")]),
            Err(SweepError::UnparsableAmount { .. })
        ));
    }

    #[test]
    fn accounts_add_up_per_currency_and_overdrafts_add_nothing() {
        let a = observed(vec![wire("22289", "ITAV", "10.50", "GBP", "Credit")]).unwrap();
        let b = observe("9", vec![wire("9", "ITAV", "2.25", "GBP", "Credit")]).unwrap();
        let c = observe("7", vec![wire("7", "ITAV", "40.00", "GBP", "Debit")]).unwrap();
        let total = combine(vec![c, a, b]).unwrap();
        assert_eq!(total.len(), 1);
        assert_eq!(total[0].amount.minor_units, 1_275);
        assert_eq!(total[0].terms.eligibility, Eligibility::Cashable);
        let only_overdrawn = combine(vec![observe("7", vec![wire("7", "ITAV", "1.00", "GBP", "Debit")]).unwrap()]);
        assert_eq!(only_overdrawn.unwrap()[0].terms.eligibility, Eligibility::Blocked);
    }

    #[test]
    fn account_ids_are_checked() {
        let base = "https://bank.example/open-banking/v4.0/aisp";
        assert!(OpenBankingConnector::new(base, "t".into(), None).is_ok());
        assert!(OpenBankingConnector::new(base, "t".into(), Some(String::new())).is_err());
        assert!(OpenBankingConnector::new(base, "t".into(), Some("a b".into())).is_err());
        assert_eq!(
            aisp_url(base, &["accounts", "a/b", "balances"]).unwrap().path(),
            "/open-banking/v4.0/aisp/accounts/a%2Fb/balances"
        );
    }

    #[test]
    fn interaction_ids_are_uuid_v4() {
        let id = interaction_id().unwrap();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
    }
}
