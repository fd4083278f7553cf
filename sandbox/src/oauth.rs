//! A tiny OAuth 2.0 authorization server for the demo, one issuer per
//! sandbox platform (`/oauth/sandbox-toss`, …): it approves every sign-in at
//! once, checks PKCE S256 at the token endpoint, and
//! issues opaque tokens that the Source API then accepts. It grants the
//! scopes asked for (less `transfers:write` while the `read_only_grants`
//! knob is set) and says which in the token answer. ID tokens are signed
//! (ES256) with a key each issuer publishes through OpenID discovery
//! (`{issuer}/.well-known/openid-configuration` and its `jwks_uri`). The
//! `foreign_id_subject` knob signs ID tokens for another user, as a relink
//! to another account would.

use std::collections::HashMap;

use axum::extract::{Path, Query, State as Extract};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use serde_json::json;

use crate::State;

/// Codes and tokens issued so far.
#[derive(Default)]
pub struct Grants {
    codes: HashMap<String, Code>,
    /// Access and refresh tokens → the sandbox platform they unlock.
    pub(crate) tokens: HashMap<String, String>,
    /// Access and refresh tokens → the scopes granted with them.
    pub(crate) scopes: HashMap<String, String>,
    /// Access tokens → the Open Banking payment consent they authorise.
    pub(crate) intents: HashMap<String, String>,
    next: u64,
    /// Refresh-token grants honoured (the old refresh token spent).
    pub(crate) refreshes: u64,
    /// Live tokens revoked (RFC 7009).
    pub(crate) revoked: u64,
}

impl Grants {
    /// True when `token` was granted `scope`.
    pub(crate) fn grants(&self, token: &str, scope: &str) -> bool {
        self.scopes.get(token).is_some_and(|s| s.split_whitespace().any(|g| g == scope))
    }
}

struct Code {
    platform: String,
    challenge: String,
    client_id: String,
    redirect_uri: String,
    nonce: Option<String>,
    scope: String,
    intent: Option<String>,
}

pub(crate) fn routes() -> Router<State> {
    Router::new()
        .route("/oauth/{platform}/authorize", get(authorize))
        // oidc-provider's path, which `sweep link` uses.
        .route("/oauth/{platform}/auth", get(authorize))
        .route("/oauth/{platform}/token", post(token))
        .route("/oauth/{platform}/.well-known/openid-configuration", get(discovery))
        .route("/oauth/{platform}/jwks", get(jwks))
        .route("/oauth/{platform}/revoke", post(revoke))
}

#[derive(Deserialize)]
struct AuthorizeParams {
    client_id: String,
    redirect_uri: String,
    state: String,
    nonce: Option<String>,
    code_challenge: String,
    code_challenge_method: String,
    scope: Option<String>,
    /// The Open Banking payment consent a payment authorisation names.
    openbanking_intent_id: Option<String>,
}

fn issuer(headers: &axum::http::HeaderMap, platform: &str) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
    format!("http://{host}/oauth/{platform}")
}

/// OpenID Provider metadata (OpenID Connect Discovery 1.0 §3).
async fn discovery(
    Extract(state): Extract<State>,
    Path(platform): Path<String>,
    headers: axum::http::HeaderMap,
) -> Response {
    if !crate::data::is_platform(&platform) {
        return (StatusCode::NOT_FOUND, "no such sandbox platform").into_response();
    }
    let issuer = issuer(&headers, &platform);
    let mut body = json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["ES256"],
        "code_challenge_methods_supported": ["S256"],
        "authorization_response_iss_parameter_supported": true,
    });
    if !state.knobs().no_token_revocation {
        body["revocation_endpoint"] = json!(format!("{issuer}/revoke"));
        body["revocation_endpoint_auth_methods_supported"] = json!(["none"]);
    }
    ([(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

#[derive(Deserialize)]
struct RevokeParams {
    token: String,
    client_id: Option<String>,
}

/// RFC 7009 §2: revokes a token. A refresh token takes the access token
/// issued with it along (§2.1: "SHOULD"). An unknown or spent token is
/// still `200` (§2.2). A public client must name itself.
async fn revoke(Extract(state): Extract<State>, Form(p): Form<RevokeParams>) -> Response {
    if p.client_id.as_deref().is_none_or(str::is_empty) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::CONTENT_TYPE, "application/json")],
            json!({"error": "invalid_client"}).to_string(),
        )
            .into_response();
    }
    let mut grants = state.oauth.lock().unwrap_or_else(|e| e.into_inner());
    let mut gone = vec![p.token.clone()];
    if let Some(n) = p.token.strip_prefix("sandbox-rt-") {
        gone.push(format!("sandbox-at-{n}"));
    }
    for token in gone {
        if grants.tokens.remove(&token).is_some() {
            grants.revoked += 1;
        }
        grants.scopes.remove(&token);
        grants.intents.remove(&token);
    }
    StatusCode::OK.into_response()
}

async fn jwks() -> Response {
    let body = crate::signing::id_tokens().jwks();
    ([(header::CONTENT_TYPE, "application/jwk-set+json")], body.to_string()).into_response()
}

