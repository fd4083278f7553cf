//! The connector of a linked source. It refreshes the access token shortly
//! before it expires, inside that source's own sync: a token endpoint that
//! hangs or refuses delays or fails its own source only, within that
//! source's attempts and time budget, never the others.

use crate::text::{tell, Msg};
use std::sync::Arc;

use async_trait::async_trait;

use super::sync::{with_store, SharedStore};
use super::{refresh_oauth_grant, store_link, CarrierBillingConnector, Link, SourceConnector, SourceEndpoint};
use super::{ObservedBalance, TransactionPage};
use crate::SweepError;

/// A linked source's current link, and a connector using its token.
struct Current {
    link: Link,
    connector: Arc<dyn SourceConnector>,
}

/// Reads a linked source with a token that is refreshed when due.
pub struct LinkedConnector {
    source_id: i64,
    store: SharedStore,
    /// Held across a refresh, so one source never refreshes twice at once
    /// (a rotated refresh token is good for one use).
    current: tokio::sync::Mutex<Current>,
}

impl LinkedConnector {
    /// A connector for the source's stored `link`.
    pub fn new(source_id: i64, store: SharedStore, link: Link) -> Result<Arc<LinkedConnector>, SweepError> {
        let connector = link.connector()?;
        Ok(Arc::new(LinkedConnector {
            source_id,
            store,
            current: tokio::sync::Mutex::new(Current { link, connector }),
        }))
    }

    /// The connector to read with now, after a refresh when the token is
    /// about to expire. A refused refresh is `AuthExpired` (the sync then
    /// marks the source `NeedsReauth`). Any other failure keeps the old
    /// token while it is still valid, and is returned once it is not.
    async fn connector(&self) -> Result<Arc<dyn SourceConnector>, SweepError> {
        let mut current = self.current.lock().await;
        let Some(refresh_token) = current.link.refresh_token.clone().filter(|_| current.link.needs_refresh()) else {
            return Ok(Arc::clone(&current.connector));
        };
        match refresh_oauth_grant(&current.link.oauth, &refresh_token).await {
            Ok(grant) => {
                let mut link = current.link.clone();
                link.update(&grant);
                let (id, stored) = (self.source_id, link.clone());
                with_store(&self.store, move |store| store_link(store, id, &stored)).await?;
                current.connector = link.connector()?;
                current.link = link;
                tracing::info!(source_id = id, "access token refreshed");
            }
            Err(SweepError::OAuthRejected { .. }) => {
                return Err(SweepError::AuthExpired {
                    reason: crate::text::tell(crate::text::Msg::NetRefreshRefused {}),
                });
            }
            Err(err) if current.link.expired() => return Err(err),
            Err(_) => tracing::warn!(source_id = self.source_id, "token refresh failed; the current token still works"),
        }
        Ok(Arc::clone(&current.connector))
    }

    /// The link's endpoint and an access token that is not about to expire
    /// (refreshed first when due), for calls beside the sync: carrier
    /// refunds and the operator's identity checks.
    pub async fn fresh_token(&self) -> Result<(SourceEndpoint, String), SweepError> {
        self.connector().await?;
        let current = self.current.lock().await;
        Ok((current.link.endpoint.clone(), current.link.access_token.clone()))
    }

    /// A carrier-billing connector with a fresh token, for refunds.
    pub async fn carrier_billing(&self) -> Result<CarrierBillingConnector, SweepError> {
        // Check the kind first: no token is refreshed for a source that is
        // not an operator's.
        if !matches!(self.link_settings().await.0, SourceEndpoint::CarrierBilling { .. }) {
            return Err(SweepError::invalid("source_id", "not a linked carrier-billing source"));
        }
        let (endpoint, token) = self.fresh_token().await?;
        let SourceEndpoint::CarrierBilling { billing_base_url, refund_base_url } = &endpoint else {
            return Err(SweepError::invalid("source_id", "not a linked carrier-billing source"));
        };
        CarrierBillingConnector::new(billing_base_url, refund_base_url, token)
    }

    /// A Source API connector with a fresh token, for transfers. Refused
    /// without a refresh for any other API, and for a link without the
    /// transfer scope.
    pub async fn source_api(&self) -> Result<super::SourceApiConnector, SweepError> {
        {
            let current = self.current.lock().await;
            let not_transferable =
                |why: &str| SweepError::NotCashable { source_id: self.source_id as u64, reason: why.into() };
            if !matches!(current.link.endpoint, SourceEndpoint::SourceApi { .. }) {
                return Err(not_transferable(&tell(Msg::NotSourceApi {})));
            }
            if !current.link.grants(super::TRANSFER_SCOPE) {
                return Err(not_transferable(&tell(Msg::CollectReadOnly {})));
            }
        }
        let (endpoint, token) = self.fresh_token().await?;
        let SourceEndpoint::SourceApi { base_url } = &endpoint else {
            return Err(SweepError::invalid("source_id", "not a Source API platform"));
        };
        super::SourceApiConnector::new(base_url, token)
    }

    /// The stored link's endpoint and OAuth settings, to link again.
    pub async fn link_settings(&self) -> (SourceEndpoint, super::OAuthConfig) {
        let current = self.current.lock().await;
        (current.link.endpoint.clone(), current.link.oauth.clone())
    }

    /// Revokes the link's tokens at the issuer (RFC 7009), under the same
    /// lock as a refresh: a refresh in flight finishes first, so the
    /// tokens revoked are the newest, and none is rotated after.
    pub async fn revoke_at_issuer(&self) -> super::TokenRevocation {
        let current = self.current.lock().await;
        super::revoke(&current.link).await
    }

    /// Takes a new link after the user linked the source again.
    pub async fn replace(&self, link: Link) -> Result<(), SweepError> {
        let connector = link.connector()?;
        *self.current.lock().await = Current { link, connector };
        Ok(())
    }
}

#[async_trait]
impl SourceConnector for LinkedConnector {
    async fn fetch_balances(&self) -> Result<Vec<ObservedBalance>, SweepError> {
        self.connector().await?.fetch_balances().await
    }

    async fn fetch_transactions(&self, cursor: Option<String>) -> Result<TransactionPage, SweepError> {
        self.connector().await?.fetch_transactions(cursor).await
    }
}
