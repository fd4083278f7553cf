//! A source's life through the `Wallet`: what linking did, editing a
//! typed-in balance, and removing a source with its tokens revoked.

use std::sync::Arc;

use super::{now_ms, Wallet};
use crate::sources::{self, ManualSource, TokenRevocation};
use crate::text::{tell, Msg};
use crate::SweepError;

/// What `complete_link` did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum LinkOutcome {
    /// A new source.
    Linked,
    /// A balance typed in by hand became this linked source, keeping its
    /// id and history, so its money counts once.
    AdoptedTypedIn,
    /// The same source, linked again by the same user.
    LinkedAgain,
    /// A relink signed in as another user than the source belongs to: the
    /// sign-in became a new source, and the old one stays as it was.
    OtherAccount {
        /// The source the relink was for.
        previous_source_id: u64,
    },
}

/// The source a sign-in linked, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LinkResult {
    /// The linked source's id.
    pub source_id: u64,
    /// What happened.
    pub outcome: LinkOutcome,
    /// A sentence for the user when the outcome needs one (an adopted
    /// typed-in balance, another account), in the wallet's language.
    pub note: Option<String>,
}

/// What `remove_source` did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SourceRemoval {
    /// The removed source.
    pub source_id: u64,
    /// What became of its tokens at the issuer.
    pub revocation: TokenRevocation,
    /// A sentence for the user, in the wallet's language: what was done
    /// and, where the issuer could not revoke, what to do.
    pub note: String,
}

impl LinkResult {
    pub(super) fn new(source_id: i64, outcome: LinkOutcome, name: &str) -> LinkResult {
        let note = match outcome {
            LinkOutcome::AdoptedTypedIn => Some(tell(Msg::LinkAdoptedTypedIn { name: name.into() })),
            LinkOutcome::OtherAccount { .. } => Some(tell(Msg::LinkOtherAccount { name: name.into() })),
            LinkOutcome::Linked | LinkOutcome::LinkedAgain => None,
        };
        LinkResult { source_id: source_id as u64, outcome, note }
    }
}

fn removal_note(name: &str, revocation: &TokenRevocation) -> String {
    let name = || name.to_owned().into();
    tell(match revocation {
        TokenRevocation::Revoked => Msg::RemovedRevoked { name: name() },
        TokenRevocation::NotOffered => Msg::RemovedNotOffered { name: name() },
        TokenRevocation::NoTokens => Msg::RemovedNoTokens { name: name() },
        TokenRevocation::Failed { reason } => Msg::RemovedRevokeFailed { name: name(), reason: reason.clone().into() },
    })
}

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// Replaces a balance typed in by hand: its name, kind, account
    /// reference and amount (in the same currency; another currency is
    /// another balance). `account_ref` absent keeps the stored one (apps
    /// only see it masked); blank clears it. The old amount stays in the history. Only
    /// typed-in sources can be edited; bad input writes nothing.
    pub async fn edit_manual_source(&self, source_id: u64, source: ManualSource) -> Result<(), SweepError> {
        let id = i64::try_from(source_id).map_err(|_| SweepError::SourceNotFound { source_id })?;
        self.with_store(move |store| sources::edit_manual_source(store, id, &source, now_ms())).await?;
        tracing::info!(source_id = id, "manual source edited");
        Ok(())
    }

    /// Removes a source. A linked source's tokens are revoked at its
    /// issuer first (RFC 7009, where the issuer offers it) and then
    /// deleted here; its connector is dropped. The source's history stays,
    /// marked removed, so the ledger still verifies and old receipts still
    /// read; it leaves the dashboard, plans and syncs. Refused while a
    /// cash-out is still collecting from it.
    pub async fn remove_source(&self, source_id: u64) -> Result<SourceRemoval, SweepError> {
        let id = i64::try_from(source_id).map_err(|_| SweepError::SourceNotFound { source_id })?;
        let (name, _) = self.with_store(move |store| sources::name_and_kind(store, id)).await?;
        // Refused before anything is revoked: a source a cash-out still
        // collects from must keep its tokens.
        self.with_store(move |store| sources::check_removable(store, id)).await?;
        let revocation = match self.linked(source_id) {
            Some(linked) => linked.revoke_at_issuer().await,
            None => TokenRevocation::NoTokens,
        };
        self.with_store(move |store| sources::remove_source(store, id)).await?;
        self.connectors.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
        self.linked.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
        tracing::info!(source_id = id, "source removed");
        let note = removal_note(&name, &revocation);
        Ok(SourceRemoval { source_id, revocation, note })
    }
}

impl Wallet {
    /// Links a new source, or turns the typed-in source it replaces into
    /// it. Returns its id and how.
    pub(super) async fn link_new(
        &self,
        request: sources::LinkRequest,
        link: sources::Link,
    ) -> Result<(i64, LinkOutcome, String), SweepError> {
        let stored = link.clone();
        let (id, outcome, name) = self
            .with_store(move |store| match sources::typed_in_to_adopt(store, &request)? {
                Some(id) => {
                    let (name, _) = sources::name_and_kind(store, id)?;
                    sources::adopt_typed_in(store, id, &request, &stored)?;
                    Ok((id, LinkOutcome::AdoptedTypedIn, name))
                }
                None => {
                    let id = sources::add_linked_source(store, &request, &stored, now_ms())?;
                    Ok((id, LinkOutcome::Linked, request.name.clone()))
                }
            })
            .await?;
        self.keep_linked(id, sources::LinkedConnector::new(id, Arc::clone(&self.store), link)?);
        Ok((id, outcome, name))
    }
}
