//! The OAuth callback: the URL the browser hands back to the app after a
//! sign-in, which anyone who can open a link on the phone can forge.

use std::sync::OnceLock;

use crate::sources::{OAuthConfig, PendingSignIn};

/// Stands for the sign-in's `state` in an input. `state` is random per
/// sign-in, so a kept input could never carry the right one; with this
/// placeholder the corpus still reaches the checks past the `state` check.
pub const STATE_PLACEHOLDER: &str = "{state}";

/// The redirect URIs apps use: a private-use scheme, a claimed https link,
/// and a loopback listener.
const REDIRECT_URIS: [&str; 3] =
    ["com.sweepwallet.app:/oauth/callback", "https://app.sweep.example/oauth/callback", "http://127.0.0.1:8765/cb"];

/// One sign-in per redirect URI, begun once per process: beginning one
/// draws randomness, and the checks of a callback do not change it.
fn sign_ins() -> &'static [PendingSignIn] {
    static SIGN_INS: OnceLock<Vec<PendingSignIn>> = OnceLock::new();
    SIGN_INS.get_or_init(|| {
        REDIRECT_URIS
            .iter()
            .map(|redirect_uri| {
                let config = OAuthConfig {
                    issuer: "https://id.example".into(),
                    authorize_endpoint: "https://id.example/authorize".into(),
                    token_endpoint: "https://id.example/token".into(),
                    client_id: "sweep-app".into(),
                    redirect_uri: (*redirect_uri).into(),
                    scopes: vec!["balances:read".into()],
                };
                PendingSignIn::begin(config).expect("a valid OAuth configuration")
            })
            .collect()
    })
}

/// Checks `data` (as text) as the callback of each sign-in, with
/// [`STATE_PLACEHOLDER`] standing for that sign-in's `state`. A code that
/// is handed out is never empty.
pub fn oauth_callback(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for sign_in in sign_ins() {
        let callback = text.replace(STATE_PLACEHOLDER, sign_in.state());
        if let Ok(code) = sign_in.code_from_callback(&callback) {
            assert!(!code.is_empty(), "an empty code from {callback:?}");
        }
    }
}