async fn authorize(
    Extract(state): Extract<State>,
    Path(platform): Path<String>,
    headers: axum::http::HeaderMap,
    Query(p): Query<AuthorizeParams>,
) -> Response {
    if p.code_challenge_method != "S256" || p.code_challenge.len() < 43 {
        return (StatusCode::BAD_REQUEST, "PKCE with S256 is required").into_response();
    }
    if !crate::data::is_platform(&platform) {
        return (StatusCode::NOT_FOUND, "no such sandbox platform").into_response();
    }
    let read_only = state.knobs().read_only_grants;
    let scope = p
        .scope
        .unwrap_or_default()
        .split_whitespace()
        .filter(|s| !(read_only && *s == "transfers:write"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut grants = state.oauth.lock().unwrap_or_else(|e| e.into_inner());
    grants.next += 1;
    let code = format!("code-{}-{}", grants.next, p.state.len());
    let redirect = format!(
        "{}?code={code}&state={}&iss={}",
        p.redirect_uri,
        urlencode(&p.state),
        urlencode(&issuer(&headers, &platform))
    );
    let record = Code {
        platform,
        challenge: p.code_challenge,
        client_id: p.client_id,
        redirect_uri: p.redirect_uri,
        nonce: p.nonce,
        scope,
        intent: p.openbanking_intent_id,
    };
    grants.codes.insert(code, record);
    (StatusCode::SEE_OTHER, [(header::LOCATION, redirect)]).into_response()
}

#[derive(Deserialize)]
struct TokenParams {
    grant_type: String,
    code: Option<String>,
    code_verifier: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    refresh_token: Option<String>,
}

fn oauth_error(error: &str) -> Response {
    (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "application/json")], json!({"error": error}).to_string())
        .into_response()
}

async fn token(
    Extract(state): Extract<State>,
    Path(issuer_platform): Path<String>,
    headers: axum::http::HeaderMap,
    Form(p): Form<TokenParams>,
) -> Response {
    let delay = if p.grant_type == "refresh_token" { state.knobs().refresh_answer_delay_ms } else { 0 };
    let answer = token_answer(&state, &issuer_platform, &headers, p);
    if delay > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
    }
    answer
}

/// The token endpoint's work: a code or a refresh token in, tokens out.
fn token_answer(state: &State, issuer_platform: &str, headers: &axum::http::HeaderMap, p: TokenParams) -> Response {
    let knobs = state.knobs();
    let mut grants = state.oauth.lock().unwrap_or_else(|e| e.into_inner());
    let mut intent = None;
    let (platform, nonce, client_id, scope) = match p.grant_type.as_str() {
        "authorization_code" => {
            // A code works once, with the verifier that matches its challenge.
            let Some(code) = p.code.as_deref().and_then(|c| grants.codes.remove(c)) else {
                return oauth_error("invalid_grant");
            };
            let verifier = p.code_verifier.unwrap_or_default();
            let ok = s256(&verifier) == code.challenge
                && p.client_id.as_deref() == Some(code.client_id.as_str())
                && p.redirect_uri.as_deref() == Some(code.redirect_uri.as_str());
            if !ok {
                return oauth_error("invalid_grant");
            }
            intent = code.intent;
            (code.platform, code.nonce, code.client_id, code.scope)
        }
        "refresh_token" => match p.refresh_token.as_deref().and_then(|t| grants.tokens.remove(t)) {
            Some(platform) => {
                grants.refreshes += 1;
                let scope = p.refresh_token.as_deref().and_then(|t| grants.scopes.remove(t)).unwrap_or_default();
                (platform, None, p.client_id.unwrap_or_default(), scope)
            }
            None => return oauth_error("invalid_grant"),
        },
        _ => return oauth_error("unsupported_grant_type"),
    };
    grants.next += 1;
    let n = grants.next;
    let (access, refresh) = (format!("sandbox-at-{n}"), format!("sandbox-rt-{n}"));
    grants.tokens.insert(access.clone(), platform.clone());
    grants.tokens.insert(refresh.clone(), platform.clone());
    grants.scopes.insert(access.clone(), scope.clone());
    grants.scopes.insert(refresh.clone(), scope.clone());
    if let Some(consent_id) = intent {
        grants.intents.insert(access.clone(), consent_id);
    }
    let mut body = json!({
        "access_token": access, "refresh_token": refresh, "token_type": "Bearer", "expires_in": 600, "scope": scope
    });
    if let Some(nonce) = nonce {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let subject = if knobs.foreign_id_subject { format!("{platform}-other-user") } else { platform };
        let claims = json!({
            "iss": issuer(headers, issuer_platform), "sub": subject, "aud": client_id, "nonce": nonce,
            "iat": now, "exp": now + 600,
        });
        body["id_token"] = json!(crate::signing::id_tokens().sign_jwt(&claims));
    }
    ([(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Base64url without padding, as PKCE, JWTs and JWS write it.
pub(crate) fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn s256(verifier: &str) -> String {
    b64(ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()).as_ref())
}

#[cfg(test)]
mod tests {
    #[test]
    fn pkce_s256_matches_rfc_7636() {
        assert_eq!(
            super::s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }
}
