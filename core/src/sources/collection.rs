//! Whether, and how, a source's money can be collected: moved out of the
//! source to the provider, so that a payout is made from money that really
//! arrived. "Cashable" everywhere in Sweep (dashboard totals, planner,
//! estimates, quotes, withdrawals) means *collectable now*.
//!
//! Only a linked source can be collected, and only by the party that holds
//! the money: a platform over the Source API (when the user granted the
//! transfer scope) or a bank over Open Banking payment initiation. A
//! balance the user typed in is tracked, never paid out.

use super::{AuthState, Eligibility, Link, SourceEndpoint, SourceKind};
use crate::text::{tell, Msg};

/// The Source API scope that lets Sweep move money out of a balance. A link
/// without it stays read-only.
pub const TRANSFER_SCOPE: &str = "transfers:write";

/// How a source's money can be moved, or why it cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Collectability {
    /// The platform moves it over the Source API (`POST /transfers`).
    SourceApiTransfer,
    /// The bank pays it over Open Banking payment initiation, once the user
    /// authorises the payment at the bank.
    OpenBankingPayment,
    /// Typed in by the user: tracked only. Linking the source cashes it out.
    TrackedOnly,
    /// Carrier-billing money: it can only be refunded to the payment it came from.
    RefundToOrigin,
    /// It can only be spent where it is.
    SpendOnly,
    /// The source says it cannot be moved right now.
    Blocked,
    /// The link needs the user to sign in again.
    NeedsReauth,
    /// The link may read the balance but not move it: link again and allow transfers.
    ReadOnlyLink,
    /// The app's own connector reads it; Sweep has no way to move it.
    NoCollectMethod,
}

impl Collectability {
    /// True when Sweep can move this money now: a platform's transfer or
    /// a bank payment the user authorises.
    pub fn is_collectable(self) -> bool {
        matches!(self, Collectability::SourceApiTransfer | Collectability::OpenBankingPayment)
    }

    /// The code stored with a withdrawal's leg and sent to the provider.
    pub fn code(self) -> &'static str {
        match self {
            Collectability::SourceApiTransfer => "source_api_transfer",
            Collectability::OpenBankingPayment => "open_banking_payment",
            Collectability::TrackedOnly => "tracked_only",
            Collectability::RefundToOrigin => "refund_to_origin",
            Collectability::SpendOnly => "spend_only",
            Collectability::Blocked => "blocked",
            Collectability::NeedsReauth => "needs_reauth",
            Collectability::ReadOnlyLink => "read_only_link",
            Collectability::NoCollectMethod => "no_collect_method",
        }
    }

    /// Why the money cannot be moved, as a sentence for the user in the
    /// wallet's language; `None` when it can. `terms_reason` is the source's own word, used where the
    /// source's terms are what forbid it.
    pub fn reason(self, terms_reason: &str) -> Option<String> {
        let msg = match self {
            Collectability::SourceApiTransfer | Collectability::OpenBankingPayment => return None,
            Collectability::RefundToOrigin | Collectability::SpendOnly | Collectability::Blocked => {
                return Some(terms_reason.to_owned())
            }
            Collectability::TrackedOnly => Msg::CollectTrackedOnly {},
            Collectability::NeedsReauth => Msg::CollectNeedsReauth {},
            Collectability::ReadOnlyLink => Msg::CollectReadOnly {},
            Collectability::NoCollectMethod => Msg::CollectNoMethod {},
        };
        Some(tell(msg))
    }
}

/// What Sweep knows about a source when it decides how to collect it.
pub struct CollectionFacts<'a> {
    /// `"manual"` for a typed-in source.
    pub provider: &'a str,
    /// Its kind.
    pub kind: SourceKind,
    /// What its terms say the balance may become.
    pub eligibility: Eligibility,
    /// Whether its link still works.
    pub auth_state: AuthState,
    /// Its link, for a source the user signed in to.
    pub link: Option<&'a Link>,
}

