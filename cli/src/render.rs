//! Terminal rendering of wallet data.

use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, ContentArrangement, Table};
use sweep_core::ledger::LedgerReport;
use sweep_core::sources::{
    AuthState, CarrierRefund, Collectability, Dashboard, RefundStatus, SourceBalance, SourceKind, SourceTransaction,
    SyncResult, TransactionKind,
};
use sweep_core::MinorAmount;

fn money(amount: &MinorAmount, locale: &str) -> String {
    sweep_core::money::format_money(amount.clone(), locale.to_owned())
        .unwrap_or_else(|_| format!("{} {}", amount.minor_units, amount.currency_code))
}

/// A moment in the wallet's locale and on its clock, for example
/// "2026년 12월 5일 13:45" (the core's `formatTime`).
pub fn time(at: std::time::SystemTime, locale: &str) -> String {
    let ms = at.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
    sweep_core::text::time::format_time(ms, locale.to_owned())
        .unwrap_or_else(|_| humantime::format_rfc3339_seconds(at).to_string())
}

/// An amount in the wallet's locale, for example "150,000원".
pub fn amount(amount: &MinorAmount, locale: &str) -> String {
    money(amount, locale)
}

/// A verification tier in words.
pub fn tier(tier: sweep_core::identity::Tier) -> String {
    use sweep_core::identity::Tier;
    match tier {
        Tier::Unverified => tr!("tier-unverified"),
        Tier::PhoneVerified => tr!("tier-phone"),
        Tier::IdVerified => tr!("tier-id"),
    }
}

fn kind_label(kind: SourceKind) -> String {
    tr!("kind", kind = kind.code())
}

/// How the money can be collected, or what stops it, in a few words.
fn collection_label(collection: Collectability) -> String {
    tr!("collection", collection = collection.code())
}

/// When a linked source was last synced, as an age; "typed in" for manual ones.
fn freshness(source: &SourceBalance) -> String {
    match (source.auth_state, source.last_synced) {
        (AuthState::NeedsReauth, _) => tr!("fresh-link-again"),
        (AuthState::Revoked, _) => tr!("fresh-revoked"),
        (_, None) => tr!("fresh-typed-in"),
        (_, Some(at)) => match at.elapsed().map(|d| d.as_secs()).unwrap_or(0) {
            0..=59 => tr!("fresh-just-now"),
            s @ 60..=3_599 => tr!("fresh-minutes", minutes = s / 60),
            s => tr!("fresh-hours", hours = s / 3_600),
        },
    }
}

/// The dashboard as a table, then the cashable totals.
pub fn dashboard(dashboard: &Dashboard) -> String {
    if dashboard.sources.is_empty() {
        return tr!("dashboard-empty");
    }
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header([
        "#".into(),
        tr!("col-source"),
        tr!("col-kind"),
        tr!("col-balance"),
        tr!("col-can-become"),
        tr!("col-account"),
        tr!("col-synced"),
    ]);
    for source in &dashboard.sources {
        table.add_row(vec![
            Cell::new(source.source_id),
            Cell::new(&source.name),
            Cell::new(kind_label(source.kind)),
            Cell::new(&source.balance.formatted).set_alignment(CellAlignment::Right),
            Cell::new(collection_label(source.collection)),
            Cell::new(source.account_hint.as_deref().unwrap_or("")),
            Cell::new(freshness(source)),
        ]);
    }
    let totals: Vec<&str> = dashboard.cashable_totals.iter().map(|t| t.formatted.as_str()).collect();
    let totals = if totals.is_empty() { tr!("nothing-yet") } else { totals.join(" + ") };
    let mut notes = String::new();
    for source in &dashboard.sources {
        if let Some(reason) = source.collection.reason(&source.terms.reason) {
            notes.push_str(&format!("\n  #{} {}: {}", source.source_id, source.name, reason));
        }
    }
    for payout in dashboard.payouts.iter().filter(|p| p.support == sweep_core::fees::PayoutSupport::NotPaidOut) {
        notes.push_str(&format!("\n  {}", payout.note));
    }
    for advice in &dashboard.refund_advice {
        notes.push_str(&format!("\n  {} ({})", advice.text, advice.basis));
    }
    format!("{table}\n{}{notes}", tr!("cashable-now", totals = totals))
}

