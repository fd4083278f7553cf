//! OAuth 2.0 Authorization Code + PKCE against a real OpenID provider
//! (npm `oidc-provider`, started by `cargo xtask test`, which sets
//! `SWEEP_OIDC_ISSUER`). The provider approves the test user at once, so a
//! cookie-keeping HTTP client can play the browser.

use sweep_core::sources::{refresh_oauth_grant, OAuthConfig, PendingSignIn};
use sweep_core::SweepError;

const REDIRECT: &str = "com.sweepwallet.app:/oauth/callback";

fn issuer() -> Option<String> {
    sweep_tests::service_url("SWEEP_OIDC_ISSUER", "oidc-provider")
}

fn config(issuer: &str) -> OAuthConfig {
    OAuthConfig {
        issuer: issuer.to_owned(),
        authorize_endpoint: format!("{issuer}/auth"),
        token_endpoint: format!("{issuer}/token"),
        client_id: "sweep-app".into(),
        redirect_uri: REDIRECT.into(),
        scopes: vec!["offline_access".into(), "balances:read".into()],
    }
}

async fn browse(authorize_url: &str) -> String {
    sweep_tests::play_browser(authorize_url, REDIRECT).await
}

#[tokio::test]
async fn sign_in_with_pkce_then_refresh() {
    let Some(issuer) = issuer() else { return };
    let pending = PendingSignIn::begin(config(&issuer)).unwrap();
    let callback = browse(&pending.authorize_url().unwrap()).await;
    let grant = pending.complete(&callback).await.expect("the code exchanges with the PKCE verifier");
    assert!(!grant.access_token.is_empty());
    assert_eq!(grant.subject.as_deref(), Some("user-1"), "the ID token's nonce, issuer and audience checked out");
    let refresh_token = grant.refresh_token.expect("offline_access gives a refresh token");
    let refreshed = refresh_oauth_grant(&config(&issuer), &refresh_token).await.unwrap();
    assert_ne!(refreshed.access_token, grant.access_token);
}

#[tokio::test]
async fn a_wrong_state_and_a_replayed_code_are_refused() {
    let Some(issuer) = issuer() else { return };
    let pending = PendingSignIn::begin(config(&issuer)).unwrap();
    let callback = browse(&pending.authorize_url().unwrap()).await;
    let forged = callback.replace(pending.state(), "forged-state");
    assert!(
        matches!(pending.code_from_callback(&forged), Err(SweepError::InvalidInput { ref field, .. }) if field == "state")
    );

    let code = pending.code_from_callback(&callback).unwrap();
    pending.exchange(&code).await.expect("the first exchange works");
    assert_eq!(pending.exchange(&code).await.err(), Some(SweepError::OAuthRejected { error: "invalid_grant".into() }));
}

#[tokio::test]
async fn a_code_without_its_verifier_is_refused() {
    let Some(issuer) = issuer() else { return };
    let first = PendingSignIn::begin(config(&issuer)).unwrap();
    let callback = browse(&first.authorize_url().unwrap()).await;
    let code = first.code_from_callback(&callback).unwrap();
    // Another sign-in's verifier does not match the code's challenge.
    let other = PendingSignIn::begin(config(&issuer)).unwrap();
    assert_eq!(other.exchange(&code).await.err(), Some(SweepError::OAuthRejected { error: "invalid_grant".into() }));
}

mod linking {
    use std::sync::Arc;

    use sweep_core::sources::{load_link, store_link, AuthState, LinkRequest, SourceEndpoint, SourceKind};
    use sweep_core::store::Store;
    use sweep_core::{EphemeralKeyProvider, SweepError, Wallet, WalletConfig};
    use sweep_sandbox::{Knobs, Sandbox};

    use super::{browse, config, issuer, refresh_oauth_grant};

    fn wallet_config(dir: &tempfile::TempDir) -> WalletConfig {
        WalletConfig { data_dir: dir.path().display().to_string(), locale: "ko-KR".into() }
    }

    /// A sandbox that serves Toss's balances to any token, a wallet in a
    /// temporary directory, and the request to link Toss through `issuer`.
    struct Setup {
        sandbox: Sandbox,
        dir: tempfile::TempDir,
        keys: Arc<EphemeralKeyProvider>,
        wallet: Arc<Wallet>,
        request: LinkRequest,
    }

