//! Token revocation (RFC 7009) when a source is removed: the issuer is
//! told to forget the grant, so a token copied before the removal stops
//! working too. Where the issuer's metadata names no revocation endpoint,
//! Sweep says so rather than pretending.

use super::{http, oauth::OAuthConfig, Link};
use crate::SweepError;

/// What became of a removed source's tokens at its issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum TokenRevocation {
    /// The issuer revoked the refresh token and the access token.
    Revoked,
    /// The issuer offers no revocation endpoint (RFC 7009). The tokens are
    /// deleted here and expire on their own; the user can also withdraw
    /// access in the platform's own settings.
    NotOffered,
    /// The source had no tokens: typed in, or read by the app's own connector.
    NoTokens,
    /// The issuer could not be reached or refused; the tokens are deleted
    /// here all the same. `reason` says what went wrong.
    Failed {
        /// What went wrong, in the wallet's language.
        reason: String,
    },
}

/// Revokes a link's refresh token, then its access token, at the
/// endpoint the issuer's metadata names (RFC 7009 §2.1: the client
/// authenticates as it does at the token endpoint, here a public client
/// sending its `client_id`).
pub(crate) async fn revoke(link: &Link) -> TokenRevocation {
    match revoke_tokens(link).await {
        Ok(outcome) => outcome,
        Err(error) => TokenRevocation::Failed { reason: error.to_string() },
    }
}

async fn revoke_tokens(link: &Link) -> Result<TokenRevocation, SweepError> {
    let discovery = super::id_token::discover(&link.oauth.issuer).await?;
    let Some(endpoint) = discovery.revocation_endpoint else {
        return Ok(TokenRevocation::NotOffered);
    };
    // Refresh first: revoking it lets the issuer drop the whole grant
    // (RFC 7009 §2.1), and an access token left over expires soon.
    if let Some(refresh) = &link.refresh_token {
        revoke_one(&endpoint, &link.oauth, refresh, "refresh_token").await?;
    }
    revoke_one(&endpoint, &link.oauth, &link.access_token, "access_token").await?;
    Ok(TokenRevocation::Revoked)
}

/// One revocation request. 200 means revoked, or that the token was
/// already invalid (§2.2); `unsupported_token_type` means this issuer
/// does not revoke that type (§2.2.1), which leaves nothing to do for it.
async fn revoke_one(endpoint: &str, oauth: &OAuthConfig, token: &str, hint: &str) -> Result<(), SweepError> {
    let url = http::api_base(endpoint).map_err(|_| SweepError::invalid("revocation_endpoint", "must be https"))?;
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("token", token), ("token_type_hint", hint), ("client_id", oauth.client_id.as_str())])
        .finish();
    let response = http::request(reqwest::Method::POST, url.as_str().trim_end_matches('/'))?
        .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .map_err(|e| http::transport_error(&e))?;
    let status = response.status();
    if status.is_success() {
        return Ok(());
    }
    let answer = http::read_capped(response, 64 * 1024).await.unwrap_or_default();
    let error = serde_json::from_slice::<super::oauth::TokenError>(&answer).map(|e| e.error).ok();
    if error.as_deref() == Some("unsupported_token_type") {
        return Ok(());
    }
    Err(SweepError::OAuthRejected { error: error.unwrap_or_else(|| format!("HTTP {}", status.as_u16())) })
}
