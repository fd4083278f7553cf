//! Which servers Sweep trusts, and what a refused certificate looks like.
//!
//! On iOS, macOS and Linux, reqwest's platform verifier asks the operating
//! system. On Android that verifier calls into Java, and it must be set up
//! through JNI with the app's `Context` before the first handshake; without
//! that it panics, so no HTTPS call would ever work in an app that forgot.
//! Android builds therefore read the system trust store themselves and hand
//! reqwest a rustls configuration with those roots: the certificates an app
//! targeting API 24 or later trusts by default (system CAs, not ones the
//! user added). Nothing has to be initialised, and the same code runs in the
//! tests here against a directory of test roots.

// Only Android builds read a trust store themselves; elsewhere the tests
// are the only callers of everything but the certificate-error check.
#![cfg_attr(not(target_os = "android"), allow(dead_code))]

use std::path::Path;

use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore, SignatureScheme};
use webpki::ring as alg;

use crate::SweepError;

/// Android's system trust store: the copy in the updatable Conscrypt module
/// (Android 14 on, kept current by Play system updates), then the copy in
/// the system image (every version).
pub const ANDROID_CA_DIRS: [&str; 2] = ["/apex/com.android.conscrypt/cacerts", "/system/etc/security/cacerts"];

/// The device's trust store on Android (see [`ANDROID_CA_DIRS`]).
pub fn android_roots() -> Result<RootCertStore, SweepError> {
    roots_from_dirs(ANDROID_CA_DIRS.iter().map(Path::new))
}

/// The roots in the first of `dirs` that holds any: every PEM certificate
/// in each file (Android's files carry a text dump after the PEM block,
/// which is skipped). Unreadable files and certificates rustls refuses are
/// left out; finding none at all is an error, never an empty trust store.
pub fn roots_from_dirs<'a>(dirs: impl IntoIterator<Item = &'a Path>) -> Result<RootCertStore, SweepError> {
    for dir in dirs {
        let roots = roots_in_dir(dir);
        if !roots.is_empty() {
            return Ok(roots);
        }
    }
    Err(SweepError::Network { reason: crate::text::tell(crate::text::Msg::NetNoTrustedRoots {}) })
}

fn roots_in_dir(dir: &Path) -> RootCertStore {
    let mut roots = RootCertStore::empty();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return roots;
    };
    for entry in entries.flatten() {
        let Ok(certificates) = CertificateDer::pem_file_iter(entry.path()) else {
            continue;
        };
        for certificate in certificates.flatten() {
            // A root rustls cannot parse is one Sweep cannot use anyway.
            let _ = roots.add(certificate);
        }
    }
    roots
}

/// The TLS provider every Sweep client uses: rustls on ring with only the
/// AES-GCM cipher suites (TLS 1.3 and 1.2) and no client certificates.
///
/// Every server Sweep talks to offers AES-GCM (TLS 1.3 requires it, and
/// the TLS 1.2 suites kept are the ones banks and operators serve), so
/// ChaCha20-Poly1305 is never the only way in; leaving it and ring's
/// private-key loaders out keeps about 60 kB of code off the phone
/// (docs/performance.md). Certificates are verified with every algorithm
/// rustls's own ring provider accepts.
pub fn provider() -> CryptoProvider {
    use rustls::crypto::ring::{cipher_suite as suite, kx_group};
    CryptoProvider {
        cipher_suites: vec![
            suite::TLS13_AES_128_GCM_SHA256,
            suite::TLS13_AES_256_GCM_SHA384,
            suite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            suite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            suite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            suite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        ],
        kx_groups: vec![kx_group::X25519, kx_group::SECP256R1, kx_group::SECP384R1],
        signature_verification_algorithms: SIGNATURES,
        secure_random: &SystemRandom,
        key_provider: &NoClientKeys,
    }
}

/// Installs [`provider`] as the process's rustls default (reqwest's
/// clients take it from there); a provider installed before is kept.
pub fn install_provider() {
    let _ = provider().install_default();
}

