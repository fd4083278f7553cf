//! `sweep demo`: the wallet end to end on a throw-away wallet, with the
//! sandbox provider standing in for real platforms.

use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use sweep_core::sources::{
    BalanceListener, LinkRequest, ManualSource, OAuthConfig, SourceEndpoint, SourceKind, SyncResult, TRANSFER_SCOPE,
};
use sweep_core::{EphemeralKeyProvider, MinorAmount, SweepError, Wallet, WalletConfig};
use sweep_sandbox::Sandbox;

use crate::{render, render_fees, verify_id, withdraw};
use sweep_core::fees::{PlanRequest, QuoteRequest, Speed};

/// Balances typed in by hand: KRW and USD, including a phone-bill refund.
fn manual_samples() -> Vec<ManualSource> {
    let source = |name: &str, kind, minor_units, code: &str, account_ref: Option<&str>| ManualSource {
        name: name.to_owned(),
        kind,
        balance: MinorAmount { minor_units, currency_code: code.to_owned() },
        account_ref: account_ref.map(str::to_owned),
    };
    vec![
        source("KakaoPay", SourceKind::Wallet, 4_870, "KRW", None),
        source("SKT phone-bill refund", SourceKind::CarrierBilling, 5_500, "KRW", Some("010-1234-5678")),
        source("PayPal", SourceKind::Wallet, 150, "USD", Some("kim@example.com")),
    ]
}

/// What the sandbox serves, each behind its own OAuth issuer: four Source
/// API platforms, an Open Banking bank (every account of the consent) and a
/// mobile operator's carrier billing.
fn connected(sandbox: &Sandbox) -> Vec<(&'static str, SourceKind, &'static str, SourceEndpoint)> {
    let api = || SourceEndpoint::SourceApi { base_url: sandbox.source_api_url() };
    let (billing_base_url, refund_base_url) = sandbox.camara_urls();
    vec![
        ("Toss wallet", SourceKind::Wallet, "sandbox-toss", api()),
        ("KakaoPay Money", SourceKind::Wallet, "sandbox-kakaopay", api()),
        ("Nexon Cash", SourceKind::GameCredits, "sandbox-nexon", api()),
        ("OK Cashbag", SourceKind::Points, "sandbox-cashbag", api()),
        (
            "High-street bank",
            SourceKind::Bank,
            "sandbox-bank",
            SourceEndpoint::OpenBanking { aisp_base_url: sandbox.open_banking_url(), account_id: None },
        ),
        (
            "Phone bill",
            SourceKind::CarrierBilling,
            "sandbox-operator",
            SourceEndpoint::CarrierBilling { billing_base_url, refund_base_url },
        ),
    ]
}

/// Moves the progress bar as each source finishes syncing.
struct Progress(ProgressBar);

impl BalanceListener for Progress {
    fn on_sync_result(&self, _: SyncResult) {
        self.0.inc(1);
    }
}

fn bar(len: usize, message: String) -> ProgressBar {
    let style = ProgressStyle::with_template("{spinner} {msg} {pos}/{len}").expect("static template");
    let bar = ProgressBar::new(len as u64).with_style(style).with_message(message);
    if len == 0 {
        bar.set_style(ProgressStyle::with_template("{spinner} {msg} {pos}").expect("static template"));
    }
    bar.enable_steady_tick(Duration::from_millis(80));
    bar
}

/// Syncs every linked source, moving a progress bar as each finishes.
pub async fn sync_with_progress(wallet: &Wallet) -> Result<Vec<SyncResult>, SweepError> {
    let syncing = bar(wallet.connected_source_count() as usize, tr!("progress-syncing"));
    let subscription = wallet.subscribe_sync_results(Arc::new(Progress(syncing.clone())));
    let results = wallet.sync().await;
    drop(subscription);
    syncing.finish_and_clear();
    results
}

/// Links one sandbox platform the way an app does: the core builds the
/// sign-in URL, the "browser" (here one HTTP request, since the sandbox
/// approves at once) comes back with the callback, and the core checks it
/// and exchanges the code.
async fn link_through_oauth(
    wallet: &Wallet,
    sandbox: &Sandbox,
    name: &str,
    kind: SourceKind,
    platform: &str,
    endpoint: SourceEndpoint,
) -> Result<u64, SweepError> {
    let issuer = sandbox.oauth_issuer(platform);
    let oauth = OAuthConfig {
        authorize_endpoint: format!("{issuer}/authorize"),
        token_endpoint: format!("{issuer}/token"),
        issuer,
        client_id: "sweep-demo".to_owned(),
        redirect_uri: "com.sweepwallet.demo:/oauth/callback".to_owned(),
        // Reading and moving: a transfer-scoped link is what lets Sweep
        // collect a platform's balance (a bank or operator ignores it).
        scopes: vec!["balances:read".to_owned(), TRANSFER_SCOPE.to_owned()],
    };
    let request = LinkRequest { name: name.to_owned(), kind, endpoint, oauth, replaces_source_id: None };
    let url = wallet.begin_link(request)?;
    Ok(wallet.complete_link(withdraw::follow_redirect(&url).await?).await?.source_id)
}

