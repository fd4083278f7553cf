//! Where a connected source is read from: one of the APIs Sweep speaks.
//! A link stores its endpoint, so the right connector comes back when the
//! wallet reopens.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{CarrierBillingConnector, OpenBankingConnector, SourceApiConnector, SourceConnector, SourceKind};
use crate::SweepError;

/// An API that holds a user's balance, and its address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "api", rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum SourceEndpoint {
    /// A platform implementing the Sweep Source API (`docs/source-api.yaml`).
    SourceApi {
        /// Its base URL, for example `https://wallet.example/sweep/v1`.
        base_url: String,
    },
    /// A bank or e-money institution's UK Open Banking v4.0 account
    /// information API.
    OpenBanking {
        /// The AISP base URL, for example `https://bank.example/open-banking/v4.0/aisp`.
        aisp_base_url: String,
        /// One account; `None` reads every account the consent covers.
        account_id: Option<String>,
    },
    /// A mobile operator's CAMARA Carrier Billing v0.5 and Refund v0.3 APIs.
    /// Its money is refund-to-origin only.
    CarrierBilling {
        /// The Carrier Billing base URL.
        billing_base_url: String,
        /// The Carrier Billing Refund base URL.
        refund_base_url: String,
    },
}

impl SourceEndpoint {
    /// The provider code stored with the source.
    pub fn provider(&self) -> &'static str {
        match self {
            SourceEndpoint::SourceApi { .. } => "source-api",
            SourceEndpoint::OpenBanking { .. } => "open-banking",
            SourceEndpoint::CarrierBilling { .. } => "camara-carrier-billing",
        }
    }

    /// A connector for this endpoint with the user's access token.
    pub fn connector(&self, access_token: String) -> Result<Arc<dyn SourceConnector>, SweepError> {
        Ok(match self {
            SourceEndpoint::SourceApi { base_url } => Arc::new(SourceApiConnector::new(base_url, access_token)?),
            SourceEndpoint::OpenBanking { aisp_base_url, account_id } => {
                Arc::new(OpenBankingConnector::new(aisp_base_url, access_token, account_id.clone())?)
            }
            SourceEndpoint::CarrierBilling { billing_base_url, refund_base_url } => {
                Arc::new(CarrierBillingConnector::new(billing_base_url, refund_base_url, access_token)?)
            }
        })
    }

    /// Checks the addresses, and that the kind fits: phone-bill money is
    /// always a carrier-billing source, so it can never pass for cash.
    pub fn check(&self, kind: SourceKind) -> Result<(), SweepError> {
        self.connector(String::new())?;
        if matches!(self, SourceEndpoint::CarrierBilling { .. }) && kind != SourceKind::CarrierBilling {
            return Err(SweepError::invalid("kind", "a carrier billing endpoint is a carrier-billing source"));
        }
        Ok(())
    }
}

/// A connector for one of the built-in APIs, for an app that obtained the
/// user's access token itself. Pass it to `Wallet.addConnectedSource`.
/// Prefer `Wallet.beginLink`, which also seals and refreshes the tokens.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn source_connector(
    endpoint: SourceEndpoint,
    access_token: String,
) -> Result<Arc<dyn SourceConnector>, SweepError> {
    endpoint.connector(access_token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carrier_endpoints_only_back_carrier_sources() {
        let carrier = SourceEndpoint::CarrierBilling {
            billing_base_url: "https://op.example/carrier-billing/v0.5".into(),
            refund_base_url: "https://op.example/carrier-billing-refund/v0.3".into(),
        };
        assert!(carrier.check(SourceKind::CarrierBilling).is_ok());
        assert!(matches!(carrier.check(SourceKind::Wallet), Err(SweepError::InvalidInput { .. })));
        let api = SourceEndpoint::SourceApi { base_url: "https://wallet.example/sweep/v1".into() };
        assert!(api.check(SourceKind::Wallet).is_ok());
        let insecure = SourceEndpoint::SourceApi { base_url: "http://wallet.example/sweep/v1".into() };
        assert!(insecure.check(SourceKind::Wallet).is_err());
    }

    #[test]
    fn endpoints_are_stored_tagged() {
        let bank = SourceEndpoint::OpenBanking { aisp_base_url: "https://b.example/aisp".into(), account_id: None };
        let json = serde_json::to_string(&bank).unwrap();
        assert_eq!(json, r#"{"api":"open_banking","aisp_base_url":"https://b.example/aisp","account_id":null}"#);
        assert_eq!(serde_json::from_str::<SourceEndpoint>(&json).unwrap(), bank);
    }
}
