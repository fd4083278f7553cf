//! Linking a source with OAuth 2.0 Authorization Code + PKCE (S256), as a
//! public client: the app holds no client secret. The core builds the
//! authorize URL; the app opens it (Custom Tabs, ASWebAuthenticationSession)
//! and hands back the callback URL; the core checks its `state` and its
//! `iss` (required, RFC 9207: a mix-up attack swaps issuers), exchanges the
//! code with the PKCE verifier, and verifies the ID token's signature
//! against the issuer's published keys (see `id_token.rs`).

use std::time::{Duration, SystemTime};

use ring::digest;
use ring::rand::{SecureRandom, SystemRandom};
use serde::Deserialize;
use zeroize::Zeroizing;

use super::http;
use crate::SweepError;

/// The longest an access token is trusted without a refresh, whatever the
/// server says: a day.
pub(crate) const MAX_TOKEN_LIFETIME_S: u64 = 86_400;

/// Where and how to sign in to a source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct OAuthConfig {
    /// The authorization server's issuer identifier.
    pub issuer: String,
    /// Its authorization endpoint.
    pub authorize_endpoint: String,
    /// Its token endpoint.
    pub token_endpoint: String,
    /// The app's public client id.
    pub client_id: String,
    /// The app's redirect URI (a claimed https link or a private-use scheme).
    pub redirect_uri: String,
    /// The scopes to ask for; `openid` is always added.
    pub scopes: Vec<String>,
}

/// A sign-in in progress: what the app opens, and what Sweep checks when it
/// comes back. It lives in memory only and is used once.
pub struct PendingSignIn {
    config: OAuthConfig,
    state: String,
    nonce: String,
    verifier: Zeroizing<String>,
}

/// Tokens from a completed sign-in or a refresh.
pub struct OAuthGrant {
    /// The access token.
    pub access_token: Zeroizing<String>,
    /// The refresh token, when the server issued one.
    pub refresh_token: Option<Zeroizing<String>>,
    /// When the access token expires.
    pub expires_at: SystemTime,
    /// The user at the source (`sub`), when an ID token came back.
    pub subject: Option<String>,
    /// The scopes granted, when the server said (RFC 6749 §5.1); `None`
    /// means those asked for.
    pub scope: Option<String>,
}

/// Base64url without padding (RFC 4648 §5), as PKCE and JWTs write it.
pub(crate) fn base64url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A redirect URI the app may receive callbacks at: absolute, with no
/// credentials and no fragment, and not a scheme a browser would run or
/// read locally (`javascript:`, `data:`, `file:`, `blob:`, `about:`).
fn redirect_target(redirect_uri: &str) -> Result<String, SweepError> {
    let bad = |reason: &str| SweepError::invalid("redirect_uri", reason);
    let url = url::Url::parse(redirect_uri).map_err(|_| bad("must be an absolute URI"))?;
    if matches!(url.scheme(), "javascript" | "data" | "file" | "blob" | "about" | "vbscript") {
        return Err(bad("must not be a script, data or file URI"));
    }
    if !url.username().is_empty() || url.password().is_some() || url.fragment().is_some() {
        return Err(bad("must carry no credentials and no fragment"));
    }
    Ok(without_query(&url))
}

/// A URL without its query and fragment, for exact comparison.
fn without_query(url: &url::Url) -> String {
    let mut bare = url.clone();
    bare.set_query(None);
    bare.set_fragment(None);
    bare.to_string()
}

fn random_token(bytes: usize) -> Result<String, SweepError> {
    let mut buf = vec![0u8; bytes];
    SystemRandom::new()
        .fill(&mut buf)
        .map_err(|_| SweepError::Internal { reason: "the system random source failed".into() })?;
    Ok(base64url(&buf))
}

fn rejected(error: impl Into<String>) -> SweepError {
    SweepError::OAuthRejected { error: error.into() }
}

impl PendingSignIn {
    /// Starts a sign-in: fresh `state`, `nonce` and PKCE verifier.
    pub fn begin(config: OAuthConfig) -> Result<PendingSignIn, SweepError> {
        for (field, url) in
            [("authorize_endpoint", &config.authorize_endpoint), ("token_endpoint", &config.token_endpoint)]
        {
            http::api_base(url)
                .map_err(|_| SweepError::invalid(field, "must be https (plain http only on loopback)"))?;
        }
        if config.client_id.is_empty() {
            return Err(SweepError::invalid("oauth_config", "needs a client id"));
        }
        redirect_target(&config.redirect_uri)?;
        Ok(PendingSignIn {
            config,
            state: random_token(32)?,
            nonce: random_token(32)?,
            verifier: Zeroizing::new(random_token(32)?),
        })
    }

    /// The `state` that ties the callback to this sign-in.
    pub fn state(&self) -> &str {
        &self.state
    }

    /// The URL the app opens in the browser.
    pub fn authorize_url(&self) -> Result<String, SweepError> {
        self.authorize_url_with(&[])
    }

