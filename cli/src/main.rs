//! `sweep`: the terminal wallet.
//!
//! `sweep demo` runs everything on a throw-away encrypted wallet; the other
//! commands work on a wallet in `--data-dir`, whose key sits in the
//! platform key store.

mod commands;
mod demo;
mod render;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Sweep: find leftover balances, pool them, and cash out safely.
#[derive(Debug, Parser)]
#[command(name = "sweep", version, about, long_about = None)]
struct Cli {
    /// The wallet's directory (not used by `demo`).
    #[arg(long, global = true, env = "SWEEP_DATA_DIR")]
    data_dir: Option<PathBuf>,

    /// Locale for amounts, for example ko-KR or en-US.
    #[arg(long, global = true, default_value = "ko-KR")]
    locale: String,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open a throw-away encrypted wallet in a temp dir, add sample KRW and
    /// USD balances, print the dashboard and verify the ledger.
    Demo,
    /// Add a balance you type in, for example: sweep add-source "Toss" wallet 12340 KRW
    AddSource {
        /// What you call it.
        name: String,
        /// What kind of place holds it.
        kind: KindArg,
        /// The balance in minor units (won, cents): 150 USD is $1.50.
        minor_units: i64,
        /// The ISO 4217 currency code.
        currency: String,
        /// An account number, phone number or handle (stored sealed).
        #[arg(long)]
        account_ref: Option<String>,
    },
    /// Show every source, what it may become, and the cashable total.
    Dashboard,
    /// Check the ledger's hash chain, head and summaries.
    Verify,
    /// Link a source, signing in with OAuth (PKCE, no client secret): open
    /// the printed URL in a browser, then paste the URL it redirects to.
    /// Give exactly one of --api, --open-banking or --carrier-billing.
    #[command(group(clap::ArgGroup::new("endpoint").required(true).args(["api", "open_banking", "carrier_billing"])))]
    Link {
        /// What you call it.
        name: String,
        /// What kind of place holds it.
        kind: KindArg,
        /// A Sweep Source API base URL, for example https://wallet.example/sweep/v1.
        #[arg(long)]
        api: Option<String>,
        /// A UK Open Banking v4.0 AISP base URL; every account the consent covers is read.
        #[arg(long)]
        open_banking: Option<String>,
        /// With --open-banking: read only this account.
        #[arg(long, requires = "open_banking")]
        account: Option<String>,
        /// A CAMARA Carrier Billing v0.5 base URL (the kind must be carrier-billing).
        #[arg(long, requires = "carrier_refund")]
        carrier_billing: Option<String>,
        /// With --carrier-billing: the CAMARA Carrier Billing Refund v0.3 base URL.
        #[arg(long, requires = "carrier_billing")]
        carrier_refund: Option<String>,
        /// The OAuth issuer; its /auth and /token endpoints are used.
        #[arg(long)]
        issuer: String,
        /// This app's public OAuth client id.
        #[arg(long, default_value = "sweep-app")]
        client_id: String,
        /// The redirect URI registered for the client.
        #[arg(long, default_value = "com.sweepwallet.app:/oauth/callback")]
        redirect_uri: String,
    },
    /// List every source with its kind, how it is read and how fresh it is.
    Sources,
    /// Sync every linked source now, with a progress bar.
    Sync,
    /// Show a source's latest transactions, newest first.
    Transactions {
        /// The source's number, as `sweep sources` shows it.
        source_id: u64,
        /// How many to show.
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Refund a linked carrier-billing source's money back to the phone
    /// bill it came from (the only place it can legally go).
    Refund {
        /// The source's number, as `sweep sources` shows it.
        source_id: u64,
    },
}

/// Source kinds as typed on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum KindArg {
    Wallet,
    GameCredits,
    Points,
    CarrierBilling,
    Bank,
}

impl From<KindArg> for sweep_core::sources::SourceKind {
    fn from(kind: KindArg) -> Self {
        use sweep_core::sources::SourceKind;
        match kind {
            KindArg::Wallet => SourceKind::Wallet,
            KindArg::GameCredits => SourceKind::GameCredits,
            KindArg::Points => SourceKind::Points,
            KindArg::CarrierBilling => SourceKind::CarrierBilling,
            KindArg::Bank => SourceKind::Bank,
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo => demo::run(&cli.locale).await,
        command => commands::run(command, cli.data_dir, &cli.locale).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
