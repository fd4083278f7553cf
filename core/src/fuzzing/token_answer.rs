//! What an OAuth issuer sends besides the callback: the token endpoint's
//! answer and refusal, the OpenID discovery document, the key set, and the
//! ID token, each read as `sources::oauth` and `sources::id_token` read it.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use jsonwebtoken::jwk::JwkSet;

use crate::sources::http::decode_json;
use crate::sources::id_token::{key_set_url, verify, Discovery};
use crate::sources::oauth::{OAuthConfig, TokenError, TokenResponse, MAX_TOKEN_LIFETIME_S};

const ISSUER: &str = "https://id.example";
const NONCE: &str = "fuzz-nonce";

/// The public half of a P-256 key made for this target; its private half
/// was thrown away after signing [`SIGNED`] and the corpus's tokens.
const KEY_SET: &str = r#"{"keys":[{"kty":"EC","crv":"P-256","use":"sig","alg":"ES256","kid":"fuzz-1",
"x":"bbo1lY9UPWvfvH83R2qt0TzYlQJr8fARaz9IhGFPnG4","y":"72dL1JIT6HqlD80nezonZPnECov1qX1SgvjLwlGpZxI"}]}"#;

/// An ID token of [`ISSUER`] for `sweep-app`, subject `user-1`, with
/// [`NONCE`], valid until 2100, signed by the key of [`KEY_SET`].
const SIGNED: &str = "eyJhbGciOiJFUzI1NiIsImtpZCI6ImZ1enotMSIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2lkLmV4YW1wbGUiLCJzdWIiOiJ1c2VyLTEiLCJhdWQiOiJzd2VlcC1hcHAiLCJub25jZSI6ImZ1enotbm9uY2UiLCJpYXQiOjE3NjQ4MDAwMDAsImV4cCI6NDEwMjQ0NDgwMH0.wp_G5fyLW4Q1-BUFgm5q9w7yV8TiN67GMMOtmy0f5P5P4WNczIRnI0hIPbn9CCDWsF1C2aOyWx0ZRhYUDc7VxQ";

fn config() -> &'static OAuthConfig {
    static CONFIG: OnceLock<OAuthConfig> = OnceLock::new();
    CONFIG.get_or_init(|| OAuthConfig {
        issuer: ISSUER.into(),
        authorize_endpoint: format!("{ISSUER}/authorize"),
        token_endpoint: format!("{ISSUER}/token"),
        client_id: "sweep-app".into(),
        redirect_uri: "com.sweepwallet.app:/oauth/callback".into(),
        scopes: vec![],
    })
}

fn our_keys() -> &'static JwkSet {
    static KEYS: OnceLock<JwkSet> = OnceLock::new();
    KEYS.get_or_init(|| serde_json::from_str(KEY_SET).expect("a valid key set"))
}

/// Reads `data` as the answer its first byte picks; the rest is the body.
pub fn token_answer(data: &[u8]) {
    let Some((&pick, body)) = data.split_first() else { return };
    match pick % 4 {
        0 => token_response(body),
        1 => discovery(body),
        2 => key_set(body),
        _ => id_token(body),
    }
}

/// A token answer or refusal. Whatever `expires_in` says, a grant is
/// trusted for a day at most.
fn token_response(body: &[u8]) {
    if let Ok(answer) = decode_json::<TokenResponse>(body) {
        let grant = answer.into_grant(None);
        let latest = SystemTime::now() + Duration::from_secs(MAX_TOKEN_LIFETIME_S);
        assert!(grant.expires_at <= latest, "a grant trusted beyond a day");
    }
    let _ = serde_json::from_slice::<TokenError>(body);
}

/// A discovery document: the key set's URL it gives is https (or plain
/// http on loopback, as debug builds allow), never with credentials.
fn discovery(body: &[u8]) {
    let Ok(document) = decode_json::<Discovery>(body) else { return };
    if let Ok(url) = key_set_url(&document, ISSUER) {
        let url = reqwest::Url::parse(&url).expect("a URL the check let through parses");
        let loopback = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
        assert!(url.scheme() == "https" || (url.scheme() == "http" && loopback), "{url}");
        assert!(url.username().is_empty() && url.password().is_none(), "{url}");
    }
}

/// A key set from the issuer, used to check a token signed by our key:
/// whatever the set holds, the subject can only be the token's own.
fn key_set(body: &[u8]) {
    let Ok(keys) = decode_json::<JwkSet>(body) else { return };
    if let Ok(subject) = verify(SIGNED, &keys, config(), NONCE) {
        assert_eq!(subject, "user-1");
    }
}

/// An ID token, checked against our key: only a token our key signed,
/// for this client, issuer and nonce, passes.
fn id_token(body: &[u8]) {
    let Ok(token) = std::str::from_utf8(body) else { return };
    let _ = verify(token, our_keys(), config(), NONCE);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kept token and key reach past the signature check, so the corpus
    /// exercises the claim checks behind it.
    #[test]
    fn the_kept_token_verifies_against_the_kept_key() {
        assert_eq!(verify(SIGNED, our_keys(), config(), NONCE).unwrap(), "user-1");
        let other = OAuthConfig { client_id: "other-app".into(), ..config().clone() };
        assert!(verify(SIGNED, our_keys(), &other, NONCE).is_err());
    }
}
