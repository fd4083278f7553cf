//! Verifying an ID token (OpenID Connect Core §3.1.3.7): its signature
//! against a key the issuer publishes, found through OpenID discovery, and
//! its issuer, audience, expiry and nonce. The subject it names is what a
//! link is bound to, so it must be the issuer's word, not the network's.

use jsonwebtoken::jwk::{AlgorithmParameters, Jwk, JwkSet};
use jsonwebtoken::{errors::ErrorKind, Algorithm, DecodingKey, Validation};
use serde::Deserialize;

use super::http;
use super::oauth::OAuthConfig;
use crate::SweepError;

/// Clock difference tolerated on `exp`, in seconds.
const LEEWAY_S: u64 = 60;

/// Asymmetric algorithms only: an `HS*` token would be checked with a key
/// the issuer published, which anyone can read, and `none` proves nothing.
const ACCEPTED: [Algorithm; 9] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

fn rejected(error: &str) -> SweepError {
    SweepError::OAuthRejected { error: error.into() }
}

/// OpenID Provider metadata, the fields Sweep reads.
#[derive(Deserialize)]
pub(crate) struct Discovery {
    issuer: String,
    jwks_uri: String,
    /// Where tokens are revoked (RFC 7009, named in the metadata by RFC
    /// 8414 §2); many issuers offer none.
    #[serde(default)]
    pub(crate) revocation_endpoint: Option<String>,
}

/// The issuer's signing keys: `{issuer}/.well-known/openid-configuration`
/// names them (OpenID Connect Discovery 1.0 §4), and must name the same
/// issuer (§4.3). Both URLs obey the same rules as every API base.
pub(crate) async fn issuer_keys(issuer: &str) -> Result<JwkSet, SweepError> {
    let discovery = discover(issuer).await?;
    get_json(key_set_url(&discovery, issuer)?).await
}

/// The issuer's metadata, from `{issuer}/.well-known/openid-configuration`.
pub(crate) async fn discover(issuer: &str) -> Result<Discovery, SweepError> {
    let discovery_url = http::api_base(issuer)?
        .join(".well-known/openid-configuration")
        .map_err(|e| SweepError::invalid("issuer", e.to_string()))?;
    let discovery: Discovery = get_json(discovery_url).await?;
    if discovery.issuer != issuer {
        return Err(rejected("the issuer's discovery document names another issuer"));
    }
    Ok(discovery)
}

/// Where the discovery document says the key set is, once it has named
/// the same issuer.
pub(crate) fn key_set_url(discovery: &Discovery, issuer: &str) -> Result<String, SweepError> {
    if discovery.issuer != issuer {
        return Err(rejected("the issuer's discovery document names another issuer"));
    }
    let jwks_url =
        http::api_base(&discovery.jwks_uri).map_err(|_| rejected("the issuer's key set is not at an https URL"))?;
    // `api_base` ends a path with `/` for joins; the key set's URL is used as is.
    Ok(jwks_url.as_str().trim_end_matches('/').to_owned())
}

async fn get_json<T: serde::de::DeserializeOwned>(url: impl reqwest::IntoUrl) -> Result<T, SweepError> {
    let response = http::request(reqwest::Method::GET, url)?
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(|e| http::transport_error(&e))?;
    http::parse_json(response).await
}

#[derive(Deserialize)]
struct IdClaims {
    sub: String,
    nonce: Option<String>,
}

/// The key that signed a token: the one its `kid` names, or the only one.
fn signing_key<'a>(keys: &'a JwkSet, kid: Option<&str>, alg: Algorithm) -> Result<&'a Jwk, SweepError> {
    let jwk = match kid {
        Some(kid) => keys.find(kid),
        None if keys.keys.len() == 1 => keys.keys.first(),
        None => None,
    }
    .ok_or_else(|| rejected("ID token signed by a key the issuer does not publish"))?;
    if matches!(jwk.algorithm, AlgorithmParameters::OctetKey(_)) {
        return Err(rejected("the issuer published a symmetric key"));
    }
    // A key marked for one algorithm is not used with another.
    if jwk.common.key_algorithm.is_some_and(|a| a.to_string() != format!("{alg:?}")) {
        return Err(rejected("ID token signed with another algorithm than its key's"));
    }
    Ok(jwk)
}

/// Checks the token's signature, issuer, audience, expiry and nonce, and
/// returns its subject.
pub(crate) fn verify(id_token: &str, keys: &JwkSet, config: &OAuthConfig, nonce: &str) -> Result<String, SweepError> {
    let header = jsonwebtoken::decode_header(id_token).map_err(|_| rejected("malformed ID token"))?;
    if !ACCEPTED.contains(&header.alg) {
        return Err(rejected("ID token signed with an algorithm Sweep does not accept"));
    }
    let jwk = signing_key(keys, header.kid.as_deref(), header.alg)?;
    let key = DecodingKey::from_jwk(jwk).map_err(|_| rejected("the issuer published a key Sweep cannot read"))?;
    let mut validation = Validation::new(header.alg);
    validation.set_issuer(&[&config.issuer]);
    validation.set_audience(&[&config.client_id]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    validation.leeway = LEEWAY_S;
    let claims = jsonwebtoken::decode::<IdClaims>(id_token, &key, &validation)
        .map_err(|e| {
            rejected(match e.kind() {
                ErrorKind::InvalidSignature => "ID token signature does not verify",
                ErrorKind::ExpiredSignature => "ID token expired",
                ErrorKind::InvalidIssuer => "ID token from another issuer",
                ErrorKind::InvalidAudience => "ID token for another client",
                ErrorKind::MissingRequiredClaim(_) => "ID token lacks a required claim",
                _ => "malformed ID token",
            })
        })?
        .claims;
    if claims.nonce.as_deref() != Some(nonce) {
        return Err(rejected("ID token nonce does not match"));
    }
    Ok(claims.sub)
}

#[cfg(test)]
#[path = "id_token_tests.rs"]
mod tests;
