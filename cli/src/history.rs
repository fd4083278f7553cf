//! Withdrawal history and control, and the account's standing:
//! `withdrawals`, `cancel`, `receipt`, `resume`, `relink`, `limits`,
//! `verify-phone`.

use sweep_core::fees::RemainingLimits;
use sweep_core::wallet::Withdrawal;
use sweep_core::{SweepError, Wallet};

use crate::withdraw::line;

fn when(at: std::time::SystemTime) -> String {
    crate::render::time(at, &crate::text::locale())
}

/// Every withdrawal, newest first, with when it was asked for.
pub async fn withdrawals(wallet: &Wallet) -> Result<(), SweepError> {
    let mut all = wallet.withdrawals().await?;
    if all.is_empty() {
        println!("{}", tr!("withdrawals-none"));
        return Ok(());
    }
    all.sort_by_key(|w| std::cmp::Reverse(w.withdrawal_id));
    for w in &all {
        println!("{}  {}", when(w.created_at), line(w));
    }
    println!("{}", tr!("withdrawals-hint"));
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
        println!("{}", tr!("resume-nothing"));
    }
    for w in &open {
        println!("{}", line(w));
    }
    Ok(())
}

/// What is left of the user's limits, by their tier.
pub async fn limits(wallet: &Wallet, currency: String, locale: &str) -> Result<(), SweepError> {
    let status = wallet.identity().await?;
    println!("{}", tr!("limits-tier", tier = crate::render::tier(status.tier)));
    match wallet.remaining_limits(currency.clone()).await? {
        None => println!("{}", tr!("limits-none", currency = currency.clone())),
        Some(RemainingLimits { per_withdrawal, daily_remaining, monthly_remaining }) => {
            let show = |limit: Option<sweep_core::MinorAmount>| {
                limit.map_or_else(|| tr!("limits-unlimited"), |m| crate::render::amount(&m, locale))
            };
            println!("  {}", tr!("limits-once", amount = show(per_withdrawal)));
            println!("  {}", tr!("limits-today", amount = show(daily_remaining)));
            println!("  {}", tr!("limits-month", amount = show(monthly_remaining)));
        }
    }
    Ok(())
}

/// Asks the operator whether this device's number is `phone`.
pub async fn verify_phone(wallet: &Wallet, operator: u64, url: String, phone: String) -> Result<(), SweepError> {
    println!("{}", tr!("phone-asking"));
    if wallet.verify_phone_number(operator, url, phone).await? {
        println!("{}", tr!("phone-verified"));
    } else {
        println!("{}", tr!("phone-not-verified"));
    }
    Ok(())
}