/// The signature algorithms certificates and handshakes may use: those of
/// rustls's ring provider (which does not export its list).
static SIGNATURES: WebPkiSupportedAlgorithms = WebPkiSupportedAlgorithms {
    all: &[
        alg::ECDSA_P256_SHA256,
        alg::ECDSA_P256_SHA384,
        alg::ECDSA_P384_SHA256,
        alg::ECDSA_P384_SHA384,
        alg::ED25519,
        alg::RSA_PSS_2048_8192_SHA256_LEGACY_KEY,
        alg::RSA_PSS_2048_8192_SHA384_LEGACY_KEY,
        alg::RSA_PSS_2048_8192_SHA512_LEGACY_KEY,
        alg::RSA_PKCS1_2048_8192_SHA256,
        alg::RSA_PKCS1_2048_8192_SHA384,
        alg::RSA_PKCS1_2048_8192_SHA512,
        alg::RSA_PKCS1_2048_8192_SHA256_ABSENT_PARAMS,
        alg::RSA_PKCS1_2048_8192_SHA384_ABSENT_PARAMS,
        alg::RSA_PKCS1_2048_8192_SHA512_ABSENT_PARAMS,
    ],
    mapping: &[
        (SignatureScheme::ECDSA_NISTP384_SHA384, &[alg::ECDSA_P384_SHA384, alg::ECDSA_P256_SHA384]),
        (SignatureScheme::ECDSA_NISTP256_SHA256, &[alg::ECDSA_P256_SHA256, alg::ECDSA_P384_SHA256]),
        (SignatureScheme::ED25519, &[alg::ED25519]),
        (SignatureScheme::RSA_PSS_SHA512, &[alg::RSA_PSS_2048_8192_SHA512_LEGACY_KEY]),
        (SignatureScheme::RSA_PSS_SHA384, &[alg::RSA_PSS_2048_8192_SHA384_LEGACY_KEY]),
        (SignatureScheme::RSA_PSS_SHA256, &[alg::RSA_PSS_2048_8192_SHA256_LEGACY_KEY]),
        (SignatureScheme::RSA_PKCS1_SHA512, &[alg::RSA_PKCS1_2048_8192_SHA512]),
        (SignatureScheme::RSA_PKCS1_SHA384, &[alg::RSA_PKCS1_2048_8192_SHA384]),
        (SignatureScheme::RSA_PKCS1_SHA256, &[alg::RSA_PKCS1_2048_8192_SHA256]),
    ],
};

/// Randomness for handshakes, from ring's system generator.
#[derive(Debug)]
struct SystemRandom;

impl rustls::crypto::SecureRandom for SystemRandom {
    fn fill(&self, buf: &mut [u8]) -> Result<(), rustls::crypto::GetRandomFailed> {
        ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), buf)
            .map_err(|_| rustls::crypto::GetRandomFailed)
    }
}

/// Sweep never presents a client certificate, so it loads no private key.
#[derive(Debug)]
struct NoClientKeys;

impl rustls::crypto::KeyProvider for NoClientKeys {
    fn load_private_key(
        &self,
        _: rustls::pki_types::PrivateKeyDer<'static>,
    ) -> Result<std::sync::Arc<dyn rustls::sign::SigningKey>, rustls::Error> {
        Err(rustls::Error::General("Sweep presents no client certificate".into()))
    }
}

/// A client configuration that trusts exactly `roots`, on Sweep's
/// [`provider`] (no client certificates).
pub fn client_config(roots: RootCertStore) -> Result<ClientConfig, SweepError> {
    let provider = std::sync::Arc::new(provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| SweepError::Internal { reason: format!("TLS set-up: {e}") })?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(config)
}

/// Whether a transport error is rustls refusing the server's certificate,
/// looked for along the error's chain of causes.
pub fn is_untrusted_certificate(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(err);
    while let Some(err) = current {
        if is_certificate_error(err) {
            return true;
        }
        current = cause(err);
    }
    false
}

/// The next error down. An `io::Error` that wraps another error (tokio-rustls
/// wraps rustls's, and hyper wraps that again) hides it from `source()`,
/// which skips to the wrapped error's own source, so it is unwrapped here.
fn cause<'a>(err: &'a (dyn std::error::Error + 'static)) -> Option<&'a (dyn std::error::Error + 'static)> {
    match err.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref()) {
        Some(wrapped) => Some(wrapped as &(dyn std::error::Error + 'static)),
        None => err.source(),
    }
}

fn is_certificate_error(err: &(dyn std::error::Error + 'static)) -> bool {
    matches!(
        err.downcast_ref::<rustls::Error>(),
        Some(rustls::Error::InvalidCertificate(_) | rustls::Error::NoCertificatesPresented)
    )
}

#[cfg(test)]
#[path = "tls_tests.rs"]
mod tests;
