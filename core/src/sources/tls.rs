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

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};

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
    Err(SweepError::Network { reason: "no trusted root certificates were found on this device".into() })
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

/// A client configuration that trusts exactly `roots`, on the ring provider
/// Sweep installs (no client certificates).
pub fn client_config(roots: RootCertStore) -> Result<ClientConfig, SweepError> {
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
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
