//! Reminders over time, against the sandbox's platforms: expiring money
//! enters the list when it is within 30 days and leaves once expired, each
//! fact keeps its id, a lapsed link and a worthwhile cash-out are named,
//! and the refund rules' advice reaches the dashboard.

use std::time::{Duration, SystemTime};

use sweep_core::refunds::RefundAdviceKind;
use sweep_core::sources::{SourceEndpoint, SourceKind};
use sweep_core::wallet::ReminderKind;
use sweep_core::{EphemeralKeyProvider, Wallet, WalletConfig};
use sweep_sandbox::{Knobs, Sandbox};
use sweep_tests::link_at_sandbox_issuer;

/// A UTC date at midnight, as seconds since 1970 (days from the civil date).
fn utc(year: i64, month: i64, day: i64) -> SystemTime {
    // Howard Hinnant's days-from-civil, written out for the test alone.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    SystemTime::UNIX_EPOCH + Duration::from_secs(days as u64 * 86_400)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_come_and_go_with_the_facts() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = WalletConfig { data_dir: dir.path().display().to_string(), locale: "en-US".into() };
    let wallet = Wallet::open(config, EphemeralKeyProvider::new().unwrap()).await.unwrap();
    let api = SourceEndpoint::SourceApi { base_url: sandbox.source_api_url() };
    for (platform, name, kind) in [
        ("sandbox-toss", "Toss", SourceKind::Wallet),
        ("sandbox-nexon", "Nexon", SourceKind::GameCredits),
        ("sandbox-cashbag", "Cashbag", SourceKind::Points),
    ] {
        link_at_sandbox_issuer(&wallet, sandbox.oauth_issuer(platform), name, kind, api.clone()).await.unwrap();
    }
    wallet.sync().await.unwrap();

    // 5 December: Toss's ₩2,000 expires on 31 December (within 30 days);
    // Cashbag's ₩1,000 on 12 January is not yet within them.
    let early = wallet.reminders(utc(2026, 12, 5)).await.unwrap();
    let expiring: Vec<(&str, u64)> = early
        .iter()
        .filter(|r| r.kind == ReminderKind::ExpiresSoon)
        .map(|r| (r.text.split(':').next().unwrap(), r.source_id.unwrap()))
        .collect();
    assert_eq!(expiring, [("Toss", 1)], "{early:#?}");
    assert!(early[0].text.contains("₩2,000") && early[0].text.contains("Dec 31, 2026"), "{}", early[0].text);

    // 20 December: both, soonest first; Toss keeps its id.
    let later = wallet.reminders(utc(2026, 12, 20)).await.unwrap();
    let dated: Vec<&str> = later.iter().filter(|r| r.due.is_some()).map(|r| r.id.as_str()).collect();
    assert_eq!(dated.len(), 2, "{later:#?}");
    assert_eq!(dated[0], early[0].id, "the same fact, the same id");
    assert!(dated[1].starts_with("expiry:3:KRW:1000:"));

    // 1 February: both expired; nothing to warn about.
    let after = wallet.reminders(utc(2027, 2, 1)).await.unwrap();
    assert!(after.iter().all(|r| r.kind != ReminderKind::ExpiresSoon), "{after:#?}");

    // Nexon Cash: ₩5,500 bought, ₩3,300 left; its own terms refund after
    // 60% used (₩3,300), so ₩1,100 more to spend unlocks ₩2,200.
    let home = wallet.dashboard().await.unwrap();
    let nexon = home.refund_advice.iter().find(|a| a.source_id == 2).expect("advice for Nexon");
    assert_eq!(nexon.kind, RefundAdviceKind::SpendToUnlock);
    assert_eq!((nexon.spend_first.clone().unwrap().minor_units, nexon.amount.minor_units), (1_100, 2_200));

    // With the fee schedule, the cash-out of Toss's balance is worth it.
    wallet.refresh_fee_schedule(sandbox.provider_url()).await.unwrap();
    let now = wallet.reminders(utc(2026, 12, 5)).await.unwrap();
    let cash_out = now.iter().find(|r| r.kind == ReminderKind::CashOutWorthIt).expect("worth it");
    assert_eq!(cash_out.id, "cash-out:KRW:0");

    // A lapsed link is named, once per lapse.
    sandbox.set_knobs(Knobs { fault: Some(sweep_sandbox::Fault::ExpiredToken), ..Knobs::default() });
    wallet.sync().await.unwrap();
    let lapsed = wallet.reminders(utc(2026, 12, 5)).await.unwrap();
    let reauth: Vec<u64> =
        lapsed.iter().filter(|r| r.kind == ReminderKind::NeedsReauth).filter_map(|r| r.source_id).collect();
    assert_eq!(reauth, [1, 2, 3], "{lapsed:#?}");
    wallet.close();
}
