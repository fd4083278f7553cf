//! Detached JWS signatures (RFC 7515 appendix F, ES256), as UK Open Banking
//! carries them in `x-jws-signature`: the provider signs the payment
//! requests it initiates, and the bank checks each against the provider's
//! key before acting, then signs its own answers.

use std::sync::OnceLock;

use ring::rand::SystemRandom;
use ring::signature::{self, EcdsaKeyPair, KeyPair, UnparsedPublicKey};

use crate::oauth::b64;

/// A party's signing key, made once per sandbox process.
pub(crate) struct Signer {
    pair: EcdsaKeyPair,
    kid: &'static str,
}

fn make(kid: &'static str) -> Signer {
    let rng = SystemRandom::new();
    let alg = &signature::ECDSA_P256_SHA256_FIXED_SIGNING;
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(alg, &rng).expect("the system random source works");
    let pair = EcdsaKeyPair::from_pkcs8(alg, pkcs8.as_ref(), &rng).expect("a key ring just made");
    Signer { pair, kid }
}

/// The provider's key (the payment initiator's).
pub(crate) fn provider() -> &'static Signer {
    static KEY: OnceLock<Signer> = OnceLock::new();
    KEY.get_or_init(|| make("sandbox-provider-1"))
}

/// The bank's key, for its answers.
pub(crate) fn bank() -> &'static Signer {
    static KEY: OnceLock<Signer> = OnceLock::new();
    KEY.get_or_init(|| make("sandbox-bank-1"))
}

/// The sandbox's OpenID signing key, for ID tokens of every platform.
pub(crate) fn id_tokens() -> &'static Signer {
    static KEY: OnceLock<Signer> = OnceLock::new();
    KEY.get_or_init(|| make("sandbox-id-1"))
}

impl Signer {
    /// A compact JWS (a signed JWT) of `claims`.
    pub fn sign_jwt(&self, claims: &serde_json::Value) -> String {
        let header = b64(format!(r#"{{"alg":"ES256","kid":"{}","typ":"JWT"}}"#, self.kid).as_bytes());
        let input = format!("{header}.{}", b64(claims.to_string().as_bytes()));
        let sig = self.pair.sign(&SystemRandom::new(), input.as_bytes()).expect("ES256 signing works");
        format!("{input}.{}", b64(sig.as_ref()))
    }

    /// The public key as a JWK set (RFC 7517): an uncompressed P-256 point
    /// is `04 || x || y`.
    pub fn jwks(&self) -> serde_json::Value {
        let point = self.pair.public_key().as_ref();
        serde_json::json!({"keys": [{
            "kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256", "kid": self.kid,
            "x": b64(&point[1..33]), "y": b64(&point[33..65]),
        }]})
    }

    fn header(&self) -> String {
        b64(format!(r#"{{"alg":"ES256","kid":"{}","typ":"JOSE"}}"#, self.kid).as_bytes())
    }

    /// `header..signature` over `payload`.
    pub fn sign_detached(&self, payload: &[u8]) -> String {
        let header = self.header();
        let input = format!("{header}.{}", b64(payload));
        let sig = self.pair.sign(&SystemRandom::new(), input.as_bytes()).expect("ES256 signing works");
        format!("{header}..{}", b64(sig.as_ref()))
    }

    /// True when `jws` is this key's detached signature of exactly `payload`.
    pub fn verifies(&self, jws: &str, payload: &[u8]) -> bool {
        let Some((header, sig)) = jws.split_once("..") else { return false };
        let Some(sig) = unb64(sig) else { return false };
        let input = format!("{header}.{}", b64(payload));
        let key = UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, self.pair.public_key().as_ref());
        header == self.header() && key.verify(input.as_bytes(), &sig).is_ok()
    }
}

fn unb64(text: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_covers_exactly_its_payload_and_key() {
        let jws = provider().sign_detached(b"{\"a\":1}");
        assert!(provider().verifies(&jws, b"{\"a\":1}"));
        assert!(!provider().verifies(&jws, b"{\"a\":2}"));
        assert!(!bank().verifies(&jws, b"{\"a\":1}"));
        assert!(!provider().verifies("garbage", b"{\"a\":1}"));
    }
}
