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

/// The Source API scope that lets Sweep move money out of a balance. A link
/// without it stays read-only.
pub const TRANSFER_SCOPE: &str = "transfers:write";

/// How a source's money can be moved, or why it cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Collection {
    /// The platform moves it over the Source API (`POST /transfers`).
    SourceApiTransfer,
    /// The bank pays it over Open Banking payment initiation.
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

impl Collection {
    /// True when Sweep can move this money now.
    pub fn is_collectable(self) -> bool {
        matches!(self, Collection::SourceApiTransfer | Collection::OpenBankingPayment)
    }

    /// The code stored with a withdrawal's leg and sent to the provider.
    pub fn code(self) -> &'static str {
        match self {
            Collection::SourceApiTransfer => "source_api_transfer",
            Collection::OpenBankingPayment => "open_banking_payment",
            Collection::TrackedOnly => "tracked_only",
            Collection::RefundToOrigin => "refund_to_origin",
            Collection::SpendOnly => "spend_only",
            Collection::Blocked => "blocked",
            Collection::NeedsReauth => "needs_reauth",
            Collection::ReadOnlyLink => "read_only_link",
            Collection::NoCollectMethod => "no_collect_method",
        }
    }

    /// Why the money cannot be moved, as a sentence for the user; `None`
    /// when it can. `terms_reason` is the source's own word, used where the
    /// source's terms are what forbid it.
    pub fn reason(self, terms_reason: &str) -> Option<String> {
        Some(match self {
            Collection::SourceApiTransfer | Collection::OpenBankingPayment => return None,
            Collection::TrackedOnly => {
                "You typed this balance in, so Sweep only tracks it. Link the source to cash it out.".into()
            }
            Collection::RefundToOrigin | Collection::SpendOnly | Collection::Blocked => terms_reason.to_owned(),
            Collection::NeedsReauth => "Sweep cannot reach it until it is linked again.".into(),
            Collection::ReadOnlyLink => {
                "The link can read this balance but not move it. Link it again and allow transfers.".into()
            }
            Collection::NoCollectMethod => "Your app reads this balance, but Sweep has no way to move it.".into(),
        })
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
pub fn collection(facts: &CollectionFacts<'_>) -> Collection {
    if facts.kind == SourceKind::CarrierBilling || facts.eligibility == Eligibility::RefundToOrigin {
        return Collection::RefundToOrigin;
    }
    if facts.provider == "manual" {
        return Collection::TrackedOnly;
    }
    match facts.eligibility {
        Eligibility::SpendOnly => return Collection::SpendOnly,
        Eligibility::Blocked => return Collection::Blocked,
        Eligibility::Cashable | Eligibility::RefundToOrigin => {}
    }
    if facts.auth_state != AuthState::Linked {
        return Collection::NeedsReauth;
    }
    let Some(link) = facts.link else { return Collection::NoCollectMethod };
    match &link.endpoint {
        SourceEndpoint::SourceApi { .. } if link.grants(TRANSFER_SCOPE) => Collection::SourceApiTransfer,
        SourceEndpoint::SourceApi { .. } => Collection::ReadOnlyLink,
        SourceEndpoint::OpenBanking { .. } => Collection::OpenBankingPayment,
        SourceEndpoint::CarrierBilling { .. } => Collection::RefundToOrigin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{OAuthConfig, OAuthGrant};

    fn link(endpoint: SourceEndpoint, scope: Option<&str>) -> Link {
        let oauth = OAuthConfig {
            issuer: "https://id.example".into(),
            authorize_endpoint: "https://id.example/a".into(),
            token_endpoint: "https://id.example/t".into(),
            client_id: "c".into(),
            redirect_uri: "app:/cb".into(),
            scopes: vec!["balances:read".into(), TRANSFER_SCOPE.into()],
        };
        let grant = OAuthGrant {
            access_token: String::from("a").into(),
            refresh_token: None,
            expires_at: std::time::SystemTime::now(),
            subject: None,
            scope: scope.map(str::to_owned),
        };
        Link::new(endpoint, oauth, &grant)
    }

    fn facts<'a>(provider: &'a str, kind: SourceKind, link: Option<&'a Link>) -> CollectionFacts<'a> {
        CollectionFacts { provider, kind, eligibility: Eligibility::Cashable, auth_state: AuthState::Linked, link }
    }

    fn api() -> SourceEndpoint {
        SourceEndpoint::SourceApi { base_url: "https://w.example/sweep/v1".into() }
    }

    #[test]
    fn typed_in_money_is_tracked_only_whatever_its_kind() {
        for kind in [SourceKind::Wallet, SourceKind::Bank, SourceKind::Points] {
            assert_eq!(collection(&facts("manual", kind, None)), Collection::TrackedOnly);
        }
        assert_eq!(collection(&facts("manual", SourceKind::CarrierBilling, None)), Collection::RefundToOrigin);
    }

    #[test]
    fn a_platform_is_collectable_only_with_the_transfer_scope() {
        let full = link(api(), Some("openid balances:read transfers:write"));
        assert_eq!(collection(&facts("source-api", SourceKind::Wallet, Some(&full))), Collection::SourceApiTransfer);
        let read_only = link(api(), Some("openid balances:read"));
        assert_eq!(collection(&facts("source-api", SourceKind::Wallet, Some(&read_only))), Collection::ReadOnlyLink);
        // RFC 6749 §5.1: no scope in the answer means the one asked for.
        let same = link(api(), None);
        assert_eq!(collection(&facts("source-api", SourceKind::Wallet, Some(&same))), Collection::SourceApiTransfer);
    }

    #[test]
    fn terms_auth_and_the_law_come_before_the_link() {
        let full = link(api(), None);
        let mut f = facts("source-api", SourceKind::Wallet, Some(&full));
        f.eligibility = Eligibility::SpendOnly;
        assert_eq!(collection(&f), Collection::SpendOnly);
        f.eligibility = Eligibility::Blocked;
        assert_eq!(collection(&f), Collection::Blocked);
        f.eligibility = Eligibility::Cashable;
        f.auth_state = AuthState::NeedsReauth;
        assert_eq!(collection(&f), Collection::NeedsReauth);
        // A platform that calls phone-bill money cashable is overruled.
        let f = facts("source-api", SourceKind::CarrierBilling, Some(&full));
        assert_eq!(collection(&f), Collection::RefundToOrigin);
        assert_eq!(collection(&facts("my-app", SourceKind::Wallet, None)), Collection::NoCollectMethod);
        let bank =
            link(SourceEndpoint::OpenBanking { aisp_base_url: "https://b.example".into(), account_id: None }, None);
        assert_eq!(collection(&facts("open-banking", SourceKind::Bank, Some(&bank))), Collection::OpenBankingPayment);
    }

    #[test]
    fn only_the_two_methods_are_collectable_and_every_other_says_why() {
        for c in [Collection::SourceApiTransfer, Collection::OpenBankingPayment] {
            assert!(c.is_collectable() && c.reason("x").is_none());
        }
        for c in [
            Collection::TrackedOnly,
            Collection::RefundToOrigin,
            Collection::SpendOnly,
            Collection::Blocked,
            Collection::NeedsReauth,
            Collection::ReadOnlyLink,
            Collection::NoCollectMethod,
        ] {
            assert!(!c.is_collectable());
            assert!(!c.reason("The source's own reason.").unwrap().is_empty(), "{c:?}");
        }
    }
}