    async fn setup(issuer: &str) -> Setup {
        let sandbox = Sandbox::start().await.unwrap();
        sandbox.set_knobs(Knobs { any_token_as: Some("sandbox-toss".into()), ..Knobs::default() });
        let dir = tempfile::tempdir().unwrap();
        let keys: Arc<EphemeralKeyProvider> = EphemeralKeyProvider::new().unwrap();
        let wallet = Wallet::open(wallet_config(&dir), keys.clone()).await.unwrap();
        let request = LinkRequest {
            name: "Toss wallet".into(),
            kind: SourceKind::Wallet,
            endpoint: SourceEndpoint::SourceApi { base_url: sandbox.source_api_url() },
            oauth: config(issuer),
            replaces_source_id: None,
        };
        Setup { sandbox, dir, keys, wallet, request }
    }

    #[tokio::test]
    async fn link_sync_reopen_refresh() {
        let Some(issuer) = issuer() else { return };
        let Setup { sandbox: _sandbox, dir, keys, wallet, request } = setup(&issuer).await;
        let authorize = wallet.begin_link(request).unwrap();
        let callback = browse(&authorize).await;
        let id = wallet.complete_link(callback.clone()).await.expect("linked").source_id;
        let replay = wallet.complete_link(callback).await;
        assert!(matches!(replay, Err(SweepError::InvalidInput { ref field, .. }) if field == "state"), "{replay:?}");

        let results = wallet.sync().await.unwrap();
        assert!(results.iter().all(|r| r.synced), "{results:?}");
        assert_eq!(wallet.dashboard().await.unwrap().sources[0].balance.formatted, "12,340원");
        wallet.close();

        // The sealed link survives a restart; make its token look expired.
        let before = {
            let mut store = Store::open(&dir.path().join("sweep-wallet.db"), keys.as_ref()).unwrap();
            let mut link = load_link(&store, id as i64).unwrap().expect("a stored link");
            link.expires_at_ms = 0;
            store_link(&mut store, id as i64, &link).unwrap();
            link.access_token.clone()
        };
        let reopened = Wallet::open(wallet_config(&dir), keys.clone()).await.unwrap();
        let results = reopened.sync().await.unwrap();
        assert!(results.iter().all(|r| r.synced), "{results:?}");
        reopened.close();
        let store = Store::open(&dir.path().join("sweep-wallet.db"), keys.as_ref()).unwrap();
        let after = load_link(&store, id as i64).unwrap().unwrap();
        assert_ne!(after.access_token, before, "the expired token was refreshed before the sync");
        assert!(!after.needs_refresh());
    }

    #[tokio::test]
    async fn removing_the_source_revokes_its_grant_at_the_provider() {
        let Some(issuer) = issuer() else { return };
        let Setup { sandbox: _sandbox, dir, keys, wallet, request } = setup(&issuer).await;
        let id = wallet.complete_link(browse(&wallet.begin_link(request).unwrap()).await).await.unwrap().source_id;
        wallet.close();
        let refresh_token = {
            let store = Store::open(&dir.path().join("sweep-wallet.db"), keys.as_ref()).unwrap();
            load_link(&store, id as i64).unwrap().unwrap().refresh_token.clone().expect("offline_access")
        };
        let reopened = Wallet::open(wallet_config(&dir), keys.clone()).await.unwrap();
        let removal = reopened.remove_source(id).await.unwrap();
        assert_eq!(removal.revocation, sweep_core::sources::TokenRevocation::Revoked, "{}", removal.note);
        // The provider itself no longer honours the grant.
        let refused = refresh_oauth_grant(&config(&issuer), &refresh_token).await;
        assert_eq!(refused.err(), Some(SweepError::OAuthRejected { error: "invalid_grant".into() }));
    }

    #[tokio::test]
    async fn a_refused_refresh_asks_to_link_again_and_relinking_keeps_the_source() {
        let Some(issuer) = issuer() else { return };
        let Setup { sandbox: _sandbox, dir, keys, wallet, request } = setup(&issuer).await;
        let id = wallet.complete_link(browse(&wallet.begin_link(request).unwrap()).await).await.unwrap().source_id;
        assert!(wallet.sync().await.unwrap()[0].synced);
        wallet.close();

        // The user revoked the grant at the provider: the token has expired
        // and the refresh token is no longer honoured.
        {
            let mut store = Store::open(&dir.path().join("sweep-wallet.db"), keys.as_ref()).unwrap();
            let mut link = load_link(&store, id as i64).unwrap().unwrap();
            link.expires_at_ms = 0;
            link.refresh_token = Some("a-refresh-token-the-provider-revoked".into());
            store_link(&mut store, id as i64, &link).unwrap();
        }
        let wallet = Wallet::open(wallet_config(&dir), keys.clone()).await.unwrap();
        let results = wallet.sync().await.unwrap();
        assert!(!results[0].synced, "{results:?}");
        let home = wallet.dashboard().await.unwrap();
        assert_eq!(home.sources[0].auth_state, AuthState::NeedsReauth);
        assert_eq!(home.sources[0].balance.formatted, "12,340원", "the last balance stays");

        // Linking again keeps the source, its id and its history.
        let again = wallet.begin_relink(id).await.unwrap();
        assert_eq!(wallet.complete_link(browse(&again).await).await.unwrap().source_id, id);
        assert_eq!(wallet.dashboard().await.unwrap().sources[0].auth_state, AuthState::Linked);
        assert!(wallet.sync().await.unwrap()[0].synced);
        let home = wallet.dashboard().await.unwrap();
        assert_eq!((home.sources.len(), home.sources[0].auth_state), (1, AuthState::Linked));
        let missing = wallet.begin_relink(id + 1).await;
        assert!(matches!(missing, Err(SweepError::InvalidInput { ref field, .. }) if field == "source_id"));
        wallet.verify_ledger().await.unwrap();
    }

