//! Commands on a wallet kept in `--data-dir`.

use std::path::PathBuf;
use std::sync::Arc;

use sweep_core::sources::ManualSource;
use sweep_core::store::keyring::PlatformKeyProvider;
use sweep_core::{MinorAmount, SweepError, Wallet, WalletConfig};

use crate::{render, Command};

/// The key store entry for a data directory: one key per wallet.
const KEY_SERVICE: &str = "com.sweepwallet.cli";

async fn open(data_dir: Option<PathBuf>, locale: &str) -> Result<Arc<Wallet>, SweepError> {
    let dir = data_dir.ok_or_else(|| SweepError::InvalidInput {
        field: "--data-dir".into(),
        reason: "this command needs a wallet directory (or SWEEP_DATA_DIR)".into(),
    })?;
    std::fs::create_dir_all(&dir).map_err(|e| SweepError::Storage { reason: e.to_string() })?;
    let dir = dir.canonicalize().map_err(|e| SweepError::Storage { reason: e.to_string() })?;
    let provider = PlatformKeyProvider::new(KEY_SERVICE, &dir.display().to_string())?;
    Wallet::open(WalletConfig { data_dir: dir.display().to_string(), locale: locale.to_owned() }, provider).await
}

/// Runs one wallet command.
pub async fn run(command: Command, data_dir: Option<PathBuf>, locale: &str) -> Result<(), SweepError> {
    let wallet = open(data_dir, locale).await?;
    let outcome = match command {
        Command::AddSource { name, kind, minor_units, currency, account_ref } => {
            let source = ManualSource {
                name,
                kind: kind.into(),
                balance: MinorAmount { minor_units, currency_code: currency },
                account_ref,
            };
            let id = wallet.add_manual_source(source).await?;
            println!("Added source #{id}.");
            Ok(())
        }
        Command::Dashboard => {
            println!("{}", render::dashboard(&wallet.dashboard().await?));
            Ok(())
        }
        Command::Verify => {
            println!("{}", render::ledger_report(&wallet.verify_ledger().await?));
            Ok(())
        }
        Command::Demo => unreachable!("handled in main"),
    };
    wallet.close();
    outcome
}