    /// The URL the app opens, with parameters of the server's own, for
    /// example the Open Banking consent a payment authorisation names.
    pub fn authorize_url_with(&self, extra: &[(&str, &str)]) -> Result<String, SweepError> {
        let challenge = base64url(digest::digest(&digest::SHA256, self.verifier.as_bytes()).as_ref());
        let mut scopes = vec!["openid".to_owned()];
        scopes.extend(self.config.scopes.iter().filter(|s| s.as_str() != "openid").cloned());
        let mut url = url::Url::parse(&self.config.authorize_endpoint)
            .map_err(|e| SweepError::invalid("authorize_endpoint", e.to_string()))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.config.client_id)
            .append_pair("redirect_uri", &self.config.redirect_uri)
            .append_pair("scope", &scopes.join(" "))
            .append_pair("state", &self.state)
            .append_pair("nonce", &self.nonce)
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256")
            .extend_pairs(extra);
        Ok(url.into())
    }

    /// The code from the callback URL, after checking that it belongs to this
    /// sign-in (`state`), names the right server (`iss`, RFC 9207, required
    /// on answers and errors alike) and is not an error.
    pub fn code_from_callback(&self, callback_url: &str) -> Result<String, SweepError> {
        let url = url::Url::parse(callback_url).map_err(|e| SweepError::invalid("callback_url", e.to_string()))?;
        // Exactly the redirect URI, not merely starting like it
        // (`…/callback.evil`, `…/callback/../x`): only its query may differ.
        if without_query(&url) != redirect_target(&self.config.redirect_uri)? {
            return Err(SweepError::invalid("callback_url", "is not this app's redirect URI"));
        }
        let param = |name: &str| url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
        if param("state").as_deref() != Some(self.state.as_str()) {
            return Err(SweepError::invalid("state", "does not match the sign-in in progress"));
        }
        match param("iss") {
            Some(iss) if iss == self.config.issuer => {}
            Some(_) => return Err(rejected("the callback came from another issuer")),
            None => return Err(rejected("the callback does not name its issuer")),
        }
        if let Some(error) = param("error") {
            return Err(rejected(error));
        }
        param("code").filter(|c| !c.is_empty()).ok_or_else(|| SweepError::invalid("callback_url", "has no code"))
    }

    /// Finishes the sign-in: checks the callback and exchanges the code.
    pub async fn complete(self, callback_url: &str) -> Result<OAuthGrant, SweepError> {
        let code = self.code_from_callback(callback_url)?;
        self.exchange(&code).await
    }

    /// Exchanges `code` with the PKCE verifier, then verifies the ID token,
    /// which must come back: the subject it names is what the link is bound to.
    pub async fn exchange(&self, code: &str) -> Result<OAuthGrant, SweepError> {
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", &self.config.redirect_uri),
            ("client_id", &self.config.client_id),
            ("code_verifier", self.verifier.as_str()),
        ];
        let tokens = token_request(&self.config, &form).await?;
        let id_token = tokens.id_token.as_deref().ok_or_else(|| rejected("the token answer has no ID token"))?;
        let keys = super::id_token::issuer_keys(&self.config.issuer).await?;
        let subject = super::id_token::verify(id_token, &keys, &self.config, &self.nonce)?;
        Ok(tokens.into_grant(Some(subject)))
    }
}

/// Refreshes a grant with its refresh token.
pub async fn refresh(config: &OAuthConfig, refresh_token: &str) -> Result<OAuthGrant, SweepError> {
    let form = [("grant_type", "refresh_token"), ("refresh_token", refresh_token), ("client_id", &config.client_id)];
    Ok(token_request(config, &form).await?.into_grant(None))
}

/// A token endpoint's answer (RFC 6749 §5.1).
#[derive(Deserialize)]
pub(crate) struct TokenResponse {
    access_token: String,
    refresh_token: Option<String>,
    expires_in: Option<u64>,
    id_token: Option<String>,
    scope: Option<String>,
}

impl TokenResponse {
    pub(crate) fn into_grant(self, subject: Option<String>) -> OAuthGrant {
        OAuthGrant {
            access_token: Zeroizing::new(self.access_token),
            refresh_token: self.refresh_token.map(Zeroizing::new),
            // Bounded: a server's `expires_in` of any size is at most a day here.
            expires_at: SystemTime::now()
                + Duration::from_secs(self.expires_in.unwrap_or(300).min(MAX_TOKEN_LIFETIME_S)),
            subject,
            scope: self.scope,
        }
    }
}

/// A token endpoint's refusal (RFC 6749 §5.2).
#[derive(Deserialize)]
pub(crate) struct TokenError {
    pub(crate) error: String,
}