/// Fetches the sandbox provider's fee schedule, plans the KRW cash-out with
/// the largest payout, and locks its quote: the fee shown is the fee charged.
async fn plan_and_quote(
    wallet: &Wallet,
    sandbox: &Sandbox,
    locale: &str,
) -> Result<sweep_core::fees::Quote, SweepError> {
    let schedule = wallet.refresh_fee_schedule(sandbox.provider_url()).await?;
    println!("{}\n", render_fees::schedule(&schedule, locale));
    let request =
        PlanRequest { currency_code: "KRW".into(), speed: Speed::Standard, limits: None, target_fee_bps: None };
    println!("{}\n", render_fees::plan(&wallet.plan(request).await?));
    let quote = wallet.quote(everything_krw()).await?;
    println!("{}\n", render_fees::quote(&quote));
    Ok(quote)
}

/// A quote of everything cashable in KRW, paid to a bank account.
fn everything_krw() -> QuoteRequest {
    QuoteRequest::everything_to_bank("KRW")
}

/// Carries out the locked quote to a payee: each platform's leg is
/// collected by a transfer and the bank's by an Open Banking payment the
/// user approves at the bank, then the payout follows to `completed`. Then a second
/// withdrawal whose KakaoPay leg its platform refuses: the partial
/// collection rule decides what is paid and charged.
async fn withdraw_and_track(
    wallet: &Wallet,
    sandbox: &Sandbox,
    quote: sweep_core::fees::Quote,
    locale: &str,
) -> Result<(), SweepError> {
    use std::time::Duration;
    use sweep_core::withdrawals::{PayeeDestination, PayeeRequest};
    let shinhan = PayeeDestination::KrBankAccount { bank_code: "088".into(), account_number: "110-123-456789".into() };
    let payee = wallet.add_payee(PayeeRequest { destination: shinhan, holder_name: "Kim Minji".into() }).await?;
    let small = sweep_core::money::format_money(
        MinorAmount { minor_units: 100_000, currency_code: "KRW".into() },
        locale.into(),
    )?;
    println!("{}", tr!("demo-payee-added", id = payee.payee_id, hint = payee.hint.clone(), small = small));
    let auth = withdraw::KeyAuthenticator::ephemeral()?;
    let browser = withdraw::Browser::Sandbox;
    let first = withdraw::submit(wallet, quote, payee.payee_id, auth.clone(), &browser).await?;
    withdraw::track(wallet, first.withdrawal_id, Duration::from_millis(20), 10).await?;
    sync_with_progress(wallet).await?;
    let home = wallet.dashboard().await?;
    let left: Vec<String> = home
        .sources
        .iter()
        .filter(|s| {
            s.provider == "source-api" || s.balance.amount.currency_code == "KRW" && s.provider == "open-banking"
        })
        .map(|s| format!("{} {}", s.name, s.balance.formatted))
        .collect();
    println!("{}\n", tr!("demo-after-sync", balances = left.join(", ")));

    // The user tops both wallets up; KakaoPay then refuses to let its part go.
    sandbox.set_platform_balance("sandbox-toss", 9_000);
    sandbox.set_platform_balance("sandbox-kakaopay", 3_000);
    sync_with_progress(wallet).await?;
    let quote = wallet.quote(everything_krw()).await?;
    println!("{}\n", render_fees::quote(&quote));
    sandbox.set_knobs(sweep_sandbox::Knobs {
        refuse_transfers_from: Some("sandbox-kakaopay".into()),
        ..Default::default()
    });
    let second = withdraw::submit(wallet, quote.clone(), payee.payee_id, auth, &browser).await?;
    let done = withdraw::track(wallet, second.withdrawal_id, Duration::from_millis(20), 10).await?;
    sandbox.set_knobs(sweep_sandbox::Knobs::default());
    if done.state == sweep_core::withdrawals::WithdrawalState::Completed {
        let receipt = wallet.withdrawal_receipt(second.withdrawal_id).await?;
        let (quoted, quoted_fee) =
            (quote.breakdown.total_net.formatted.clone(), quote.breakdown.total_fee.formatted.clone());
        let (paid, paid_fee) = (receipt.net.formatted.clone(), receipt.fee.formatted.clone());
        println!(
            "{}\n",
            tr!("demo-lost-leg", quoted = quoted, quoted_fee = quoted_fee, paid = paid, paid_fee = paid_fee)
        );
    }
    Ok(())
}

