//! `sweep payee`, `sweep withdraw` and `sweep track`: payees, a withdrawal
//! quoted, confirmed and submitted, and its live status with an ETA.
//!
//! The terminal wallet confirms with a P-256 key kept in the platform key
//! store (as a phone keeps it in the Keystore or the Secure Enclave); the
//! user confirms by typing `yes` (or `--yes`).

use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, KeyPair, ECDSA_P256_SHA256_ASN1_SIGNING};
use sweep_core::fees::Quote;
use sweep_core::store::keyring::PlatformKeyProvider;
use sweep_core::wallet::{Withdrawal, WithdrawalLeg};
use sweep_core::withdrawals::legs::LegState;
use sweep_core::withdrawals::{Authenticator, WithdrawalState};
use sweep_core::{SweepError, Wallet};
use zeroize::Zeroizing;

use crate::key::WalletKeyProvider;

/// Signs confirmations with a P-256 key, asking first unless told yes.
pub struct KeyAuthenticator {
    key: EcdsaKeyPair,
    assume_yes: bool,
}

fn internal(reason: &str) -> SweepError {
    SweepError::Internal { reason: reason.into() }
}

fn new_pkcs8() -> Result<Zeroizing<Vec<u8>>, SweepError> {
    EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &SystemRandom::new())
        .map(|d| Zeroizing::new(d.as_ref().to_vec()))
        .map_err(|_| internal("cannot make a key"))
}

impl KeyAuthenticator {
    /// A key made now, gone when the process ends (the demo's).
    pub fn ephemeral() -> Result<Arc<KeyAuthenticator>, SweepError> {
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &SystemRandom::new())
            .map_err(|_| internal("cannot make a key"))?;
        Self::from_pkcs8(pkcs8.as_ref(), true)
    }

    /// The wallet's confirmation key, made on first use and kept sealed
    /// under the passphrase next to the wallet (`key.rs`). A key an older
    /// build kept in the kernel key store moves there on first use.
    pub fn for_wallet(
        keys: &WalletKeyProvider,
        data_dir: &str,
        assume_yes: bool,
    ) -> Result<Arc<KeyAuthenticator>, SweepError> {
        let legacy = PlatformKeyProvider::new("com.sweepwallet.cli.confirm", data_dir)?;
        if keys.is_legacy() {
            // Until the wallet has a passphrase, its keys stay where they were.
            let pkcs8 = legacy.secret_or_create(new_pkcs8)?;
            return Self::from_pkcs8(&pkcs8, assume_yes);
        }
        if let Some(pkcs8) = keys.open_confirm_key()? {
            return Self::from_pkcs8(&pkcs8, assume_yes);
        }
        let pkcs8 = match legacy.secret_or_create(|| Err(internal("none"))) {
            Ok(kept) => kept,
            Err(_) => new_pkcs8()?,
        };
        keys.seal_confirm_key(&pkcs8)?;
        Self::from_pkcs8(&pkcs8, assume_yes)
    }

    fn from_pkcs8(pkcs8: &[u8], assume_yes: bool) -> Result<Arc<KeyAuthenticator>, SweepError> {
        let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8, &SystemRandom::new())
            .map_err(|_| internal("the confirmation key is damaged"))?;
        Ok(Arc::new(KeyAuthenticator { key, assume_yes }))
    }
}

impl Authenticator for KeyAuthenticator {
    fn public_key(&self) -> Result<Vec<u8>, SweepError> {
        Ok(self.key.public_key().as_ref().to_vec())
    }

    fn sign(&self, prompt: String, digest: Vec<u8>) -> Result<Vec<u8>, SweepError> {
        if self.assume_yes {
            println!("{prompt} yes");
        } else {
            print!("{prompt} {} ", tr!("confirm-type-yes"));
            let _ = std::io::stdout().flush();
            let mut answer = String::new();
            std::io::stdin().read_line(&mut answer).map_err(|e| internal(&e.to_string()))?;
            if !matches!(answer.trim(), "yes" | "네" | "예") {
                return Err(SweepError::AuthenticationFailed { reason: "the user did not confirm".into() });
            }
        }
        let signature = self.key.sign(&SystemRandom::new(), &digest).map_err(|_| internal("signing failed"))?;
        Ok(signature.as_ref().to_vec())
    }
}