    /// A process killed after the provider answered a refresh but before the
    /// answer was saved: the provider rotated the refresh token (and, seeing
    /// the old one again, revokes the grant), so the saved one is spent.
    /// The source is not lost: it asks to be linked again, and a relink as
    /// the same user keeps it.
    #[tokio::test]
    async fn a_refresh_whose_answer_was_lost_falls_back_to_a_relink_that_keeps_the_source() {
        let Some(issuer) = issuer() else { return };
        let Setup { sandbox: _sandbox, dir, keys, wallet, request } = setup(&issuer).await;
        let id = wallet.complete_link(browse(&wallet.begin_link(request).unwrap()).await).await.unwrap().source_id;
        assert!(wallet.sync().await.unwrap()[0].synced);
        wallet.close();
        {
            let mut store = Store::open(&dir.path().join("sweep-wallet.db"), keys.as_ref()).unwrap();
            let mut link = load_link(&store, id as i64).unwrap().unwrap();
            let saved = link.refresh_token.clone().expect("offline_access gives a refresh token");
            // What the killed process did: the provider answered, nobody saved it.
            sweep_core::sources::refresh_oauth_grant(&link.oauth, &saved).await.expect("the provider rotates");
            // Time passes: the saved access token is due for a refresh.
            link.expires_at_ms = 0;
            store_link(&mut store, id as i64, &link).unwrap();
        }
        let wallet = Wallet::open(wallet_config(&dir), keys.clone()).await.unwrap();
        assert!(!wallet.sync().await.unwrap()[0].synced, "the spent refresh token is refused");
        let home = wallet.dashboard().await.unwrap();
        assert_eq!((home.sources.len(), home.sources[0].auth_state), (1, AuthState::NeedsReauth));
        assert_eq!(home.sources[0].balance.formatted, "12,340원", "the source and its balance stay");
        let again = wallet.begin_relink(id).await.unwrap();
        assert_eq!(wallet.complete_link(browse(&again).await).await.unwrap().source_id, id, "the same source");
        assert!(wallet.sync().await.unwrap()[0].synced);
        wallet.verify_ledger().await.unwrap();
    }
}

/// The sandbox's own authorization server (used by `sweep demo`) follows
/// the same rules: PKCE S256, single-use codes, a checked ID token.
#[tokio::test]
async fn the_sandbox_issuer_checks_pkce_and_single_use_codes() {
    let sandbox = sweep_sandbox::Sandbox::start().await.unwrap();
    let issuer = sandbox.oauth_issuer("sandbox-toss");
    let config = sandbox_config(&issuer);
    let pending = PendingSignIn::begin(config.clone()).unwrap();
    let callback = browse(&pending.authorize_url().unwrap()).await;
    let code = pending.code_from_callback(&callback).unwrap();
    let other = PendingSignIn::begin(config).unwrap();
    assert_eq!(other.exchange(&code).await.err(), Some(SweepError::OAuthRejected { error: "invalid_grant".into() }));
    // The failed attempt used the code up, as a careful server does.
    assert!(pending.exchange(&code).await.is_err());

    let fresh = PendingSignIn::begin(sandbox_config(&issuer)).unwrap();
    let callback = browse(&fresh.authorize_url().unwrap()).await;
    let grant = fresh.complete(&callback).await.expect("the right verifier works");
    assert_eq!(grant.subject.as_deref(), Some("sandbox-toss"));
}

/// A sign-in to one sandbox platform's issuer.
fn sandbox_config(issuer: &str) -> OAuthConfig {
    OAuthConfig {
        authorize_endpoint: format!("{issuer}/authorize"),
        client_id: "sweep-demo".into(),
        scopes: vec![],
        ..config(issuer)
    }
}
