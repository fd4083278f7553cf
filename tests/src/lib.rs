//! Workspace-level integration tests live in `tests/tests/`, benchmarks of
//! whole flows in `tests/benches/`, and the sandbox provider in
//! `sandbox/` (crate `sweep-sandbox`). This library holds the
//! fixtures they share.

pub mod proxy;
pub mod withdrawing;

use std::sync::{Arc, Mutex};

use sweep_core::sources::{add_manual_source, ManualSource, SharedStore, SourceKind};
use sweep_core::store::Store;
use sweep_core::{EphemeralKeyProvider, MinorAmount};

/// A throw-away wallet store; everything goes when it is dropped.
pub struct TestWallet {
    _dir: tempfile::TempDir,
    _keys: Arc<EphemeralKeyProvider>,
    /// The store, shared as the wallet and the sync engine share it.
    pub store: SharedStore,
}

/// A wallet with `count` wallet sources, ids `1..=count`, all at ₩0.
pub fn wallet_with_sources(count: usize) -> TestWallet {
    let dir = tempfile::tempdir().expect("a temp dir");
    let keys = EphemeralKeyProvider::new().expect("a key");
    let mut store = Store::open(&dir.path().join("w.db"), keys.as_ref()).expect("a new store");
    for i in 0..count {
        let source = ManualSource {
            name: format!("Source {i}"),
            kind: SourceKind::Wallet,
            balance: MinorAmount { minor_units: 0, currency_code: "KRW".into() },
            account_ref: None,
        };
        add_manual_source(&mut store, &source, 1).expect("a valid source");
    }
    TestWallet { _dir: dir, _keys: keys, store: Arc::new(Mutex::new(Some(store))) }
}

/// Plays the browser in an OAuth sign-in: follows the authorization
/// server's redirects, keeping its cookies, until it sends the user back to
/// `redirect_uri`, and returns that callback URL.
pub async fn play_browser(authorize_url: &str, redirect_uri: &str) -> String {
    // reqwest here is built with rustls and no default crypto provider.
    sweep_core::install_tls_provider();
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let mut url = authorize_url.to_owned();
    for _ in 0..10 {
        let response = browser.get(&url).send().await.expect("the provider answers");
        let location = response.headers().get("location").expect("a redirect").to_str().expect("ASCII").to_owned();
        if location.starts_with(redirect_uri) {
            return location;
        }
        url = reqwest::Url::parse(&url).expect("a URL").join(&location).expect("a URL").to_string();
    }
    panic!("the provider never sent the user back");
}

/// [`play_browser`] that says `None` instead of panicking when the
/// provider does not send the user back (for a process that may be cut).
pub async fn try_play_browser(authorize_url: &str, redirect_uri: &str) -> Option<String> {
    sweep_core::install_tls_provider();
    let browser = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().ok()?;
    let response = browser.get(authorize_url).send().await.ok()?;
    let location = response.headers().get("location")?.to_str().ok()?.to_owned();
    location.starts_with(redirect_uri).then_some(location)
}

/// The redirect URI the tests' sign-ins come back to.
pub const TEST_REDIRECT: &str = "com.sweepwallet.test:/oauth/callback";

/// The tests' public client at one of the sandbox's OAuth issuers (or any
/// issuer with `/authorize` and `/token`), asking for `scopes`.
pub fn sandbox_oauth(issuer: String, scopes: &[&str]) -> sweep_core::sources::OAuthConfig {
    sweep_core::sources::OAuthConfig {
        authorize_endpoint: format!("{issuer}/authorize"),
        token_endpoint: format!("{issuer}/token"),
        issuer,
        client_id: "sweep-test".into(),
        redirect_uri: TEST_REDIRECT.into(),
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// Links a source the way an app does, signing in at one of the sandbox's
/// OAuth issuers (`Sandbox::oauth_issuer`), which approves at once.
pub async fn link_at_sandbox_issuer(
    wallet: &sweep_core::Wallet,
    issuer: String,
    name: &str,
    kind: SourceKind,
    endpoint: sweep_core::sources::SourceEndpoint,
) -> Result<u64, sweep_core::SweepError> {
    Ok(link_request_at_sandbox_issuer(wallet, issuer, name, kind, endpoint, None).await?.source_id)
}

/// [`link_at_sandbox_issuer`] replacing a typed-in source (or not), saying
/// how the link went.
pub async fn link_request_at_sandbox_issuer(
    wallet: &sweep_core::Wallet,
    issuer: String,
    name: &str,
    kind: SourceKind,
    endpoint: sweep_core::sources::SourceEndpoint,
    replaces_source_id: Option<u64>,
) -> Result<sweep_core::wallet::LinkResult, sweep_core::SweepError> {
    let oauth = sandbox_oauth(issuer, &["balances:read", sweep_core::sources::TRANSFER_SCOPE]);
    let request = sweep_core::sources::LinkRequest { name: name.into(), kind, endpoint, oauth, replaces_source_id };
    let url = wallet.begin_link(request)?;
    wallet.complete_link(play_browser(&url, TEST_REDIRECT).await).await
}

/// Verifies the wallet's user at the sandbox provider the way an app does:
/// opens a session, uploads a generated ID photo to the session's tus
/// endpoint, and asks for the status until it is verified (a bounded
/// number of times; the sandbox decides on the second look).
pub async fn verify_in_sandbox(wallet: &sweep_core::Wallet) -> Result<(), sweep_core::SweepError> {
    use sweep_core::identity::{DocumentSide, DocumentType, VerificationStatus};
    let session = wallet.start_verification(DocumentType::NationalId).await?;
    let dir = tempfile::tempdir().expect("a temp dir");
    let photo = dir.path().join("id.jpg").display().to_string();
    sweep_core::identity::write_sample_capture(photo.clone(), false)?;
    let submission = sweep_core::wallet::CaptureSubmission {
        path: photo,
        document_type: DocumentType::NationalId,
        side: DocumentSide::Front,
        upload_endpoint: session.upload_url.clone(),
    };
    wallet.submit_capture(submission, None).await?;
    for _ in 0..5 {
        if wallet.verification_status(session.session_id.clone()).await?.status == VerificationStatus::Verified {
            return Ok(());
        }
    }
    Err(sweep_core::SweepError::Internal { reason: "the sandbox never verified the session".into() })
}

/// An app's biometric confirmation, as a test plays it: a P-256 key that
/// signs whatever it is shown, or (when `forger`) a different key.
pub struct TestAuthenticator {
    key: ring::signature::EcdsaKeyPair,
    forger: Option<ring::signature::EcdsaKeyPair>,
    /// Prompts shown.
    pub prompts: Mutex<Vec<String>>,
}

fn p256() -> ring::signature::EcdsaKeyPair {
    use ring::signature::{EcdsaKeyPair, ECDSA_P256_SHA256_ASN1_SIGNING};
    let rng = ring::rand::SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).expect("a key");
    EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref(), &rng).expect("a key")
}