/// What needs the user now, one line each.
pub fn reminders(reminders: &[sweep_core::wallet::Reminder]) -> String {
    if reminders.is_empty() {
        return tr!("reminders-none");
    }
    reminders.iter().map(|r| format!("• {}", r.text)).collect::<Vec<_>>().join("\n")
}

/// The sources, without balances: how each is read and how fresh it is.
pub fn sources(dashboard: &Dashboard) -> String {
    if dashboard.sources.is_empty() {
        return tr!("sources-empty");
    }
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(["#".into(), tr!("col-source"), tr!("col-kind"), tr!("col-read-by"), tr!("col-synced")]);
    for source in &dashboard.sources {
        table.add_row(vec![
            Cell::new(source.source_id),
            Cell::new(&source.name),
            Cell::new(kind_label(source.kind)),
            Cell::new(&source.provider),
            Cell::new(freshness(source)),
        ]);
    }
    table.to_string()
}

/// One line per sync result, then a summary.
pub fn sync_results(results: &[SyncResult]) -> String {
    if results.is_empty() {
        return tr!("sync-nothing");
    }
    let synced = results.iter().filter(|r| r.synced).count();
    let new: u32 = results.iter().map(|r| r.new_transactions).sum();
    let mut out = tr!("sync-summary", synced = synced, total = results.len(), new = new);
    for failed in results.iter().filter(|r| !r.synced) {
        let action = if failed.needs_reauth { format!(" {}", tr!("sync-link-again")) } else { String::new() };
        let error = failed.error.clone().unwrap_or_else(|| tr!("sync-failed"));
        out.push_str(&format!("\n  #{}: {error}{action}", failed.source_id));
    }
    for partial in results.iter().filter(|r| r.transactions_error.is_some()) {
        let reason = partial.transactions_error.clone().unwrap_or_default();
        out.push_str(&format!("\n  #{}: {}", partial.source_id, tr!("sync-partial", reason = reason)));
    }
    out
}

/// A source's transactions, newest first.
pub fn transactions(list: &[SourceTransaction], locale: &str) -> String {
    if list.is_empty() {
        return tr!("transactions-empty");
    }
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header([tr!("col-when"), tr!("col-what"), tr!("col-amount")]);
    for t in list {
        let when = time(t.occurred_at, locale);
        let what = t.description.clone().unwrap_or_else(|| match t.kind {
            TransactionKind::Credit => tr!("tx-credit"),
            TransactionKind::Debit => tr!("tx-debit"),
            TransactionKind::Expiry => tr!("tx-expired"),
            TransactionKind::Refund => tr!("tx-refund"),
        });
        table.add_row([
            Cell::new(when),
            Cell::new(what),
            Cell::new(money(&t.amount, locale)).set_alignment(CellAlignment::Right),
        ]);
    }
    table.to_string()
}

/// What a carrier-billing refund did.
pub fn refunds(list: &[CarrierRefund], locale: &str) -> String {
    if list.is_empty() {
        return tr!("refund-nothing");
    }
    let lines: Vec<String> = list
        .iter()
        .map(|r| {
            let status = match r.status {
                RefundStatus::Processing => tr!("refund-processing"),
                RefundStatus::Denied => tr!("refund-denied"),
                RefundStatus::Succeeded => tr!("refund-succeeded"),
            };
            let (amount, payment, refund) = (money(&r.amount, locale), r.payment_id.clone(), r.refund_id.clone());
            format!("  {}", tr!("refund-line", amount = amount, payment = payment, status = status, refund = refund))
        })
        .collect();
    format!("{}\n{}", tr!("refund-title"), lines.join("\n"))
}

/// One line about a verified ledger.
pub fn ledger_report(report: &LedgerReport) -> String {
    let fingerprint = report.head_fingerprint.clone();
    tr!("ledger-verified", entries = report.entries, summaries = report.summaries, fingerprint = fingerprint)
}
