//! Withdrawal history and control, and the account's standing:
//! `withdrawals`, `cancel`, `receipt`, `resume`, `relink`, `limits`,
//! `verify-phone`.

use sweep_core::fees::RemainingLimits;
use sweep_core::wallet::Withdrawal;
use sweep_core::{SweepError, Wallet};

use crate::withdraw::line;

fn when(at: std::time::SystemTime) -> String {
    humantime::format_rfc3339_seconds(at).to_string().replace('T', " ").replace('Z', " UTC")
}

/// Every withdrawal, newest first, with when it was asked for.
pub async fn withdrawals(wallet: &Wallet) -> Result<(), SweepError> {
    let mut all = wallet.withdrawals().await?;
    if all.is_empty() {
        println!("No withdrawals yet. `sweep withdraw --payee N` makes one.");
        return Ok(());
    }
    all.sort_by_key(|w| std::cmp::Reverse(w.withdrawal_id));
    for w in &all {
        println!("{}  {}", when(w.created_at), line(w));
    }
    println!("`sweep receipt N` shows a completed one's receipt; `sweep cancel N` stops one not yet sent.");
    Ok(())
}

/// Cancels a withdrawal that has not gone out yet.
pub async fn cancel(wallet: &Wallet, withdrawal_id: u64) -> Result<(), SweepError> {
    let w = wallet.cancel_withdrawal(withdrawal_id).await?;
    println!("{}", line(&w));
    Ok(())
}

/// A completed withdrawal's receipt, and where every won went.
pub async fn receipt(wallet: &Wallet, withdrawal_id: u64) -> Result<(), SweepError> {
    let w = wallet.refresh_withdrawal(withdrawal_id).await?;
    println!("{}", line(&w));
    crate::withdraw::print_receipt(wallet, &w).await?;
    crate::withdraw::print_statement(wallet, withdrawal_id).await
}

/// Carries on unfinished withdrawals now (every command does so first too).
pub async fn resume(wallet: &Wallet) -> Result<(), SweepError> {
    let open: Vec<Withdrawal> =
        wallet.resume_withdrawals().await?.into_iter().filter(|w| !w.state.is_terminal()).collect();
    if open.is_empty() {
        println!("Nothing is unfinished.");
    }
    for w in &open {
        println!("{}", line(w));
    }
    Ok(())
}

/// What is left of the user's limits, by their tier.
pub async fn limits(wallet: &Wallet, currency: String, locale: &str) -> Result<(), SweepError> {
    let status = wallet.identity().await?;
    println!("Verification: {}", crate::render::tier(status.tier));
    match wallet.remaining_limits(currency.clone()).await? {
        None => println!("No limits apply to {currency} at this tier."),
        Some(RemainingLimits { per_withdrawal, daily_remaining, monthly_remaining }) => {
            let show = |limit: Option<sweep_core::MinorAmount>| {
                limit.map_or_else(|| "no limit".to_owned(), |m| crate::render::amount(&m, locale))
            };
            println!("  One withdrawal: up to {}", show(per_withdrawal));
            println!("  Left today:     {}", show(daily_remaining));
            println!("  Left this month: {}", show(monthly_remaining));
        }
    }
    Ok(())
}

/// Asks the operator whether this device's number is `phone`.
pub async fn verify_phone(wallet: &Wallet, operator: u64, url: String, phone: String) -> Result<(), SweepError> {
    println!("Asking your mobile operator whether this device's number is the one you gave...");
    if wallet.verify_phone_number(operator, url, phone).await? {
        println!("Verified: the number is this device's. Your tier is now at least phone-verified.");
    } else {
        println!("The operator says the number is not this device's. Nothing changed.");
    }
    Ok(())
}