impl TestAuthenticator {
    /// A new P-256 key in PKCS#8, to hand to another process.
    pub fn new_pkcs8() -> Vec<u8> {
        use ring::signature::{EcdsaKeyPair, ECDSA_P256_SHA256_ASN1_SIGNING};
        let rng = ring::rand::SystemRandom::new();
        EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).expect("a key").as_ref().to_vec()
    }

    /// An honest authenticator with this PKCS#8 key.
    pub fn from_pkcs8(pkcs8: &[u8]) -> Arc<TestAuthenticator> {
        use ring::signature::{EcdsaKeyPair, ECDSA_P256_SHA256_ASN1_SIGNING};
        let rng = ring::rand::SystemRandom::new();
        let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8, &rng).expect("a P-256 key");
        Arc::new(TestAuthenticator { key, forger: None, prompts: Mutex::new(Vec::new()) })
    }

    /// An honest authenticator.
    pub fn new() -> Arc<TestAuthenticator> {
        Arc::new(TestAuthenticator { key: p256(), forger: None, prompts: Mutex::new(Vec::new()) })
    }

    /// One that presents a registered key but signs with another.
    pub fn forger() -> Arc<TestAuthenticator> {
        Arc::new(TestAuthenticator { key: p256(), forger: Some(p256()), prompts: Mutex::new(Vec::new()) })
    }
}

impl sweep_core::withdrawals::Authenticator for TestAuthenticator {
    fn public_key(&self) -> Result<Vec<u8>, sweep_core::SweepError> {
        use ring::signature::KeyPair;
        Ok(self.key.public_key().as_ref().to_vec())
    }

    fn sign(&self, prompt: String, digest: Vec<u8>) -> Result<Vec<u8>, sweep_core::SweepError> {
        self.prompts.lock().expect("not poisoned").push(prompt);
        let signer = self.forger.as_ref().unwrap_or(&self.key);
        let signature = signer.sign(&ring::rand::SystemRandom::new(), &digest).expect("signing cannot fail");
        Ok(signature.as_ref().to_vec())
    }
}

/// Says that a test cannot run because `reason`. Under `CI=true` a missing
/// service, spec or variable is a failure, so this panics. Elsewhere it
/// writes one `skip:` line straight to the terminal's stderr, past cargo's
/// output capture, so whoever runs the tests sees it.
pub fn skip(reason: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true, and this test cannot run: {reason}");
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skip: {reason}");
}

/// The URL in the environment variable `name`, which `cargo xtask test`
/// sets once it has started `what`; `None`, after [`skip`] says why, when
/// it is not set.
pub fn service_url(name: &str, what: &str) -> Option<String> {
    let url = std::env::var(name).ok().filter(|u| !u.is_empty());
    if url.is_none() {
        skip(&format!("{name} is not set (cargo xtask test starts {what})"));
    }
    url
}

#[cfg(test)]
mod tests {
    /// Run by `a_skip_fails_under_ci_and_is_seen_elsewhere`, in a child process.
    #[test]
    #[ignore = "run in a child process by a_skip_fails_under_ci_and_is_seen_elsewhere"]
    fn skip_probe() {
        super::skip("a probe");
    }

    #[test]
    fn a_skip_fails_under_ci_and_is_seen_elsewhere() {
        let exe = std::env::current_exe().expect("the test binary");
        let run = |ci: &str| {
            std::process::Command::new(&exe)
                .args(["--ignored", "--exact", "tests::skip_probe"])
                .env("CI", ci)
                .output()
                .expect("the test binary runs")
        };
        assert!(!run("true").status.success(), "under CI=true a skip is a failure");
        let elsewhere = run("false");
        assert!(elsewhere.status.success());
        assert!(String::from_utf8_lossy(&elsewhere.stderr).contains("skip: a probe"), "seen past the capture");
    }
}