/// Verifies a sample ID the demo generates: a photo carrying a GPS position
/// in its EXIF, checked, uploaded with tus to a verification session at the
/// sandbox provider (which verifies it, raising the tier), and then shown
/// to have arrived without its GPS position.
async fn verify_sample_id(wallet: &Wallet, sandbox: &Sandbox, dir: &std::path::Path) -> Result<(), SweepError> {
    use sweep_core::identity::sample::{sample_card, with_gps_exif};
    use sweep_core::identity::{DocumentSide, DocumentType};
    let photo = with_gps_exif(&sample_card(1_600, 1_000, false, false));
    let path = dir.join("sample-id-front.jpg");
    std::fs::write(&path, &photo).map_err(|e| SweepError::Storage { reason: e.to_string() })?;
    let latitude = verify_id::gps_latitude(&photo).unwrap_or_else(|| "-".into());
    println!("{}", tr!("demo-sample-photo", latitude = latitude));
    let path = path.display().to_string();
    let receipt = verify_id::run_session(wallet, path, DocumentType::NationalId, DocumentSide::Front).await?;
    let received = receipt.and_then(|r| sandbox.received_upload(&r.upload.upload_url)).unwrap_or_default();
    if received.is_empty() || verify_id::gps_latitude(&received).is_some() {
        return Err(SweepError::Internal { reason: "the uploaded photo still carries GPS".into() });
    }
    if verify_id::has_exif(&received) {
        println!("{}\n", tr!("demo-proof-no-gps", bytes = received.len()));
    } else {
        println!("{}\n", tr!("demo-proof-no-exif", bytes = received.len()));
    }
    Ok(())
}

/// Runs the demo; the wallet, its key and the sandbox vanish when it returns.
pub async fn run(locale: &str) -> Result<(), SweepError> {
    let storage = |e: std::io::Error| SweepError::Storage { reason: e.to_string() };
    let dir = tempfile::Builder::new().prefix("sweep-demo-").tempdir().map_err(storage)?;
    let sandbox = Sandbox::start().await.map_err(|e| SweepError::Network { reason: e.to_string() })?;
    crate::text::set_locale(locale);
    println!("{}", tr!("demo-wallet", dir = dir.path().display().to_string()));
    println!("{}\n", tr!("demo-sandbox", url = sandbox.source_api_url()));
    let config = WalletConfig { data_dir: dir.path().display().to_string(), locale: locale.to_owned() };
    // In-memory key: the demo leaves nothing in your key store.
    let wallet = Wallet::open(config, EphemeralKeyProvider::new()?).await?;

    let manual = manual_samples();
    let adding = bar(manual.len(), tr!("progress-sealing"));
    for source in manual {
        wallet.add_manual_source(source).await?;
        adding.inc(1);
    }
    adding.finish_and_clear();

    let sources = connected(&sandbox);
    let count = sources.len();
    let mut phone_bill = None;
    for (name, kind, platform, endpoint) in sources {
        let id = link_through_oauth(&wallet, &sandbox, name, kind, platform, endpoint).await?;
        if kind == SourceKind::CarrierBilling {
            phone_bill = Some(id);
        }
    }
    println!("{}", tr!("demo-linked", count = count));
    println!("{}", tr!("demo-typed-in-tracked"));
    let results = sync_with_progress(&wallet).await?;
    println!("{}\n", render::sync_results(&results));

    println!("{}\n", render::dashboard(&wallet.dashboard().await?));
    let quote = plan_and_quote(&wallet, &sandbox, locale).await?;
    verify_sample_id(&wallet, &sandbox, dir.path()).await?;
    withdraw_and_track(&wallet, &sandbox, quote, locale).await?;
    if let Some(id) = phone_bill {
        // Phone-bill money never joins the cashable pool; it can only go back.
        println!("{}\n", render::refunds(&wallet.refund_carrier_billing(id).await?, locale));
    }
    println!("{}", render::ledger_report(&wallet.verify_ledger().await?));
    wallet.close();
    sandbox.stop().await;
    Ok(())
}