async fn token_request(config: &OAuthConfig, form: &[(&str, &str)]) -> Result<TokenResponse, SweepError> {
    let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
    let response =
        http::request(reqwest::Method::POST, http::api_base(&config.token_endpoint)?.as_str().trim_end_matches('/'))?
            .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(reqwest::header::ACCEPT, "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| http::transport_error(&e))?;
    if response.status() == reqwest::StatusCode::BAD_REQUEST || response.status() == reqwest::StatusCode::UNAUTHORIZED {
        let body = http::read_capped(response, 64 * 1024).await?;
        let error =
            serde_json::from_slice::<TokenError>(&body).map(|e| e.error).unwrap_or_else(|_| "invalid_request".into());
        return Err(rejected(error));
    }
    http::parse_json(response).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config_at(redirect_uri: &str) -> OAuthConfig {
        OAuthConfig {
            issuer: "https://id.example".into(),
            authorize_endpoint: "https://id.example/authorize".into(),
            token_endpoint: "https://id.example/token".into(),
            client_id: "app".into(),
            redirect_uri: redirect_uri.into(),
            scopes: vec![],
        }
    }

    #[test]
    fn the_callback_must_be_exactly_the_redirect_uri() {
        let sign_in = PendingSignIn::begin(config_at("com.sweepwallet.app:/oauth/callback")).unwrap();
        let state = sign_in.state().to_owned();
        let at = |base: &str| format!("{base}?code=c&state={state}&iss=https%3A%2F%2Fid.example");
        assert_eq!(sign_in.code_from_callback(&at("com.sweepwallet.app:/oauth/callback")).unwrap(), "c");
        for near in [
            "com.sweepwallet.app:/oauth/callbackx",
            "com.sweepwallet.app:/oauth/callback/more",
            "com.sweepwallet.evil:/oauth/callback",
        ] {
            let refused = sign_in.code_from_callback(&at(near));
            assert!(
                matches!(refused, Err(SweepError::InvalidInput { ref field, .. }) if field == "callback_url"),
                "{near}"
            );
        }
    }

    #[test]
    fn script_file_and_credentialed_uris_are_refused() {
        for bad in [
            "javascript:alert(1)",
            "data:text/html,hi",
            "file:///etc/passwd",
            "https://user:pw@app.example/cb",
            "https://app.example/cb#frag",
            "not a uri",
        ] {
            assert!(PendingSignIn::begin(config_at(bad)).is_err(), "{bad}");
        }
        let mut with_credentials = config_at("com.sweepwallet.app:/oauth/callback");
        with_credentials.token_endpoint = "https://user:pw@id.example/token".into();
        assert!(PendingSignIn::begin(with_credentials).is_err());
    }

    #[test]
    fn a_token_lifetime_of_any_size_is_bounded() {
        for expires_in in [Some(u64::MAX), Some(10 * 365 * 86_400), Some(60), None] {
            let answer = TokenResponse {
                access_token: "at".into(),
                refresh_token: None,
                expires_in,
                id_token: None,
                scope: None,
            };
            let grant = answer.into_grant(None);
            let left = grant.expires_at.duration_since(SystemTime::now()).unwrap_or_default();
            assert!(left <= Duration::from_secs(MAX_TOKEN_LIFETIME_S), "{expires_in:?} gave {left:?}");
        }
    }

    #[test]
    fn base64url_round_trips_and_matches_rfc_7636() {
        // RFC 7636 appendix B: this verifier has this S256 challenge.
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = base64url(digest::digest(&digest::SHA256, verifier.as_bytes()).as_ref());
        assert_eq!(challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    fn config() -> OAuthConfig {
        OAuthConfig {
            issuer: "https://id.example".into(),
            authorize_endpoint: "https://id.example/auth".into(),
            token_endpoint: "https://id.example/token".into(),
            client_id: "sweep-app".into(),
            redirect_uri: "com.sweepwallet.app:/oauth/callback".into(),
            scopes: vec!["balances:read".into()],
        }
    }

    #[test]
    fn the_callback_must_carry_this_sign_ins_state() {
        let pending = PendingSignIn::begin(config()).unwrap();
        let url = pending.authorize_url().unwrap();
        assert!(url.contains("code_challenge_method=S256") && url.contains("scope=openid+balances%3Aread"));
        assert!(!url.contains(pending.verifier.as_str()), "the verifier never leaves the device");
        let good = format!(
            "com.sweepwallet.app:/oauth/callback?code=abc&state={}&iss=https%3A%2F%2Fid.example",
            pending.state()
        );
        assert_eq!(pending.code_from_callback(&good).unwrap(), "abc");
        let wrong_state = "com.sweepwallet.app:/oauth/callback?code=abc&state=forged";
        assert!(
            matches!(pending.code_from_callback(wrong_state), Err(SweepError::InvalidInput { ref field, .. }) if field == "state")
        );
        let other_issuer =
            format!("com.sweepwallet.app:/oauth/callback?code=abc&state={}&iss=https%3A%2F%2Fevil", pending.state());
        assert!(matches!(pending.code_from_callback(&other_issuer), Err(SweepError::OAuthRejected { .. })));
        let no_issuer = format!("com.sweepwallet.app:/oauth/callback?code=abc&state={}", pending.state());
        assert_eq!(
            pending.code_from_callback(&no_issuer).err(),
            Some(SweepError::OAuthRejected { error: "the callback does not name its issuer".into() })
        );
        let denied = format!(
            "com.sweepwallet.app:/oauth/callback?error=access_denied&state={}&iss=https%3A%2F%2Fid.example",
            pending.state()
        );
        assert_eq!(
            pending.code_from_callback(&denied).err(),
            Some(SweepError::OAuthRejected { error: "access_denied".into() })
        );
    }
}
