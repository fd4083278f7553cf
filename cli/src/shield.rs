//! The scam shield in the terminal: before a cash-out is confirmed, the
//! core's risk check is shown in plain words; before the first one, a short
//! safety guide; and when the check asks to step up, the user must say so
//! knowingly (`--accept-risk`, or typing "I understand").

use std::io::Write;

use sweep_core::fees::Quote;
use sweep_core::risk::RiskLevel;
use sweep_core::{SweepError, Wallet};

/// What every user should know before the first cash-out.
const SAFETY_GUIDE: &str = "\
Before your first cash-out:
  - Offers to turn phone-bill payments (소액결제) into cash are illegal in Korea; Sweep only refunds them to the bill.
  - Sweep never asks for passwords or verification codes by phone or message.
  - Nobody needs money from you first in order to pay you.
  - To report fraud: the police cyber-crime report (ecrm.police.go.kr, 182) or the FSS illegal-finance report (fss.or.kr, 1332).";

/// Shows the verdict on cashing out `quote` to `payee`, and stops unless
/// the user accepts a step-up.
pub async fn check(
    wallet: &Wallet,
    data_dir: &str,
    quote: &Quote,
    payee: u64,
    yes: bool,
    accept_risk: bool,
) -> Result<(), SweepError> {
    let verdict = wallet.assess_cash_out(quote.clone(), payee, None).await?;
    if verdict.reasons.iter().any(|r| r.rule_id == "first_cash_out") {
        println!("{SAFETY_GUIDE}");
    }
    match verdict.level {
        RiskLevel::Allow => return Ok(()),
        RiskLevel::Warn => println!("Before you confirm:"),
        RiskLevel::StepUp => println!("Stop and check:"),
    }
    for reason in &verdict.reasons {
        println!("  - {}", reason.text);
    }
    if verdict.level != RiskLevel::StepUp || accept_risk {
        if accept_risk && verdict.level == RiskLevel::StepUp {
            record(data_dir, &verdict, "--accept-risk")?;
            println!("You chose to go ahead (--accept-risk); this is noted in {LOG_FILE}.");
        }
        return Ok(());
    }
    let refused = || SweepError::AuthenticationFailed {
        reason: "the scam shield asked you to stop and check; run again with --accept-risk once you are sure".into(),
    };
    if yes {
        return Err(refused());
    }
    print!("Type I understand to go ahead anyway: ");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).map_err(|e| SweepError::Storage { reason: e.to_string() })?;
    if answer.trim() != "I understand" {
        return Err(refused());
    }
    record(data_dir, &verdict, "typed I understand")
}

/// Where accepted step-ups are noted, next to the wallet.
const LOG_FILE: &str = "shield.log";

/// Notes an accepted step-up: when, how, and which rules (ids only, no
/// amounts, names or numbers).
fn record(data_dir: &str, verdict: &sweep_core::risk::RiskAssessment, how: &str) -> Result<(), SweepError> {
    let rules: Vec<&str> = verdict.reasons.iter().map(|r| r.rule_id.as_str()).collect();
    let line = format!(
        "{} step-up accepted ({how}): {}\n",
        humantime::format_rfc3339_seconds(std::time::SystemTime::now()),
        rules.join(", ")
    );
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(std::path::Path::new(data_dir).join(LOG_FILE))
        .and_then(|mut file| file.write_all(line.as_bytes()))
        .map_err(|e| SweepError::Storage { reason: format!("cannot note the step-up: {e}") })
}
