//! The trust store Android builds use, tested here: roots read from a
//! directory laid out like Android's, and real TLS handshakes over loopback
//! against servers whose certificates a test CA signed (or did not).

use std::path::Path;
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::*;
use crate::sources::http::{client_trusting, transport_error};

/// The reason says `english` or `korean`: the wallet language is the process's, and other tests open Korean wallets.
fn in_either_language(reason: &str, english: &str, korean: &str) -> bool {
    reason.contains(english) || reason.contains(korean)
}

/// A test certificate authority.
struct TestCa {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

impl TestCa {
    fn new(name: &str) -> TestCa {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        TestCa { issuer: CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap() }
    }

    /// The root as Android stores it: the PEM block, then a text dump.
    fn android_file(&self) -> String {
        format!("{}Certificate:\n    Data:\n        Version: 3 (0x2)\n", self.issuer.pem())
    }

    /// A certificate and key for 127.0.0.1, signed by this CA.
    fn server_identity(&self) -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
        let key = KeyPair::generate().unwrap();
        let cert = CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap().signed_by(&key, &self.issuer).unwrap();
        (cert.der().clone(), PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())))
    }
}

/// A directory holding `ca`'s root the way Android's trust store does,
/// beside a file that is not a certificate at all.
fn trust_dir(ca: &TestCa) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("5d3033c5.0"), ca.android_file()).unwrap();
    std::fs::write(dir.path().join("README"), "not a certificate\n").unwrap();
    dir
}

/// An HTTPS server on loopback that answers every request with `{}`.
async fn https_server(identity: (CertificateDer<'static>, PrivateKeyDer<'static>)) -> String {
    https_server_with(identity, rustls::crypto::ring::DEFAULT_CIPHER_SUITES, rustls::DEFAULT_VERSIONS).await
}

/// The same, offering only `suites` over only `versions`: rustls's full
/// ring provider otherwise, not Sweep's.
async fn https_server_with(
    identity: (CertificateDer<'static>, PrivateKeyDer<'static>),
    suites: &[rustls::SupportedCipherSuite],
    versions: &[&'static rustls::SupportedProtocolVersion],
) -> String {
    let provider = Arc::new(rustls::crypto::CryptoProvider {
        cipher_suites: suites.to_vec(),
        ..rustls::crypto::ring::default_provider()
    });
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![identity.0], identity.1)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://127.0.0.1:{}/", listener.local_addr().unwrap().port());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                // A refused handshake ends here, as it would at a real server.
                let Ok(mut tls) = acceptor.accept(stream).await else { return };
                let mut request = Vec::new();
                let mut chunk = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&chunk[..n]),
                    }
                }
                let answer = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}";
                let _ = tls.write_all(answer.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    url
}

#[test]
fn roots_come_from_the_first_directory_that_has_any() {
    let ca = TestCa::new("Sweep test root");
    let empty = tempfile::tempdir().unwrap();
    let android = trust_dir(&ca);
    let missing = empty.path().join("no-such-dir");
    let roots = roots_from_dirs([missing.as_path(), empty.path(), android.path()]).unwrap();
    assert_eq!(roots.len(), 1, "the one root, and nothing from the README");
}

#[test]
fn a_device_without_roots_is_an_error_not_an_empty_trust_store() {
    let empty = tempfile::tempdir().unwrap();
    let err = roots_from_dirs([empty.path(), Path::new("/no/such/dir")]).unwrap_err();
    assert!(
        matches!(&err, SweepError::Network { reason } if in_either_language(reason, "no trusted root", "루트 인증서")),
        "{err:?}"
    );
}

#[test]
fn the_android_directories_are_the_conscrypt_module_first_then_the_system_image() {
    assert_eq!(ANDROID_CA_DIRS, ["/apex/com.android.conscrypt/cacerts", "/system/etc/security/cacerts"]);
    // Not an Android device: neither directory is here, and that is an
    // error, not an empty trust store. (On a phone this reads the real ones.)
    if ANDROID_CA_DIRS.iter().all(|dir| !Path::new(dir).exists()) {
        assert!(android_roots().is_err());
    }
}

#[tokio::test]
async fn a_server_signed_by_a_trusted_root_answers_over_tls() {
    let ca = TestCa::new("Sweep test root");
    let url = https_server(ca.server_identity()).await;
    let dir = trust_dir(&ca);
    let client = client_trusting(roots_from_dirs([dir.path()]).unwrap()).unwrap();
    let response = client.get(&url).send().await.expect("the handshake succeeds");
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "{}");
}

#[tokio::test]
async fn a_server_from_another_root_is_refused_with_a_clear_error() {
    let trusted = TestCa::new("Sweep test root");
    let other = TestCa::new("Someone else's root");
    let url = https_server(other.server_identity()).await;
    let dir = trust_dir(&trusted);
    let client = client_trusting(roots_from_dirs([dir.path()]).unwrap()).unwrap();
    let err = client.get(&url).send().await.expect_err("the handshake is refused");
    assert!(is_untrusted_certificate(&err), "{err:?}");
    let mapped = transport_error(&err);
    assert!(
        matches!(&mapped, SweepError::Network { reason } if in_either_language(reason, "certificate is not trusted", "인증서를 신뢰할 수 없어요")),
        "{mapped:?}"
    );
}

#[test]
fn other_failures_are_not_taken_for_certificate_errors() {
    let refused = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
    assert!(!is_untrusted_certificate(&refused));
    let wrapped = std::io::Error::new(std::io::ErrorKind::InvalidData, rustls::Error::DecryptError);
    assert!(!is_untrusted_certificate(&wrapped));
    let certificate = std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
    );
    assert!(is_untrusted_certificate(&certificate));
}

/// Sweep's provider against servers that each offer one family of suites:
/// AES-GCM over TLS 1.3 and over TLS 1.2 (ECDSA certificates here) works;
/// a server offering only ChaCha20-Poly1305 is refused, which shows the
/// suites left out really are out.
#[tokio::test]
async fn the_provider_speaks_aes_gcm_over_tls_1_3_and_1_2_and_nothing_else() {
    use rustls::crypto::ring::cipher_suite as suite;
    let ca = TestCa::new("Sweep test root");
    let dir = trust_dir(&ca);
    let client = client_trusting(roots_from_dirs([dir.path()]).unwrap()).unwrap();
    let cases: [(&[rustls::SupportedCipherSuite], &[&'static rustls::SupportedProtocolVersion], bool); 4] = [
        (&[suite::TLS13_AES_128_GCM_SHA256], &[&rustls::version::TLS13], true),
        (&[suite::TLS13_AES_256_GCM_SHA384], &[&rustls::version::TLS13], true),
        (&[suite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256], &[&rustls::version::TLS12], true),
        (&[suite::TLS13_CHACHA20_POLY1305_SHA256], &[&rustls::version::TLS13], false),
    ];
    for (suites, versions, works) in cases {
        let url = https_server_with(ca.server_identity(), suites, versions).await;
        let answer = client.get(&url).send().await;
        assert_eq!(answer.is_ok(), works, "{:?}: {answer:?}", suites[0].suite());
    }
    let offered = provider().cipher_suites;
    assert!(offered.iter().all(|s| format!("{:?}", s.suite()).contains("AES_")), "{offered:?}");
}
