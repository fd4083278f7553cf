//! The Sweep Source API's read side (`docs/source-api.yaml`): balances and
//! the transaction feed.

use async_trait::async_trait;
use reqwest::Url;
use zeroize::Zeroizing;

use crate::sources::http;
use crate::sources::{ObservedBalance, SourceConnector, TransactionPage};
use crate::SweepError;

/// A platform that implements the Sweep Source API (`docs/source-api.yaml`).
pub struct SourceApiConnector {
    base: Url,
    access_token: Zeroizing<String>,
}

/// The `GET /balances` envelope.
#[derive(serde::Deserialize)]
pub(crate) struct BalanceList {
    pub(crate) balances: Vec<ObservedBalance>,
}

/// Transactions asked for per page.
const PAGE_LIMIT: &str = "100";

impl SourceApiConnector {
    /// A connector for the API at `base_url` (HTTPS, or plain HTTP on a
    /// loopback address for tests and the sandbox), with an access token.
    pub fn new(base_url: &str, access_token: String) -> Result<Self, SweepError> {
        Ok(SourceApiConnector { base: http::api_base(base_url)?, access_token: Zeroizing::new(access_token) })
    }

    pub(super) fn url(&self, path: &str) -> Result<Url, SweepError> {
        self.base.join(path).map_err(|e| SweepError::invalid("base_url", e.to_string()))
    }

    pub(super) fn token(&self) -> &str {
        self.access_token.as_str()
    }
}

#[async_trait]
impl SourceConnector for SourceApiConnector {
    async fn fetch_balances(&self) -> Result<Vec<ObservedBalance>, SweepError> {
        let list: BalanceList =
            http::send_json(self.url("balances")?, Some(self.access_token.as_str()), None, &[]).await?;
        Ok(list.balances)
    }

    async fn fetch_transactions(&self, cursor: Option<String>) -> Result<TransactionPage, SweepError> {
        let mut url = self.url("transactions")?;
        url.query_pairs_mut().append_pair("limit", PAGE_LIMIT);
        if let Some(cursor) = &cursor {
            url.query_pairs_mut().append_pair("cursor", cursor);
        }
        let page: TransactionPage = http::send_json(url, Some(self.access_token.as_str()), None, &[]).await?;
        page.validate()?;
        Ok(page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_on_loopback() {
        assert!(SourceApiConnector::new("https://source.example.com/sweep/v1", "t".into()).is_ok());
        assert!(SourceApiConnector::new("http://127.0.0.1:9/sweep/v1", "t".into()).is_ok());
        assert!(SourceApiConnector::new("http://source.example.com/sweep/v1", "t".into()).is_err());
        assert!(SourceApiConnector::new("not a url", "t".into()).is_err());
        let c = SourceApiConnector::new("https://h.example/v1", "t".into()).unwrap();
        assert_eq!(c.url("balances").unwrap().as_str(), "https://h.example/v1/balances");
    }
}
