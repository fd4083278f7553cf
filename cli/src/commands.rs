//! Commands on a wallet kept in `--data-dir`.

use std::path::PathBuf;

use sweep_core::fees::{DestinationKind, LegRequest, PlanRequest, QuoteGoal, QuoteRequest, RemainingLimits, Speed};
use sweep_core::sources::{LinkRequest, ManualSource, OAuthConfig, SourceEndpoint};
use sweep_core::{MinorAmount, SweepError, Wallet};

use crate::amount::parse_amount;
use crate::{render, render_fees, Command};

/// Carries on what an earlier run left unfinished (withdrawals not yet
/// sent or settled, legs asked of their sources, ID uploads in the outbox)
/// before the command itself, saying so when there was any. Failures are
/// told, not fatal: the command still runs, and the next one tries again.
async fn resume(wallet: &Wallet) {
    // What each withdrawal looked like before, so only real progress is told.
    let before: Vec<_> = wallet.withdrawals().await.unwrap_or_default();
    let seen = |w: &sweep_core::wallet::Withdrawal| {
        before.iter().any(|b| {
            b.withdrawal_id == w.withdrawal_id
                && b.state == w.state
                && b.legs.iter().map(|l| l.state).eq(w.legs.iter().map(|l| l.state))
        })
    };
    match wallet.resume_withdrawals().await {
        Ok(resumed) => {
            let moved: Vec<_> = resumed.iter().filter(|w| !seen(w)).collect();
            if !moved.is_empty() {
                println!("{}", tr!("resumed-withdrawals", count = moved.len()));
                for w in moved {
                    println!("{}", crate::withdraw::line(w));
                }
            }
        }
        Err(e) => eprintln!("{}", tr!("resume-withdrawals-failed", error = e.sentence())),
    }
    if wallet.pending_uploads().await.unwrap_or(0) > 0 {
        match wallet.resume_uploads(None).await {
            Ok(results) => println!("{}", tr!("resumed-uploads", count = results.len())),
            Err(e) => eprintln!("{}", tr!("resume-uploads-failed", error = e.sentence())),
        }
    }
}

/// A typed-in balance from the command line: the amount as written, in
/// the currency it names or the one given (KRW by default).
fn typed_in(source: crate::TypedIn, locale: &str) -> Result<ManualSource, SweepError> {
    let balance = match &source.currency {
        Some(code) => in_currency(parse_amount(&source.amount, code, locale)?, code)?,
        None => parse_amount(&source.amount, "KRW", locale)?,
    };
    Ok(ManualSource { name: source.name, kind: source.kind.into(), balance, account_ref: source.account_ref })
}

/// Asks a question and reads whether the user typed yes (or 네, 예).
fn typed_yes(question: &str) -> Result<bool, SweepError> {
    use std::io::Write;
    print!("{question} ");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).map_err(|e| SweepError::Storage { reason: e.to_string() })?;
    Ok(matches!(answer.trim(), "yes" | "네" | "예"))
}

/// Says which source a sign-in linked, and anything the user should know.
fn print_link(linked: &sweep_core::wallet::LinkResult) {
    let id = linked.source_id;
    match linked.outcome {
        sweep_core::wallet::LinkOutcome::LinkedAgain => println!("{}", tr!("source-relinked", id = id)),
        _ => println!("{}", tr!("source-linked", id = id)),
    }
    if let Some(note) = &linked.note {
        println!("{note}");
    }
}