/// Decides how a source's balance can be collected. The legal rules come
/// first: carrier-billing money is refund-to-origin whatever else is true.
pub fn collectability(facts: &CollectionFacts<'_>) -> Collectability {
    if facts.kind == SourceKind::CarrierBilling || facts.eligibility == Eligibility::RefundToOrigin {
        return Collectability::RefundToOrigin;
    }
    if facts.provider == "manual" {
        return Collectability::TrackedOnly;
    }
    match facts.eligibility {
        Eligibility::SpendOnly => return Collectability::SpendOnly,
        Eligibility::Blocked => return Collectability::Blocked,
        Eligibility::Cashable | Eligibility::RefundToOrigin => {}
    }
    if facts.auth_state != AuthState::Linked {
        return Collectability::NeedsReauth;
    }
    let Some(link) = facts.link else { return Collectability::NoCollectMethod };
    match &link.endpoint {
        SourceEndpoint::SourceApi { .. } if link.grants(TRANSFER_SCOPE) => Collectability::SourceApiTransfer,
        SourceEndpoint::SourceApi { .. } => Collectability::ReadOnlyLink,
        SourceEndpoint::OpenBanking { .. } => Collectability::OpenBankingPayment,
        SourceEndpoint::CarrierBilling { .. } => Collectability::RefundToOrigin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::links::test_link as link;

    fn facts<'a>(provider: &'a str, kind: SourceKind, link: Option<&'a Link>) -> CollectionFacts<'a> {
        CollectionFacts { provider, kind, eligibility: Eligibility::Cashable, auth_state: AuthState::Linked, link }
    }

    fn api() -> SourceEndpoint {
        SourceEndpoint::SourceApi { base_url: "https://w.example/sweep/v1".into() }
    }

    #[test]
    fn typed_in_money_is_tracked_only_whatever_its_kind() {
        for kind in [SourceKind::Wallet, SourceKind::Bank, SourceKind::Points] {
            assert_eq!(collectability(&facts("manual", kind, None)), Collectability::TrackedOnly);
        }
        assert_eq!(collectability(&facts("manual", SourceKind::CarrierBilling, None)), Collectability::RefundToOrigin);
    }

    #[test]
    fn a_platform_is_collectable_only_with_the_transfer_scope() {
        let full = link(api(), Some("openid balances:read transfers:write"));
        assert_eq!(
            collectability(&facts("source-api", SourceKind::Wallet, Some(&full))),
            Collectability::SourceApiTransfer
        );
        let read_only = link(api(), Some("openid balances:read"));
        assert_eq!(
            collectability(&facts("source-api", SourceKind::Wallet, Some(&read_only))),
            Collectability::ReadOnlyLink
        );
        // RFC 6749 §5.1: no scope in the answer means the one asked for.
        let same = link(api(), None);
        assert_eq!(
            collectability(&facts("source-api", SourceKind::Wallet, Some(&same))),
            Collectability::SourceApiTransfer
        );
    }

    #[test]
    fn terms_auth_and_the_law_come_before_the_link() {
        let full = link(api(), None);
        let mut f = facts("source-api", SourceKind::Wallet, Some(&full));
        f.eligibility = Eligibility::SpendOnly;
        assert_eq!(collectability(&f), Collectability::SpendOnly);
        f.eligibility = Eligibility::Blocked;
        assert_eq!(collectability(&f), Collectability::Blocked);
        f.eligibility = Eligibility::Cashable;
        f.auth_state = AuthState::NeedsReauth;
        assert_eq!(collectability(&f), Collectability::NeedsReauth);
        // A platform that calls phone-bill money cashable is overruled.
        let f = facts("source-api", SourceKind::CarrierBilling, Some(&full));
        assert_eq!(collectability(&f), Collectability::RefundToOrigin);
        assert_eq!(collectability(&facts("my-app", SourceKind::Wallet, None)), Collectability::NoCollectMethod);
        let bank =
            link(SourceEndpoint::OpenBanking { aisp_base_url: "https://b.example".into(), account_id: None }, None);
        assert_eq!(
            collectability(&facts("open-banking", SourceKind::Bank, Some(&bank))),
            Collectability::OpenBankingPayment
        );
    }

    #[test]
    fn transfers_and_bank_payments_are_collectable_and_every_other_says_why() {
        for c in [Collectability::SourceApiTransfer, Collectability::OpenBankingPayment] {
            assert!(c.is_collectable());
            assert!(c.reason("x").is_none());
        }
        for c in [
            Collectability::TrackedOnly,
            Collectability::RefundToOrigin,
            Collectability::SpendOnly,
            Collectability::Blocked,
            Collectability::NeedsReauth,
            Collectability::ReadOnlyLink,
            Collectability::NoCollectMethod,
        ] {
            assert!(!c.is_collectable());
            assert!(!c.reason("The source's own reason.").unwrap().is_empty(), "{c:?}");
        }
    }
}
