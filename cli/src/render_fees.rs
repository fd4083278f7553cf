//! Terminal rendering of fee schedules, plans and quotes.

use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, ContentArrangement, Table};
use sweep_core::fees::{FeeSchedule, Plan, Quote, QuoteBreakdown, Speed};

fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(header.to_vec());
    table
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

fn eta(seconds: u64) -> String {
    match seconds {
        0..=3_599 => format!("about {} min", seconds.div_ceil(60)),
        s if s < 172_800 => format!("about {} h", s.div_ceil(3_600)),
        s => format!("about {} days", s.div_ceil(86_400)),
    }
}

/// A rate in basis points as a percentage, for example 3.00%.
fn percent(bps: i64) -> String {
    format!("{}.{:02}%", bps / 100, bps % 100)
}

/// The fee schedule in one paragraph per currency, amounts as the locale writes them.
pub fn schedule(schedule: &FeeSchedule, locale: &str) -> String {
    let rates: Vec<String> =
        schedule.rates.iter().map(|r| format!("{} {}", r.kind.code(), percent(i64::from(r.rate_bps)))).collect();
    let mut out = format!(
        "Fee schedule {}: {}; instant payouts add {}.",
        schedule.version,
        rates.join(", "),
        percent(i64::from(schedule.instant_premium_bps))
    );
    for c in &schedule.currencies {
        let show = |units: i64| {
            let amount = sweep_core::MinorAmount { minor_units: units, currency_code: c.currency_code.clone() };
            crate::render::amount(&amount, locale)
        };
        out.push_str(&format!(
            "\n  {}: {} per withdrawal and {} per source, a fee of at least {} and at most {}, \
             withdrawals from {} to {}; instant adds {}.",
            c.currency_code,
            show(c.fixed_per_withdrawal),
            show(c.fixed_per_leg),
            show(c.min_fee),
            show(c.max_fee),
            show(c.min_withdrawal),
            show(c.max_withdrawal),
            show(c.instant_fixed)
        ));
    }
    out
}

/// A plan: its legs with their reasons, the totals, what is left out, advice.
pub fn plan(plan: &Plan) -> String {
    let mut out = String::new();
    if plan.legs.is_empty() {
        out.push_str("No cash-out planned.");
    } else {
        let mut legs = table(&["#", "Source", "Take", "Fee", "You get", "Why"]);
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
        out.push_str(&format!(
            "\nPlan ({} speed, schedule {}): take {}, fee {} (of which {} per withdrawal), you receive {}.",
            speed(plan.speed),
            plan.schedule_version,
            plan.total_gross.formatted,
            plan.total_fee.formatted,
            plan.withdrawal_fee.formatted,
            plan.total_net.formatted
        ));
    }
    for left in &plan.left_out {
        out.push_str(&format!("\n  left out #{} {}: {}", left.source_id, left.source_name, left.reason));
    }
    for advice in &plan.advice {
        out.push_str(&format!("\n  advice: {}", advice.text));
    }
    if !plan.legs.is_empty() {
        out.push_str(if plan.worth_it { "\nWorth cashing out now." } else { "\nBetter to wait (see the advice)." });
    }
    out
}

/// The figures of an estimate or a quote.
pub fn breakdown(b: &QuoteBreakdown) -> String {
    let mut legs = table(&["#", "Source", "Take", "Fee", "You get"]);
    for leg in &b.legs {
        legs.add_row(vec![
            Cell::new(leg.source_id),
            Cell::new(&leg.source_name),
            right(&leg.gross.formatted),
            right(&leg.fee.formatted),
            right(&leg.net.formatted),
        ]);
    }
    format!(
        "{legs}\nTake {}, fee {} (withdrawal fee {}), you receive {}; {} payout, {}.",
        b.total_gross.formatted,
        b.total_fee.formatted,
        b.withdrawal_fee.formatted,
        b.total_net.formatted,
        speed(b.speed),
        eta(b.eta_seconds)
    )
}

/// A locked quote.
pub fn quote(quote: &Quote) -> String {
    let until = humantime::format_rfc3339_seconds(quote.expires_at);
    format!(
        "{}\nQuote {} is locked until {until} (schedule {}). The fee shown is the fee charged.",
        breakdown(&quote.breakdown),
        quote.quote_id,
        quote.breakdown.schedule_version
    )
}
