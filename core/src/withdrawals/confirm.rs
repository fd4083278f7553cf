//! The user's confirmation of a withdrawal, and the SIM-swap check.
//!
//! - The app implements `Authenticator`: it shows BiometricPrompt or Face ID
//!   and signs, with a key in the Android Keystore or the Secure Enclave
//!   (ECDSA P-256, SHA-256, DER), a digest of the exact amount, payee and
//!   quote. The wallet registers the key's public half once and verifies
//!   every signature against it before anything is stored or sent.
//! - CAMARA SIM Swap v2.1 (`POST /check`) asks the operator whether the
//!   SIM was swapped within `maxAge` hours (240 by default); a recent swap
//!   refuses the withdrawal, with a reason the user can read.

use ring::digest;
use ring::signature::{UnparsedPublicKey, ECDSA_P256_SHA256_ASN1};
use serde::Deserialize;

use crate::sources::http;
use crate::SweepError;

/// The app's biometric confirmation.
#[cfg_attr(feature = "ffi", uniffi::export(with_foreign))]
pub trait Authenticator: Send + Sync {
    /// The signing key's public half: an uncompressed P-256 point (65 bytes,
    /// starting with 4).
    fn public_key(&self) -> Result<Vec<u8>, SweepError>;

    /// Shows `prompt` to the user and, once they confirm, signs `digest`
    /// (ECDSA P-256 with SHA-256, ASN.1 DER). A refusal is an error.
    fn sign(&self, prompt: String, digest: Vec<u8>) -> Result<Vec<u8>, SweepError>;
}

/// What the user confirms, exactly: the quote, every leg, the gross, fee
/// and net, and the payee.
#[derive(Clone, Copy)]
pub struct Confirmation<'a> {
    /// The quote carried out.
    pub quote_id: &'a str,
    /// The currency of every figure.
    pub currency: &'a str,
    /// `(source id, gross)` per leg, in the quote's order.
    pub legs: &'a [(u64, i64)],
    /// What leaves the sources.
    pub gross: i64,
    /// The fee.
    pub fee: i64,
    /// What the payee receives.
    pub net: i64,
    /// The payee's id.
    pub payee_id: u64,
    /// The payee as the user sees it.
    pub payee_hint: &'a str,
}

/// The digest the user's authenticator signs: a change to any figure,
/// leg, the payee or the quote gives another digest.
pub fn confirmation_digest(c: &Confirmation<'_>) -> Vec<u8> {
    let mut text = format!("sweep-withdrawal-v2\nquote:{}\ncurrency:{}\n", c.quote_id, c.currency);
    for (source_id, gross) in c.legs {
        text.push_str(&format!("leg:{source_id} {gross}\n"));
    }
    text.push_str(&format!("gross:{}\nfee:{}\nnet:{}\npayee:{} {}\n", c.gross, c.fee, c.net, c.payee_id, c.payee_hint));
    digest::digest(&digest::SHA256, text.as_bytes()).as_ref().to_vec()
}

/// The digest the old key signs to let `new_key` replace it.
pub fn rotation_digest(old_key: &[u8], new_key: &[u8]) -> Vec<u8> {
    let mut text = b"sweep-authenticator-rotation-v1\nold:".to_vec();
    text.extend_from_slice(old_key);
    text.extend_from_slice(b"\nnew:");
    text.extend_from_slice(new_key);
    ring::digest::digest(&ring::digest::SHA256, &text).as_ref().to_vec()
}

/// Checks that `key` is an uncompressed P-256 point.
pub fn check_public_key(key: &[u8]) -> Result<(), SweepError> {
    if key.len() == 65 && key[0] == 4 {
        Ok(())
    } else {
        Err(SweepError::invalid("public_key", "an uncompressed P-256 point (65 bytes starting with 4)"))
    }
}

/// Verifies a confirmation's signature against the registered key.
pub fn verify(public_key: &[u8], digest: &[u8], signature: &[u8]) -> Result<(), SweepError> {
    UnparsedPublicKey::new(&ECDSA_P256_SHA256_ASN1, public_key)
        .verify(digest, signature)
        .map_err(|_| SweepError::AuthenticationFailed { reason: "the confirmation's signature does not match".into() })
}

#[derive(Deserialize)]
struct Swapped {
    swapped: bool,
}

/// CAMARA SIM Swap `POST /check`: true when the SIM of `phone_number` was
/// swapped within `max_age_hours`.
pub async fn sim_swapped(base: &str, token: &str, phone_number: &str, max_age_hours: u32) -> Result<bool, SweepError> {
    crate::identity::camara::check_e164(phone_number)?;
    if !(1..=2_400).contains(&max_age_hours) {
        return Err(SweepError::invalid("max_age_hours", "1 to 2,400 hours"));
    }
    let url = http::api_base(base)?.join("check").map_err(|e| SweepError::invalid("base_url", e.to_string()))?;
    let body = serde_json::json!({ "phoneNumber": phone_number, "maxAge": max_age_hours });
    let mut correlator = [0u8; 16];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut correlator)
        .map_err(|_| SweepError::Internal { reason: "the system random source failed".into() })?;
    let correlator: String = correlator.iter().map(|b| format!("{b:02x}")).collect();
    let answer: Swapped = http::send_json(url, Some(token), Some(&body), &[("x-correlator", correlator)]).await?;
    Ok(answer.swapped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::rand::SystemRandom;
    use ring::signature::{EcdsaKeyPair, KeyPair, ECDSA_P256_SHA256_ASN1_SIGNING};

    #[test]
    fn only_the_registered_key_confirms_only_the_exact_withdrawal() {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).unwrap();
        let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref(), &rng).unwrap();
        let public = key.public_key().as_ref().to_vec();
        check_public_key(&public).unwrap();
        let legs = [(1, 12_340), (2, 4_870)];
        let confirmed = Confirmation {
            quote_id: "qt-1",
            currency: "KRW",
            legs: &legs,
            gross: 17_210,
            fee: 716,
            net: 16_494,
            payee_id: 1,
            payee_hint: "Shinhan •••• 6789",
        };
        let digest = confirmation_digest(&confirmed);
        let signature = key.sign(&rng, &digest).unwrap();
        assert!(verify(&public, &digest, signature.as_ref()).is_ok());
        // Any other leg, figure, payee or quote is another digest.
        let other_legs = [(1, 12_340), (3, 4_870)];
        let edits = [
            Confirmation { net: 16_495, ..confirmed },
            Confirmation { fee: 715, ..confirmed },
            Confirmation { gross: 17_211, ..confirmed },
            Confirmation { legs: &other_legs, ..confirmed },
            Confirmation { payee_id: 2, ..confirmed },
            Confirmation { quote_id: "qt-2", ..confirmed },
        ];
        for edited in edits {
            let other = confirmation_digest(&edited);
            assert!(matches!(
                verify(&public, &other, signature.as_ref()),
                Err(SweepError::AuthenticationFailed { .. })
            ));
        }
        assert!(check_public_key(&[4; 33]).is_err());
    }
}
