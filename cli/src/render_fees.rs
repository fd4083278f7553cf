//! Terminal rendering of fee schedules, plans and quotes.

use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, ContentArrangement, Table};
use sweep_core::fees::{FeeSchedule, Plan, Quote, QuoteBreakdown, Speed};

fn table(header: Vec<String>) -> Table {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(header);
    table
}

/// The columns of a plan's or a quote's legs.
fn leg_columns() -> Vec<String> {
    vec!["#".into(), tr!("col-source"), tr!("col-take"), tr!("col-fee"), tr!("col-you-get")]
}

fn right(text: &str) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

fn speed(speed: Speed) -> &'static str {
    match speed {
        Speed::Standard => "standard",
        Speed::Instant => "instant",
    }
}

/// "약 24시간", "about 24 hours": the core's `formatEta`.
pub fn eta(seconds: u64) -> String {
    sweep_core::text::time::format_eta(seconds, crate::text::locale())
}

/// A rate in basis points as a percentage, for example 3.00%.
fn percent(bps: i64) -> String {
    format!("{}.{:02}%", bps / 100, bps % 100)
}

/// The fee schedule in one paragraph per currency, amounts as the locale writes them.
pub fn schedule(schedule: &FeeSchedule, locale: &str) -> String {
    let rates: Vec<String> = schedule
        .rates
        .iter()
        .map(|r| format!("{} {}", tr!("kind", kind = r.kind.code()), percent(i64::from(r.rate_bps))))
        .collect();
    let (version, premium) = (schedule.version.clone(), percent(i64::from(schedule.instant_premium_bps)));
    let mut out = tr!("schedule", version = version, rates = rates.join(", "), premium = premium);
    for c in &schedule.currencies {
        let show = |units: i64| {
            let amount = sweep_core::MinorAmount { minor_units: units, currency_code: c.currency_code.clone() };
            crate::render::amount(&amount, locale)
        };
        let line = tr!(
            "schedule-currency",
            currency = c.currency_code.clone(),
            per_withdrawal = show(c.fixed_per_withdrawal),
            per_source = show(c.fixed_per_leg),
            min_fee = show(c.min_fee),
            max_fee = show(c.max_fee),
            min_withdrawal = show(c.min_withdrawal),
            max_withdrawal = show(c.max_withdrawal),
            instant = show(c.instant_fixed),
        );
        out.push_str(&format!("\n  {line}"));
    }
    out
}

/// A plan: its legs with their reasons, the totals, what is left out, advice.
pub fn plan(plan: &Plan) -> String {
    let mut out = String::new();
    if plan.legs.is_empty() {
        out.push_str(&tr!("plan-none"));
    } else {
        let mut columns = leg_columns();
        columns.push(tr!("col-why"));
        let mut legs = table(columns);
        for leg in &plan.legs {
            legs.add_row(vec![
                Cell::new(leg.source_id),
                Cell::new(&leg.source_name),
                right(&leg.gross.formatted),
                right(&leg.fee.formatted),
                right(&leg.net.formatted),
                Cell::new(&leg.explanation),
            ]);
        }
        out.push_str(&legs.to_string());
        let totals = tr!(
            "plan-totals",
            speed = speed(plan.speed),
            schedule = plan.schedule_version.clone(),
            gross = plan.total_gross.formatted.clone(),
            fee = plan.total_fee.formatted.clone(),
            withdrawal_fee = plan.withdrawal_fee.formatted.clone(),
            net = plan.total_net.formatted.clone(),
        );
        out.push_str(&format!("\n{totals}"));
    }
    for left in &plan.left_out {
        let (name, reason) = (left.source_name.clone(), left.reason.clone());
        out.push_str(&format!("\n  {}", tr!("plan-left-out", id = left.source_id, name = name, reason = reason)));
    }
    for advice in &plan.advice {
        out.push_str(&format!("\n  {}", tr!("plan-advice", text = advice.text.clone())));
    }
    if !plan.legs.is_empty() {
        out.push_str(&format!("\n{}", if plan.worth_it { tr!("plan-worth-it") } else { tr!("plan-wait") }));
    }
    out
}

/// The figures of an estimate or a quote.
pub fn breakdown(b: &QuoteBreakdown) -> String {
    let mut legs = table(leg_columns());
    for leg in &b.legs {
        legs.add_row(vec![
            Cell::new(leg.source_id),
            Cell::new(&leg.source_name),
            right(&leg.gross.formatted),
            right(&leg.fee.formatted),
            right(&leg.net.formatted),
        ]);
    }
    let totals = tr!(
        "quote-totals",
        gross = b.total_gross.formatted.clone(),
        fee = b.total_fee.formatted.clone(),
        withdrawal_fee = b.withdrawal_fee.formatted.clone(),
        net = b.total_net.formatted.clone(),
        speed = speed(b.speed),
        eta = eta(b.eta_seconds),
    );
    format!("{legs}\n{totals}")
}

/// A locked quote.
pub fn quote(quote: &Quote) -> String {
    let until = crate::render::time(quote.expires_at, &crate::text::locale());
    let (id, schedule) = (quote.quote_id.clone(), quote.breakdown.schedule_version.clone());
    format!("{}\n{}", breakdown(&quote.breakdown), tr!("quote-locked", id = id, until = until, schedule = schedule))
}
