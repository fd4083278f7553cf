//! The tokens here are signed with ring directly and the key set is written
//! out by hand, so the checks share no code with what they check.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, KeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};

use super::*;

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

struct Issuer {
    pair: EcdsaKeyPair,
}

impl Issuer {
    fn new() -> Issuer {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
        Issuer { pair: EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng).unwrap() }
    }

    fn keys(&self, kid: &str) -> JwkSet {
        let point = self.pair.public_key().as_ref();
        let json = serde_json::json!({"keys": [{
            "kty": "EC", "crv": "P-256", "kid": kid, "alg": "ES256",
            "x": b64(&point[1..33]), "y": b64(&point[33..65]),
        }]});
        serde_json::from_value(json).unwrap()
    }

    fn sign(&self, header: &str, claims: &serde_json::Value) -> String {
        let input = format!("{}.{}", b64(header.as_bytes()), b64(claims.to_string().as_bytes()));
        let sig = self.pair.sign(&SystemRandom::new(), input.as_bytes()).unwrap();
        format!("{input}.{}", b64(sig.as_ref()))
    }
}

fn config() -> OAuthConfig {
    OAuthConfig {
        issuer: "https://id.example".into(),
        authorize_endpoint: "https://id.example/auth".into(),
        token_endpoint: "https://id.example/token".into(),
        client_id: "sweep-app".into(),
        redirect_uri: "com.sweepwallet.app:/oauth/callback".into(),
        scopes: vec![],
    }
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

fn claims() -> serde_json::Value {
    serde_json::json!({"iss": "https://id.example", "sub": "u1", "aud": "sweep-app", "nonce": "n1", "exp": now() + 300})
}

const ES256: &str = r#"{"alg":"ES256","kid":"k1"}"#;

fn error_of(result: Result<String, SweepError>) -> String {
    match result {
        Err(SweepError::OAuthRejected { error }) => error,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

#[test]
fn a_token_signed_by_the_issuers_key_gives_its_subject() {
    let issuer = Issuer::new();
    let token = issuer.sign(ES256, &claims());
    assert_eq!(verify(&token, &issuer.keys("k1"), &config(), "n1").unwrap(), "u1");
}

#[test]
fn a_token_signed_by_another_key_is_refused() {
    let (issuer, forger) = (Issuer::new(), Issuer::new());
    let token = forger.sign(ES256, &claims());
    assert_eq!(error_of(verify(&token, &issuer.keys("k1"), &config(), "n1")), "ID token signature does not verify");
    let unknown_kid = issuer.sign(r#"{"alg":"ES256","kid":"k9"}"#, &claims());
    assert_eq!(
        error_of(verify(&unknown_kid, &issuer.keys("k1"), &config(), "n1")),
        "ID token signed by a key the issuer does not publish"
    );
}

#[test]
fn an_edited_claim_breaks_the_signature() {
    let issuer = Issuer::new();
    let token = issuer.sign(ES256, &claims());
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut edited = claims();
    edited["sub"] = "someone-else".into();
    parts[1] = b64(edited.to_string().as_bytes());
    let forged = parts.join(".");
    assert_eq!(error_of(verify(&forged, &issuer.keys("k1"), &config(), "n1")), "ID token signature does not verify");
}

#[test]
fn unsigned_and_symmetric_tokens_are_refused() {
    let issuer = Issuer::new();
    let none = format!("{}.{}.", b64(br#"{"alg":"none"}"#), b64(claims().to_string().as_bytes()));
    assert_eq!(error_of(verify(&none, &issuer.keys("k1"), &config(), "n1")), "malformed ID token");
    let hs = format!("{}.{}.c2ln", b64(br#"{"alg":"HS256","kid":"k1"}"#), b64(claims().to_string().as_bytes()));
    assert_eq!(
        error_of(verify(&hs, &issuer.keys("k1"), &config(), "n1")),
        "ID token signed with an algorithm Sweep does not accept"
    );
}

#[test]
fn expiry_issuer_audience_and_nonce_are_checked() {
    let issuer = Issuer::new();
    let keys = issuer.keys("k1");
    let with = |field: &str, value: serde_json::Value| {
        let mut c = claims();
        c[field] = value;
        issuer.sign(ES256, &c)
    };
    let cases = [
        (with("exp", (now() - 3_600).into()), "ID token expired"),
        (with("iss", "https://evil.example".into()), "ID token from another issuer"),
        (with("aud", serde_json::json!(["other-app"])), "ID token for another client"),
        (with("nonce", "n2".into()), "ID token nonce does not match"),
    ];
    for (token, expected) in cases {
        assert_eq!(error_of(verify(&token, &keys, &config(), "n1")), expected);
    }
    let mut no_exp = claims();
    no_exp.as_object_mut().unwrap().remove("exp");
    assert_eq!(
        error_of(verify(&issuer.sign(ES256, &no_exp), &keys, &config(), "n1")),
        "ID token lacks a required claim"
    );
    // A few seconds of clock difference are tolerated.
    assert!(verify(&with("exp", (now() - 5).into()), &keys, &config(), "n1").is_ok());
}

#[test]
fn a_key_marked_for_another_algorithm_is_not_used() {
    let issuer = Issuer::new();
    let mut keys = issuer.keys("k1");
    keys.keys[0].common.key_algorithm = Some(jsonwebtoken::jwk::KeyAlgorithm::ES384);
    let token = issuer.sign(ES256, &claims());
    assert_eq!(
        error_of(verify(&token, &keys, &config(), "n1")),
        "ID token signed with another algorithm than its key's"
    );
}