/// A withdrawal's state in words.
fn state_text(state: WithdrawalState) -> String {
    tr!("withdrawal-state", state = state.code())
}

/// One line about a withdrawal.
pub fn line(w: &Withdrawal) -> String {
    let (net, state) = (w.net.formatted.clone(), state_text(w.state));
    let mut out = tr!("withdrawal-line", id = w.withdrawal_id, net = net, payee = w.payee_id, state = state);
    if let Some(eta) = w.eta {
        let left = eta.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO).as_secs();
        out.push_str(&format!(", {}", tr!("withdrawal-expected", eta = crate::render_fees::eta(left))));
    }
    if let Some(reason) = &w.reason {
        out.push_str(&format!(": {reason}"));
    }
    for leg in &w.legs {
        out.push_str(&format!("\n  {}", leg_line(leg)));
    }
    out
}

/// One leg: its source, amount, fee share, how far it got, and where it went.
fn leg_line(leg: &WithdrawalLeg) -> String {
    let state = match leg.state {
        LegState::Pending if leg.needs_authorisation => tr!("leg-awaiting-bank"),
        LegState::Pending => tr!("leg-pending"),
        LegState::Instructed => tr!("leg-instructed"),
        LegState::Collected => tr!("leg-collected"),
        LegState::Failed => tr!("leg-failed"),
        LegState::Returned => tr!("leg-returned"),
    };
    let (amount, fee) = (leg.amount.formatted.clone(), leg.fee.formatted.clone());
    let mut out = tr!("leg-line", source = leg.source_id, amount = amount, fee = fee, state = state);
    if let Some(reference) = &leg.collection_reference {
        out.push_str(&format!(" [{}]", tr!("leg-collection", reference = reference.clone())));
    }
    if let Some(reason) = leg.reason.as_ref().filter(|_| leg.state != LegState::Collected) {
        out.push_str(&format!(": {reason}"));
    }
    out
}

/// The partial collection rule (docs/money.md), said before the user confirms.
pub fn partial_rule(quote: &Quote) -> String {
    tr!("partial-rule", fee = quote.breakdown.total_fee.formatted.clone())
}

/// How the user gets through a bank's sign-in to authorise a bank leg.
pub enum Browser {
    /// The sandbox bank approves at once: one request, then its redirect.
    Sandbox,
    /// A person opens the URL and pastes the URL the bank sent them back to.
    Person,
}

impl Browser {
    async fn callback(&self, url: &str) -> Result<String, SweepError> {
        match self {
            Browser::Sandbox => follow_redirect(url).await,
            Browser::Person => {
                println!("{}\n{url}\n", tr!("bank-open-url"));
                println!("{}", tr!("bank-paste-callback"));
                let mut callback = String::new();
                std::io::stdin().read_line(&mut callback).map_err(|e| internal(&e.to_string()))?;
                Ok(callback.trim().to_owned())
            }
        }
    }
}

/// Plays a browser at a sandbox sign-in, which approves at once: returns
/// the URL it redirects back to.
pub async fn follow_redirect(url: &str) -> Result<String, SweepError> {
    let network = |reason: String| SweepError::Network { reason };
    sweep_core::install_tls_provider();
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| network(e.to_string()))?;
    let answer = browser.get(url).send().await.map_err(|e| network(e.to_string()))?;
    answer
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| network("the sandbox did not redirect back".into()))
}

/// Has the user authorise each bank leg still waiting for it, at their
/// bank; each is paid as soon as it is authorised.
pub async fn authorise_bank_legs(
    wallet: &Wallet,
    mut w: Withdrawal,
    browser: &Browser,
) -> Result<Withdrawal, SweepError> {
    while let Some(index) = w.legs.iter().position(|l| l.needs_authorisation) {
        let leg = &w.legs[index];
        println!("{}", tr!("bank-leg", source = leg.source_id, amount = leg.amount.formatted.clone()));
        let url = wallet.begin_bank_leg(w.withdrawal_id, index as u32).await?;
        w = wallet.complete_bank_leg(browser.callback(&url).await?).await?;
        println!("{}", line(&w));
    }
    Ok(w)
}

