//! `sweep`: the terminal wallet.
//!
//! `sweep demo` runs everything on a throw-away encrypted wallet; the other
//! commands work on a wallet in `--data-dir`, made by `sweep init`, whose
//! key is protected by a passphrase (`key.rs`).

#[macro_use]
mod text;
mod amount;
mod commands;
mod demo;
mod desktop_keyring;
mod help;
mod history;
mod key;
mod key_commands;
mod render;
mod render_fees;
mod shield;
mod verify_id;
mod withdraw;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

/// Sweep: find leftover balances, pool them, and cash out safely.
#[derive(Debug, Parser)]
#[command(name = "sweep", version, about, long_about = None)]
struct Cli {
    /// The wallet's directory (not used by `demo`).
    #[arg(long, global = true, env = "SWEEP_DATA_DIR")]
    data_dir: Option<PathBuf>,

    /// The wallet's locale: its language (Korean for ko-*, English
    /// otherwise), how amounts are written and whose clock times are on,
    /// for example ko-KR or en-US.
    #[arg(long, global = true, default_value = "ko-KR", env = "SWEEP_LOCALE")]
    locale: String,

    #[command(subcommand)]
    command: Command,
}

/// A balance as the user types it in (`add-source`, `edit-source`).
#[derive(Debug, clap::Args)]
struct TypedIn {
    /// What you call it.
    name: String,
    /// What kind of place holds it.
    kind: KindArg,
    /// The balance as you write it: 12,340 or ₩12,340 (won), 1.50 USD.
    amount: String,
    /// The ISO 4217 currency code, when the amount does not name one (default KRW).
    currency: Option<String>,
    /// An account number, phone number or handle (stored sealed).
    #[arg(long)]
    account_ref: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open a throw-away encrypted wallet in a temp dir, add sample KRW and
    /// USD balances, print the dashboard and verify the ledger.
    Demo,
    /// Create an encrypted wallet in --data-dir. Its key is kept in the
    /// desktop keyring where one runs (unless SWEEP_PASSPHRASE is set), and
    /// otherwise protected by a passphrase you choose (asked twice).
    Init {
        /// Where the key is kept: `keyring` (the desktop Secret Service) or
        /// `passphrase`.
        #[arg(long, value_enum)]
        key: Option<KeyArg>,
    },
    /// Forget the key cached for this session: the next command asks for
    /// the passphrase again.
    Lock,
    /// Back up, restore or re-key the wallet's key.
    Key {
        #[command(subcommand)]
        action: KeyAction,
    },
    /// Add a balance you type in, for example: sweep add-source "Toss" wallet "₩12,340"
    AddSource {
        #[command(flatten)]
        source: TypedIn,
    },
    /// Change a balance you typed in: its name, kind and amount (same currency).
    EditSource {
        /// The source's id (see `sweep sources`).
        source_id: u64,
        #[command(flatten)]
        source: TypedIn,
    },
    /// Remove a source: a linked one's tokens are revoked at its issuer
    /// first. Its history stays, marked removed.
    RemoveSource {
        /// The source's id (see `sweep sources`).
        source_id: u64,
    },
    /// Write everything the wallet holds about you into a new folder:
    /// sweep-export.json and a CSV file per table (masked unless --in-full).
    Export {
        /// A new or empty folder.
        path: PathBuf,
        /// Account numbers, payees and your verified name in full.
        #[arg(long)]
        in_full: bool,
    },
    /// Delete your account: the provider deletes what it holds, every
    /// token is revoked, the wallet's key and files are destroyed.
    DeleteAccount {
        /// Do not ask; for scripts.
        #[arg(long)]
        yes: bool,
    },
    /// Show every source, what it may become, and the cashable total.
    Dashboard,
    /// Check the ledger's hash chain, head and summaries.
    Verify,
    /// What needs you now: money expiring soon, refunds that became
    /// possible, sources to link again, a cash-out worth doing.
    Reminders,
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
        /// Ask only to read balances: Sweep then tracks the source but cannot
        /// cash it out (link again without it to allow transfers).
        #[arg(long)]
        read_only: bool,
        /// The id of a balance you typed in for this platform: the link takes
        /// it over with its history. Without it, one of the same kind and
        /// name is taken over.
        #[arg(long)]
        replaces: Option<u64>,
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
    /// Fetch the cash-out provider's fee schedule and keep it (sealed) for
    /// offline plans and estimates.
    Fees {
        /// The provider API base URL, for example http://127.0.0.1:8787/sweep-provider/v1.
        #[arg(long)]
        provider: String,
    },
    /// Plan the cash-out with the largest payout, with every fee and why.
    Plan {
        /// The currency to cash out.
        #[arg(long, default_value = "KRW")]
        currency: String,
        /// Pay out within minutes, for a premium.
        #[arg(long)]
        instant: bool,
        /// What is left of today's limit, for example 150,000.
        #[arg(long)]
        daily_remaining: Option<String>,
        /// What is left of this month's limit.
        #[arg(long)]
        monthly_remaining: Option<String>,
    },
    /// Lock a quote with the provider: everything (default), --receive N,
    /// --send N, or explicit --leg SOURCE=AMOUNT legs (amounts as you write them).
    Quote {
        /// The currency.
        #[arg(long, default_value = "KRW")]
        currency: String,
        /// Pay out within minutes, for a premium.
        #[arg(long)]
        instant: bool,
        /// Pay out to a wallet instead of a bank account.
        #[arg(long)]
        to_wallet: bool,
        /// Receive exactly this much after fees.
        #[arg(long, conflicts_with_all = ["send", "leg"])]
        receive: Option<String>,
        /// Take exactly this much from the sources.
        #[arg(long, conflicts_with = "leg")]
        send: Option<String>,
        /// A source and the amount to take from it, for example 4=12340.
        #[arg(long)]
        leg: Vec<String>,
        /// Only work out the figures offline; lock nothing.
        #[arg(long)]
        estimate: bool,
    },
    /// Check a photo of an ID document and say what to fix; with --upload,
    /// remove its metadata and upload it (resumable, with a progress bar).
    VerifyId {
        /// The photo (JPEG or PNG; the format is read from the file, not its name).
        image: String,
        /// Which document it shows.
        #[arg(long, value_enum, default_value = "national-id")]
        document: DocumentArg,
        /// Which side.
        #[arg(long, value_enum, default_value = "front")]
        side: SideArg,
        /// Upload to this tus endpoint, for example http://127.0.0.1:8787/tus/files/.
        #[arg(long, conflicts_with = "session")]
        upload: Option<String>,
        /// Open a verification session at the provider (see `sweep fees`),
        /// upload to it, and show the outcome.
        #[arg(long)]
        session: bool,
    },
    /// Show the verification tier and its limits.
    Identity,
    /// Add a payee: --bank CODE --account NUMBER, --iban IBAN, or --phone +E164.
    #[command(group(clap::ArgGroup::new("destination").required(true).args(["account", "iban", "phone"])))]
    AddPayee {
        /// The account holder's name.
        holder: String,
        /// A Korean bank code, for example 088 (Shinhan); with --account.
        #[arg(long, requires = "account")]
        bank: Option<String>,
        /// A Korean account number; with --bank.
        #[arg(long, requires = "bank")]
        account: Option<String>,
        /// An IBAN.
        #[arg(long)]
        iban: Option<String>,
        /// A wallet reached by phone number, E.164.
        #[arg(long)]
        phone: Option<String>,
        /// The account is held by someone other than you (after ID
        /// verification Sweep pays out to your own name only): you have
        /// read the warning and know the holder.
        #[arg(long)]
        someone_else: bool,
    },
    /// List payees, masked.
    Payees,
    /// Quote, confirm and submit a withdrawal of everything cashable (or
    /// --receive N) to a payee.
    Withdraw {
        /// The payee's number, as `sweep payees` shows it.
        #[arg(long)]
        payee: u64,
        /// Receive exactly this much after fees, for example 10,000.
        #[arg(long)]
        receive: Option<String>,
        /// Pay out within minutes, for a premium shown before you confirm.
        #[arg(long)]
        instant: bool,
        /// Go ahead even when the scam shield asks you to stop and check
        /// (it says why first); without it you are asked to type "I understand".
        #[arg(long)]
        accept_risk: bool,
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Follow a withdrawal until it is final, with its ETA.
    Track {
        /// The withdrawal's number.
        withdrawal_id: u64,
    },
    /// List every withdrawal, newest first, with when it was asked for.
    Withdrawals,
    /// Cancel a withdrawal that has not gone out yet.
    Cancel {
        /// The withdrawal's number, as `sweep withdrawals` shows it.
        withdrawal_id: u64,
    },
    /// Show a completed withdrawal's receipt and where every won went.
    Receipt {
        /// The withdrawal's number.
        withdrawal_id: u64,
    },
    /// Carry on unfinished withdrawals now (every command also does this first).
    Resume,
    /// Sign in to a linked source again, keeping the source and its history.
    Relink {
        /// The source's number, as `sweep sources` shows it.
        source_id: u64,
    },
    /// Show your verification tier and what is left of its limits.
    Limits {
        /// The currency.
        #[arg(long, default_value = "KRW")]
        currency: String,
    },
    /// Ask your mobile operator (CAMARA Number Verification) whether this
    /// device's number is PHONE, with a linked operator source's sign-in.
    VerifyPhone {
        /// The number, E.164, for example +821012345678.
        phone: String,
        /// The linked carrier-billing source of the operator.
        #[arg(long)]
        operator: u64,
        /// The operator's Number Verification URL.
        #[arg(long)]
        url: String,
    },
    /// Refund a linked carrier-billing source's money back to the phone
    /// bill it came from (the only place it can legally go).
    Refund {
        /// The source's number, as `sweep sources` shows it.
        source_id: u64,
    },
}

/// What `sweep key` does.
#[derive(Debug, Subcommand)]
enum KeyAction {
    /// Write the wallet's wrapped key to FILE (it opens only with the passphrase).
    Backup {
        /// A new file; an existing one is never overwritten.
        file: PathBuf,
    },
    /// Put a backed-up key back when the wallet's own copy is lost or damaged.
    Restore {
        /// The file `sweep key backup` wrote.
        file: PathBuf,
    },
    /// Protect the key with a new passphrase (asked twice, or
    /// SWEEP_NEW_PASSPHRASE); moves an older wallet off the kernel key store.
    Passphrase,
    /// Keep the key in the desktop keyring (Secret Service) instead.
    Keyring,
}

/// Where `sweep init` keeps the wallet's key.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum KeyArg {
    // The desktop keyring (GNOME Keyring, KWallet, KeePassXC). Plain
    // comments: the `--key` help names both, in the wallet's language.
    Keyring,
    // A key derived from a passphrase (Argon2id).
    Passphrase,
}

