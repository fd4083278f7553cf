//! Payees: where a withdrawal may go. A Korean bank account (bank code and
//! account number), an IBAN (checked with its mod-97 checksum), or a wallet
//! (a provider and a handle, or an E.164 phone number), with the holder's
//! name. Payees are sealed at rest; a new payee cools down before it can
//! receive more than a small amount.

use serde::{Deserialize, Serialize};

use crate::fees::DestinationKind;
use crate::SweepError;

/// Korean banks by their three-digit code (금융결제원 codes).
pub const KR_BANKS: [(&str, &str); 14] = [
    ("002", "KDB"),
    ("003", "IBK"),
    ("004", "KB Kookmin"),
    ("007", "Suhyup"),
    ("011", "NongHyup"),
    ("020", "Woori"),
    ("023", "SC First"),
    ("027", "Citi Korea"),
    ("031", "iM Bank"),
    ("081", "Hana"),
    ("088", "Shinhan"),
    ("089", "K Bank"),
    ("090", "Kakao Bank"),
    ("092", "Toss Bank"),
];

/// Where money can go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum PayeeDestination {
    /// A Korean bank account.
    KrBankAccount {
        /// The bank's three-digit code, for example `"088"` (Shinhan).
        bank_code: String,
        /// The account number; hyphens are allowed and dropped.
        account_number: String,
    },
    /// An account by IBAN.
    Iban {
        /// The IBAN; spaces are allowed and dropped.
        iban: String,
    },
    /// A wallet at a provider, by handle.
    WalletHandle {
        /// The wallet provider, for example `"toss"`.
        provider: String,
        /// The user's handle there.
        handle: String,
    },
    /// A wallet reached by phone number.
    Phone {
        /// E.164, for example `+821012345678`.
        phone_number: String,
    },
}

fn invalid(field: &str, reason: &str) -> SweepError {
    SweepError::InvalidInput { field: field.into(), reason: reason.into() }
}

/// The IBAN mod-97 check (ISO 13616): move the first four characters to
/// the end, turn letters into numbers (A = 10), and the remainder by 97
/// must be 1.
pub fn iban_valid(iban: &str) -> bool {
    let iban: String = iban.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    if !(15..=34).contains(&iban.len()) || !iban.chars().all(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let (country, rest) = iban.split_at(2);
    if !country.chars().all(|c| c.is_ascii_uppercase()) || !rest[..2].chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let rearranged = iban[4..].chars().chain(iban[..4].chars());
    let mut remainder = 0u32;
    for c in rearranged {
        let value = c.to_digit(36).unwrap_or(0);
        let digits = if value >= 10 { 100 } else { 10 };
        remainder = (remainder * digits + value) % 97;
    }
    remainder == 1
}

impl PayeeDestination {
    /// Checks the format and returns the destination in its canonical form
    /// (no hyphens or spaces, upper-case IBAN).
    pub fn validated(&self) -> Result<PayeeDestination, SweepError> {
        Ok(match self {
            PayeeDestination::KrBankAccount { bank_code, account_number } => {
                if !KR_BANKS.iter().any(|(code, _)| code == bank_code) {
                    return Err(invalid("bank_code", "not a Korean bank code Sweep knows"));
                }
                let digits: String = account_number.chars().filter(|c| *c != '-').collect();
                if !(10..=14).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(invalid("account_number", "10 to 14 digits, hyphens allowed"));
                }
                PayeeDestination::KrBankAccount { bank_code: bank_code.clone(), account_number: digits }
            }
            PayeeDestination::Iban { iban } => {
                if !iban_valid(iban) {
                    return Err(invalid("iban", "not a valid IBAN (its check digits do not match)"));
                }
                let clean: String =
                    iban.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
                PayeeDestination::Iban { iban: clean }
            }
            PayeeDestination::WalletHandle { provider, handle } => {
                let ok =
                    |s: &str, max: usize| !s.trim().is_empty() && s.len() <= max && !s.chars().any(char::is_control);
                if !ok(provider, 40) || !ok(handle, 64) {
                    return Err(invalid("handle", "a provider and a handle, without control characters"));
                }
                PayeeDestination::WalletHandle {
                    provider: provider.trim().to_owned(),
                    handle: handle.trim().to_owned(),
                }
            }
            PayeeDestination::Phone { phone_number } => {
                crate::identity::camara::check_e164(phone_number)?;
                PayeeDestination::Phone { phone_number: phone_number.clone() }
            }
        })
    }

    /// Whether the money goes to a bank account or a wallet: what a quote
    /// for this payee must be priced for.
    pub fn kind(&self) -> DestinationKind {
        match self {
            PayeeDestination::KrBankAccount { .. } | PayeeDestination::Iban { .. } => DestinationKind::BankAccount,
            PayeeDestination::WalletHandle { .. } | PayeeDestination::Phone { .. } => DestinationKind::Wallet,
        }
    }

    /// The last characters, masked, for showing the payee.
    pub fn hint(&self) -> String {
        let tail = |s: &str| s.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect::<String>();
        match self {
            PayeeDestination::KrBankAccount { bank_code, account_number } => {
                let bank = KR_BANKS.iter().find(|(c, _)| c == bank_code).map_or("bank", |(_, n)| n);
                format!("{bank} •••• {}", tail(account_number))
            }
            PayeeDestination::Iban { iban } => format!("{} •••• {}", &iban[..2.min(iban.len())], tail(iban)),
            PayeeDestination::WalletHandle { provider, handle } => format!("{provider} •••• {}", tail(handle)),
            PayeeDestination::Phone { phone_number } => format!("•••• {}", tail(phone_number)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans_are_checked_by_their_digits() {
        assert!(iban_valid("GB82 WEST 1234 5698 7654 32"));
        assert!(iban_valid("DE89370400440532013000"));
        assert!(!iban_valid("GB82WEST12345698765433"), "one digit off");
        assert!(!iban_valid("GB82WEST1234"), "too short");
        assert!(!iban_valid("1282WEST12345698765432"), "no country");
    }

    #[test]
    fn korean_accounts_need_a_known_bank_and_digits() {
        let account = |bank: &str, number: &str| PayeeDestination::KrBankAccount {
            bank_code: bank.into(),
            account_number: number.into(),
        };
        let ok = account("088", "110-123-456789").validated().unwrap();
        assert_eq!(ok, account("088", "110123456789"));
        assert_eq!(ok.hint(), "Shinhan •••• 6789");
        assert!(account("999", "110123456789").validated().is_err());
        assert!(account("088", "12345").validated().is_err());
        assert!(account("088", "110-12A-456789").validated().is_err());
    }

    #[test]
    fn phones_must_be_e164() {
        assert!(PayeeDestination::Phone { phone_number: "+821012345678".into() }.validated().is_ok());
        assert!(PayeeDestination::Phone { phone_number: "010-1234-5678".into() }.validated().is_err());
    }
}
