//! The scam shield in the terminal: before a cash-out is confirmed, the
//! core's risk check is shown in plain words; before the first one, a short
//! safety guide; and when the check asks to step up, the user must say so
//! knowingly (`--accept-risk`, or typing "I understand").

use std::io::Write;

use sweep_core::fees::Quote;
use sweep_core::risk::RiskLevel;
use sweep_core::{SweepError, Wallet};

/// What every user should know before the first cash-out.
fn safety_guide() -> String {
    let points = [tr!("guide-carrier-billing"), tr!("guide-no-codes"), tr!("guide-no-advance"), tr!("guide-report")];
    let mut guide = tr!("guide-title");
    for point in points {
        guide.push_str(&format!("\n  - {point}"));
    }
    guide
}

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
        println!("{}", safety_guide());
    }
    match verdict.level {
        RiskLevel::Allow => return Ok(()),
        RiskLevel::Warn => println!("{}", tr!("shield-warn")),
        RiskLevel::StepUp => println!("{}", tr!("shield-step-up")),
    }
    for reason in &verdict.reasons {
        println!("  - {}", reason.text);
    }
    if verdict.level != RiskLevel::StepUp || accept_risk {
        if accept_risk && verdict.level == RiskLevel::StepUp {
            record(data_dir, &verdict, "--accept-risk")?;
            println!("{}", tr!("shield-accepted", log = LOG_FILE));
        }
        return Ok(());
    }
    let refused = || SweepError::AuthenticationFailed { reason: tr!("shield-refused") };
    if yes {
        return Err(refused());
    }
    print!("{} ", tr!("shield-type-understand"));
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).map_err(|e| SweepError::Storage { reason: e.to_string() })?;
    if !matches!(answer.trim(), "I understand" | "이해했어요") {
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