fn protection(key: KeyArg) -> key::Protection {
    match key {
        KeyArg::Keyring => key::Protection::DesktopKeyring,
        KeyArg::Passphrase => key::Protection::Passphrase,
    }
}

/// Documents as typed on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum DocumentArg {
    NationalId,
    DriversLicence,
    Passport,
}

impl From<DocumentArg> for sweep_core::identity::DocumentType {
    fn from(arg: DocumentArg) -> Self {
        use sweep_core::identity::DocumentType;
        match arg {
            DocumentArg::NationalId => DocumentType::NationalId,
            DocumentArg::DriversLicence => DocumentType::DriversLicence,
            DocumentArg::Passport => DocumentType::Passport,
        }
    }
}

/// Document sides as typed on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum SideArg {
    Front,
    Back,
}

impl From<SideArg> for sweep_core::identity::DocumentSide {
    fn from(arg: SideArg) -> Self {
        match arg {
            SideArg::Front => sweep_core::identity::DocumentSide::Front,
            SideArg::Back => sweep_core::identity::DocumentSide::Back,
        }
    }
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
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let matches = match Cli::command().try_get_matches_from(&args) {
        Ok(matches) => matches,
        // Help, the version or a mistake: clap prints it and exits, in the wallet's language.
        Err(_) => {
            let asked = help::requested_locale(&args, &Cli::command());
            help::localized(Cli::command(), &asked).get_matches_from(args)
        }
    };
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    text::set_locale(&cli.locale);
    // The demo talks to a sandbox on this machine over plain http; other
    // commands allow that only when asked (release builds refuse it).
    if matches!(cli.command, Command::Demo) || std::env::var_os("SWEEP_ALLOW_LOOPBACK_HTTP").is_some_and(|v| v == "1") {
        sweep_core::allow_loopback_http(true);
    }
    let result = match cli.command {
        Command::Demo => demo::run(&cli.locale).await,
        Command::Init { key } => key_commands::init(cli.data_dir, key.map(protection), &cli.locale).await,
        Command::Lock => key_commands::lock(cli.data_dir),
        Command::Key { action } => key_commands::key(action, cli.data_dir, &cli.locale).await,
        command => commands::run(command, cli.data_dir, &cli.locale).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {}", explained(&err));
            ExitCode::FAILURE
        }
    }
}

/// The core's sentence, with what to do next where the terminal wallet knows.
fn explained(err: &sweep_core::SweepError) -> String {
    use sweep_core::SweepError;
    let sentence = err.sentence();
    match err {
        SweepError::WrongKey => tr!("error-wrong-passphrase"),
        SweepError::Tampered { row, .. } if row == "wrapped_data_key" => {
            format!("{sentence} {}", tr!("error-key-missing"))
        }
        SweepError::NoFeeSchedule => format!("{sentence} {}", tr!("error-run-fees")),
        SweepError::PayeeNotOwnName { .. } => format!("{sentence} {}", tr!("error-someone-else")),
        _ => sentence,
    }
}