/// Registers the key, confirms and submits, then has the user authorise
/// any bank leg.
pub async fn submit(
    wallet: &Wallet,
    quote: Quote,
    payee_id: u64,
    auth: Arc<KeyAuthenticator>,
    browser: &Browser,
) -> Result<Withdrawal, SweepError> {
    wallet.register_authenticator(auth.clone()).await?;
    println!("{}", partial_rule(&quote));
    let w = wallet.withdraw(quote, payee_id, auth, None).await?;
    println!("{}", line(&w));
    authorise_bank_legs(wallet, w, browser).await
}

/// Follows a withdrawal until it is final, printing each change.
pub async fn track(
    wallet: &Wallet,
    withdrawal_id: u64,
    poll: Duration,
    max_polls: u32,
) -> Result<Withdrawal, SweepError> {
    let mut last = None;
    let every = format!("{}", poll.as_secs_f32());
    let until = (poll * max_polls).as_secs();
    println!("{}", tr!("track-following", id = withdrawal_id, every = every, until = until));
    for _ in 0..max_polls {
        let w = wallet.refresh_withdrawal(withdrawal_id).await?;
        let now = (w.state, w.legs.iter().map(|l| l.state).collect::<Vec<_>>());
        if last.as_ref() != Some(&now) {
            println!("{}", line(&w));
            last = Some(now);
        }
        if w.state == WithdrawalState::Completed {
            print_receipt(wallet, &w).await?;
        }
        if w.state.is_terminal() {
            print_statement(wallet, w.withdrawal_id).await?;
            return Ok(w);
        }
        tokio::time::sleep(poll).await;
    }
    let w = wallet.refresh_withdrawal(withdrawal_id).await?;
    let (state, after) = (state_text(w.state), (poll * max_polls).as_secs());
    println!("{}", tr!("track-still", state = state, after = after, id = withdrawal_id));
    Ok(w)
}

/// Prints a completed withdrawal's receipt; the core has checked that its
/// figures are the quote's.
pub async fn print_receipt(wallet: &Wallet, w: &Withdrawal) -> Result<(), SweepError> {
    let r = wallet.withdrawal_receipt(w.withdrawal_id).await?;
    let at = crate::render::time(r.completed_at, &crate::text::locale());
    let how = if w.legs.iter().any(|l| l.state == LegState::Failed) { "partial" } else { "quoted" };
    let receipt = tr!(
        "receipt",
        reference = r.reference.clone(),
        net = r.net.formatted.clone(),
        payee = r.payee.clone(),
        fee = r.fee.formatted.clone(),
        how = how,
        gross = r.gross.formatted.clone(),
        at = at,
    );
    println!("  {receipt}");
    for leg in w.legs.iter().filter(|l| l.state == LegState::Collected) {
        let reference = leg.collection_reference.clone().unwrap_or_else(|| "-".into());
        let (amount, fee) = (leg.amount.formatted.clone(), leg.fee.formatted.clone());
        println!(
            "    {}",
            tr!("receipt-leg", source = leg.source_id, amount = amount, reference = reference, fee = fee)
        );
    }
    Ok(())
}

/// Where every won of a finished withdrawal went.
pub async fn print_statement(wallet: &Wallet, withdrawal_id: u64) -> Result<(), SweepError> {
    let s = wallet.statement(withdrawal_id).await?;
    let in_flight = if s.in_flight.amount.minor_units == 0 {
        String::new()
    } else {
        format!(" + {}", tr!("statement-in-flight", amount = s.in_flight.formatted.clone()))
    };
    let statement = tr!(
        "statement",
        collected = s.collected.formatted.clone(),
        paid_out = s.paid_out.formatted.clone(),
        fee = s.fee.formatted.clone(),
        sent_back = s.sent_back.formatted.clone(),
        in_flight = in_flight,
    );
    println!("  {statement}");
    for line in &s.lines {
        println!("    {}", line.text);
    }
    Ok(())
}