/// Runs one wallet command.
pub async fn run(command: Command, data_dir: Option<PathBuf>, locale: &str) -> Result<(), SweepError> {
    let dir = crate::key_commands::wallet_dir(data_dir)?;
    let data_dir_text = dir.display().to_string();
    let (wallet, keys) = crate::key_commands::open(&dir, locale).await?;
    resume(&wallet).await;
    let outcome = match command {
        Command::AddSource { source } => {
            let id = wallet.add_manual_source(typed_in(source, locale)?).await?;
            println!("{}", tr!("source-added", id = id));
            Ok(())
        }
        Command::Dashboard => {
            println!("{}", render::dashboard(&wallet.dashboard().await?));
            Ok(())
        }
        Command::Export { path, in_full } => {
            let summary = wallet.export_data(path.display().to_string(), in_full).await?;
            println!(
                "{}",
                tr!(
                    "exported",
                    sources = summary.sources,
                    entries = summary.balance_entries,
                    transactions = summary.transactions,
                    withdrawals = summary.withdrawals,
                    payees = summary.payees
                )
            );
            for file in &summary.files {
                println!("  {file}");
            }
            Ok(())
        }
        Command::DeleteAccount { yes } => {
            if !yes && !typed_yes(&tr!("delete-account-confirm"))? {
                println!("{}", tr!("delete-account-kept"));
                return Ok(());
            }
            let deleted = wallet.delete_account(keys.clone()).await?;
            keys.remove_confirm_files();
            println!("{}", deleted.note);
            if let sweep_core::wallet::ProviderDeletion::Done { retained, .. } = &deleted.provider {
                for kept in retained {
                    println!(
                        "{}",
                        tr!(
                            "delete-account-retained",
                            id = kept.withdrawal_id.as_str(),
                            reason = kept.reason.as_str(),
                            until = kept.retain_until.as_str()
                        )
                    );
                }
            }
            Ok(())
        }
        Command::Reminders => {
            println!("{}", render::reminders(&wallet.reminders(std::time::SystemTime::now()).await?));
            Ok(())
        }
        Command::Verify => {
            println!("{}", render::ledger_report(&wallet.verify_ledger().await?));
            Ok(())
        }
        Command::Link {
            name,
            kind,
            api,
            open_banking,
            account,
            carrier_billing,
            carrier_refund,
            issuer,
            client_id,
            redirect_uri,
            read_only,
            replaces,
        } => {
            let endpoint = match (api, open_banking, carrier_billing.zip(carrier_refund)) {
                (Some(base_url), _, _) => SourceEndpoint::SourceApi { base_url },
                (_, Some(aisp_base_url), _) => SourceEndpoint::OpenBanking { aisp_base_url, account_id: account },
                (_, _, Some((billing_base_url, refund_base_url))) => {
                    SourceEndpoint::CarrierBilling { billing_base_url, refund_base_url }
                }
                _ => {
                    return Err(SweepError::InvalidInput {
                        field: "endpoint".into(),
                        reason: "give --api, --open-banking or --carrier-billing".into(),
                    })
                }
            };
            let issuer = issuer.trim_end_matches('/').to_owned();
            let oauth = OAuthConfig {
                authorize_endpoint: format!("{issuer}/auth"),
                token_endpoint: format!("{issuer}/token"),
                issuer,
                client_id,
                redirect_uri,
                scopes: link_scopes(&endpoint, read_only),
            };
            let request = LinkRequest { name, kind: kind.into(), endpoint, oauth, replaces_source_id: replaces };
            let url = wallet.begin_link(request)?;
            let linked = wallet.complete_link(read_callback(&url)?).await?;
            print_link(&linked);
            Ok(())
        }
        Command::EditSource { source_id, source } => {
            wallet.edit_manual_source(source_id, typed_in(source, locale)?).await?;
            println!("{}", tr!("source-edited", id = source_id));
            Ok(())
        }
        Command::RemoveSource { source_id } => {
            let removal = wallet.remove_source(source_id).await?;
            println!("{}", removal.note);
            Ok(())
        }
        Command::Sources => {
            println!("{}", render::sources(&wallet.dashboard().await?));
            Ok(())
        }
        Command::Sync => {
            let results = crate::demo::sync_with_progress(&wallet).await?;
            println!("{}", render::sync_results(&results));
            Ok(())
        }
        Command::Transactions { source_id, limit } => {
            println!("{}", render::transactions(&wallet.transactions(source_id, limit).await?, locale));
            Ok(())
        }
        Command::Refund { source_id } => {
            println!("{}", render::refunds(&wallet.refund_carrier_billing(source_id).await?, locale));
            Ok(())
        }
        Command::Fees { provider } => {
            println!("{}", render_fees::schedule(&wallet.refresh_fee_schedule(provider).await?, locale));
            Ok(())
        }
        Command::Plan { currency, instant, daily_remaining, monthly_remaining } => {
            let limits = limits(&currency, daily_remaining, monthly_remaining, locale)?;
            let request = PlanRequest { currency_code: currency, speed: speed(instant), limits, target_fee_bps: None };
            println!("{}", render_fees::plan(&wallet.plan(request).await?));
            Ok(())
        }
        Command::Quote { currency, instant, to_wallet, receive, send, leg, estimate } => {
            let amount = |text: &str| parse_amount(text, &currency, locale);
            let goal = match (receive, send, leg.is_empty()) {
                (Some(text), _, _) => QuoteGoal::ReceiveExactly { amount: amount(&text)? },
                (_, Some(text), _) => QuoteGoal::SendExactly { amount: amount(&text)? },
                (_, _, false) => QuoteGoal::Legs { legs: parse_legs(&leg, &currency, locale)? },
                _ => QuoteGoal::Everything,
            };
            let destination = if to_wallet { DestinationKind::Wallet } else { DestinationKind::BankAccount };
            let request =
                QuoteRequest { currency_code: currency, goal, speed: speed(instant), destination, limits: None };
            if estimate {
                println!("{}", render_fees::breakdown(&wallet.estimate(request).await?));
            } else {
                println!("{}", render_fees::quote(&wallet.quote(request).await?));
            }
            Ok(())
        }
        Command::VerifyId { image, document, side, upload, session } => {
            if session {
                crate::verify_id::run_session(&wallet, image, document.into(), side.into()).await.map(|_| ())
            } else {
                crate::verify_id::run(&wallet, image, document.into(), side.into(), upload).await.map(|_| ())
            }
        }
        Command::Identity => {
            let status = wallet.identity().await?;
            println!("{}", tr!("identity-tier", tier = render::tier(status.tier)));
            for l in &status.limits {
                let show = |units: i64| {
                    render::amount(&MinorAmount { minor_units: units, currency_code: l.currency_code.clone() }, locale)
                };
                let (currency, once, day, month) =
                    (l.currency_code.clone(), show(l.per_withdrawal), show(l.daily), show(l.monthly));
                println!("  {}", tr!("identity-limits", currency = currency, once = once, day = day, month = month));
            }
            if status.limits.is_empty() {
                println!("  {}", tr!("identity-no-limits"));
            }
            Ok(())
        }
        Command::AddPayee { holder, bank, account, iban, phone, someone_else } => {
            use sweep_core::withdrawals::{PayeeDestination, PayeeRequest};
            let destination = match (bank.zip(account), iban, phone) {
                (Some((bank_code, account_number)), _, _) => {
                    PayeeDestination::KrBankAccount { bank_code, account_number }
                }
                (_, Some(iban), _) => PayeeDestination::Iban { iban },
                (_, _, Some(phone_number)) => PayeeDestination::Phone { phone_number },
                _ => {
                    return Err(SweepError::InvalidInput {
                        field: "destination".into(),
                        reason: "give --bank and --account, --iban or --phone".into(),
                    })
                }
            };
            let request = PayeeRequest { destination, holder_name: holder };
            let payee = if someone_else {
                println!("{}", tr!("payee-someone-else"));
                wallet.add_payee_in_another_name(request, true).await?
            } else {
                wallet.add_payee(request).await?
            };
            println!("{}", tr!("payee-added", id = payee.payee_id, hint = payee.hint.clone()));
            Ok(())
        }
        Command::Payees => {
            for p in wallet.payees().await? {
                let until = render::time(p.cooldown_ends_at, locale);
                println!("{}", tr!("payee-line", id = p.payee_id, hint = p.hint.clone(), until = until));
            }
            Ok(())
        }
        Command::Withdrawals => crate::history::withdrawals(&wallet).await,
        Command::Cancel { withdrawal_id } => crate::history::cancel(&wallet, withdrawal_id).await,
        Command::Receipt { withdrawal_id } => crate::history::receipt(&wallet, withdrawal_id).await,
        Command::Resume => crate::history::resume(&wallet).await,
        Command::Limits { currency } => crate::history::limits(&wallet, currency, locale).await,
        Command::VerifyPhone { phone, operator, url } => {
            crate::history::verify_phone(&wallet, operator, url, phone).await
        }
        Command::Relink { source_id } => {
            let url = wallet.begin_relink(source_id).await?;
            let callback = read_callback(&url)?;
            let linked = wallet.complete_link(callback).await?;
            print_link(&linked);
            Ok(())
        }
        Command::Withdraw { payee, receive, instant, accept_risk, yes } => {
            let goal = match receive {
                Some(text) => QuoteGoal::ReceiveExactly { amount: parse_amount(&text, "KRW", locale)? },
                None => QuoteGoal::Everything,
            };
            // Priced for what the payee is: a bank account or a wallet.
            let payees = wallet.payees().await?;
            let chosen =
                payees.iter().find(|p| p.payee_id == payee).ok_or(SweepError::PayeeNotFound { payee_id: payee })?;
            let request = QuoteRequest {
                currency_code: "KRW".into(),
                goal,
                speed: speed(instant),
                destination: chosen.destination_kind,
                limits: None,
            };
            let quote = wallet.quote(request).await?;
            println!("{}", render_fees::quote(&quote));
            crate::shield::check(&wallet, &data_dir_text, &quote, payee, yes, accept_risk).await?;
            let auth = crate::withdraw::KeyAuthenticator::for_wallet(&keys, &data_dir_text, yes)?;
            let browser = crate::withdraw::Browser::Person;
            crate::withdraw::submit(&wallet, quote, payee, auth, &browser).await.map(|_| ())
        }
        Command::Track { withdrawal_id } => {
            // A bank leg left waiting (for example after a restart) is approved first.
            let stored = wallet.withdrawals().await?.into_iter().find(|w| w.withdrawal_id == withdrawal_id);
            if let Some(w) = stored.filter(|w| w.legs.iter().any(|l| l.needs_authorisation)) {
                crate::withdraw::authorise_bank_legs(&wallet, w, &crate::withdraw::Browser::Person).await?;
            }
            crate::withdraw::track(&wallet, withdrawal_id, std::time::Duration::from_secs(2), 30).await.map(|_| ())
        }
        Command::Demo | Command::Init { .. } | Command::Lock | Command::Key { .. } => unreachable!("handled in main"),
    };
    wallet.close();
    outcome
}

