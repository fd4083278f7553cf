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

/// An amount in the wallet's locale, for example "₩150,000".
pub fn amount(amount: &MinorAmount, locale: &str) -> String {
    money(amount, locale)
}

/// A verification tier in words.
pub fn tier(tier: sweep_core::identity::Tier) -> &'static str {
    use sweep_core::identity::Tier;
    match tier {
        Tier::Unverified => "not verified yet (small limits)",
        Tier::PhoneVerified => "phone number verified",
        Tier::IdVerified => "ID verified",
    }
}

fn kind_label(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Wallet => "wallet",
        SourceKind::GameCredits => "game credits",
        SourceKind::Points => "points",
        SourceKind::CarrierBilling => "carrier billing",
        SourceKind::Bank => "bank",
    }
}

/// How the money can be collected, or what stops it, in a few words.
fn collection_label(collection: Collectability) -> &'static str {
    match collection {
        Collectability::SourceApiTransfer => "cashable (transfer)",
        Collectability::OpenBankingPayment => "cashable (bank payment)",
        Collectability::TrackedOnly => "tracked only",
        Collectability::RefundToOrigin => "refund to origin",
        Collectability::SpendOnly => "spend only",
        Collectability::Blocked => "blocked",
        Collectability::NeedsReauth => "link again",
        Collectability::ReadOnlyLink => "read-only link",
        Collectability::NoCollectMethod => "read by the app",
    }
}

/// When a linked source was last synced, as an age; "typed in" for manual ones.
fn freshness(source: &SourceBalance) -> String {
    match (source.auth_state, source.last_synced) {
        (AuthState::NeedsReauth, _) => "link again".to_owned(),
        (AuthState::Revoked, _) => "revoked".to_owned(),
        (_, None) => "typed in".to_owned(),
        (_, Some(at)) => match at.elapsed().map(|d| d.as_secs()).unwrap_or(0) {
            0..=59 => "just now".to_owned(),
            s @ 60..=3_599 => format!("{} min ago", s / 60),
            s => format!("{} h ago", s / 3_600),
        },
    }
}

/// The dashboard as a table, then the cashable totals.
pub fn dashboard(dashboard: &Dashboard) -> String {
    if dashboard.sources.is_empty() {
        return "No sources yet. Add one with `sweep add-source`.".to_owned();
    }
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(["#", "Source", "Kind", "Balance", "Can become", "Account", "Synced"]);
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
    let totals = if totals.is_empty() { "nothing yet".to_owned() } else { totals.join(" + ") };
    let mut notes = String::new();
    for source in &dashboard.sources {
        if let Some(reason) = source.collection.reason(&source.terms.reason) {
            notes.push_str(&format!("\n  #{} {}: {}", source.source_id, source.name, reason));
        }
    }
    format!("{table}\nCashable now: {totals}{notes}")
}

/// The sources, without balances: how each is read and how fresh it is.
pub fn sources(dashboard: &Dashboard) -> String {
    if dashboard.sources.is_empty() {
        return "No sources yet. Add one with `sweep add-source` or `sweep link`.".to_owned();
    }
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(["#", "Source", "Kind", "Read by", "Synced"]);
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
        return "Nothing to sync: no linked sources.".to_owned();
    }
    let synced = results.iter().filter(|r| r.synced).count();
    let new: u32 = results.iter().map(|r| r.new_transactions).sum();
    let mut out = format!("Synced {synced} of {} linked sources; {new} new transactions.", results.len());
    for failed in results.iter().filter(|r| !r.synced) {
        let action = if failed.needs_reauth { " Link it again with `sweep link`." } else { "" };
        out.push_str(&format!("\n  #{}: {}{action}", failed.source_id, failed.error.as_deref().unwrap_or("failed")));
    }
    for partial in results.iter().filter(|r| r.transactions_error.is_some()) {
        let reason = partial.transactions_error.as_deref().unwrap_or_default();
        out.push_str(&format!("\n  #{}: balances synced; transactions stopped early ({reason})", partial.source_id));
    }
    out
}

/// A source's transactions, newest first.
pub fn transactions(list: &[SourceTransaction], locale: &str) -> String {
    if list.is_empty() {
        return "No transactions yet. Run `sweep sync` to read them.".to_owned();
    }
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(["When", "What", "Amount"]);
    for t in list {
        let when = humantime::format_rfc3339_seconds(t.occurred_at).to_string();
        let what = t.description.clone().unwrap_or_else(|| match t.kind {
            TransactionKind::Credit => "credit".to_owned(),
            TransactionKind::Debit => "debit".to_owned(),
            TransactionKind::Expiry => "expired".to_owned(),
            TransactionKind::Refund => "refund".to_owned(),
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
        return "Nothing left to refund to the phone bill.".to_owned();
    }
    let lines: Vec<String> = list
        .iter()
        .map(|r| {
            let status = match r.status {
                RefundStatus::Processing => "processing",
                RefundStatus::Denied => "denied",
                RefundStatus::Succeeded => "back on the phone bill",
            };
            format!("  {} of payment {}: {status} (refund {})", money(&r.amount, locale), r.payment_id, r.refund_id)
        })
        .collect();
    format!("Refunded to the phone bill it came from:\n{}", lines.join("\n"))
}

/// One line about a verified ledger.
pub fn ledger_report(report: &LedgerReport) -> String {
    format!(
        "Ledger verified: {} entries and {} balance summaries check out (chain fingerprint {}).",
        report.entries, report.summaries, report.head_fingerprint
    )
}