/// Prints the sign-in URL and reads back the URL the browser was sent to.
fn read_callback(url: &str) -> Result<String, SweepError> {
    println!("{}\n{url}\n", tr!("link-open-url"));
    println!("{}", tr!("bank-paste-callback"));
    let mut callback = String::new();
    std::io::stdin().read_line(&mut callback).map_err(|e| SweepError::Storage { reason: e.to_string() })?;
    Ok(callback.trim().to_owned())
}

fn speed(instant: bool) -> Speed {
    if instant {
        Speed::Instant
    } else {
        Speed::Standard
    }
}

fn limits(
    currency: &str,
    daily: Option<String>,
    monthly: Option<String>,
    locale: &str,
) -> Result<Option<RemainingLimits>, SweepError> {
    let amount =
        |text: Option<String>| text.map(|t| in_currency(parse_amount(&t, currency, locale)?, currency)).transpose();
    let (daily, monthly) = (amount(daily)?, amount(monthly)?);
    Ok((daily.is_some() || monthly.is_some()).then_some(RemainingLimits {
        per_withdrawal: None,
        daily_remaining: daily,
        monthly_remaining: monthly,
    }))
}

/// `amount`, which must be in `currency`.
fn in_currency(amount: MinorAmount, currency: &str) -> Result<MinorAmount, SweepError> {
    if !amount.currency_code.eq_ignore_ascii_case(currency) {
        return Err(SweepError::CurrencyMismatch { expected: currency.to_owned(), found: amount.currency_code });
    }
    Ok(amount)
}

/// `SOURCE=AMOUNT` pairs, for example `4=12,340`.
fn parse_legs(legs: &[String], currency: &str, locale: &str) -> Result<Vec<LegRequest>, SweepError> {
    legs.iter()
        .map(|leg| {
            let bad =
                || SweepError::InvalidInput { field: "--leg".into(), reason: format!("{leg:?} is not SOURCE=AMOUNT") };
            let (id, amount) = leg.split_once('=').ok_or_else(bad)?;
            Ok(LegRequest {
                source_id: id.trim().parse().map_err(|_| bad())?,
                amount: in_currency(parse_amount(amount, currency, locale)?, currency)?,
            })
        })
        .collect()
}

/// The scopes `sweep link` asks for: reading, and for a Source API
/// platform the transfer scope too unless the user wants a read-only link.
fn link_scopes(endpoint: &SourceEndpoint, read_only: bool) -> Vec<String> {
    let mut scopes = vec!["offline_access".to_owned(), "balances:read".to_owned()];
    if matches!(endpoint, SourceEndpoint::SourceApi { .. }) && !read_only {
        scopes.push(sweep_core::sources::TRANSFER_SCOPE.to_owned());
    }
    scopes
}
