//! Fees, plans and quotes through the wallet, against the sandbox provider
//! over loopback: the schedule is cached and works offline, and every quote
//! the provider locks matches Sweep's own calculation to the won.

use std::sync::Arc;

use sweep_core::fees::{DestinationKind, LegRequest, PlanRequest, QuoteGoal, QuoteRequest, RemainingLimits, Speed};
use sweep_core::sources::{ManualSource, SourceKind};
use sweep_core::{EphemeralKeyProvider, MinorAmount, SweepError, Wallet, WalletConfig};
use sweep_sandbox::{Knobs, Sandbox};

fn krw(minor_units: i64) -> MinorAmount {
    MinorAmount { minor_units, currency_code: "KRW".into() }
}

/// A wallet with a collectable source of each kind (ids 1–4: wallet, bank,
/// game credits, points), each a transfer-scoped link to the sandbox's Toss
/// wallet holding `balance`, and a typed-in phone bill (id 5).
async fn wallet(sandbox: &Sandbox, dir: &tempfile::TempDir, balance: i64) -> Arc<Wallet> {
    let config = WalletConfig { data_dir: dir.path().display().to_string(), locale: "ko-KR".into() };
    let wallet = Wallet::open(config, EphemeralKeyProvider::new().unwrap()).await.unwrap();
    sandbox.set_platform_balance("sandbox-toss", balance);
    for (name, kind) in [
        ("Toss", SourceKind::Wallet),
        ("Bank", SourceKind::Bank),
        ("Nexon", SourceKind::GameCredits),
        ("Cashbag", SourceKind::Points),
    ] {
        sweep_tests::withdrawing::link_toss(&wallet, &sandbox.url(), name, kind).await;
    }
    let phone = ManualSource {
        name: "Phone bill".into(),
        kind: SourceKind::CarrierBilling,
        balance: krw(8_500),
        account_ref: None,
    };
    wallet.add_manual_source(phone).await.unwrap();
    assert!(wallet.sync().await.unwrap().iter().all(|r| r.synced));
    wallet
}

fn request(goal: QuoteGoal, speed: Speed) -> QuoteRequest {
    QuoteRequest { currency_code: "KRW".into(), goal, speed, destination: DestinationKind::BankAccount, limits: None }
}

#[tokio::test]
async fn the_schedule_is_cached_and_plans_work_offline() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&sandbox, &dir, 40_000).await;
    let plan_request =
        PlanRequest { currency_code: "KRW".into(), speed: Speed::Standard, limits: None, target_fee_bps: None };
    assert_eq!(wallet.plan(plan_request.clone()).await.err(), Some(SweepError::NoFeeSchedule));
    let schedule = wallet.refresh_fee_schedule(sandbox.provider_url()).await.unwrap();
    assert_eq!(schedule.version, "krw-2026-11");
    sandbox.stop().await;

    // Offline from here on.
    let plan = wallet.plan(plan_request).await.unwrap();
    assert_eq!(plan.legs.len(), 4, "{plan:#?}");
    assert!(plan.left_out.iter().any(|l| l.source_name == "Phone bill"), "phone-bill money is never planned");
    // 40,000 × (3% + 3% + 8% + 10%) = 9,600, plus 4 × 100원.
    assert_eq!((plan.total_fee.formatted.as_str(), plan.total_net.formatted.as_str()), ("10,000원", "150,000원"));
    assert!(plan.legs[0].explanation.starts_with("Toss에서 40,000원 전부를 옮겨요"), "{}", plan.legs[0].explanation);
    let estimate = wallet.estimate(request(QuoteGoal::ReceiveExactly { amount: krw(100_000) }, Speed::Instant)).await;
    assert_eq!(estimate.unwrap().total_net.amount.minor_units, 100_000);
    let phone = QuoteGoal::Legs { legs: vec![LegRequest { source_id: 5, amount: krw(8_500) }] };
    let refused = wallet.estimate(request(phone, Speed::Standard)).await;
    assert!(matches!(refused, Err(SweepError::NotCashable { source_id: 5, .. })), "{refused:?}");
    wallet.verify_ledger().await.unwrap();
}

/// A tiny deterministic generator, so a failure names its case.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

#[tokio::test]
async fn the_provider_prices_every_quote_exactly_as_sweep_does() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&sandbox, &dir, 700_000).await;
    wallet.refresh_fee_schedule(sandbox.provider_url()).await.unwrap();
    // Up to 2,000,000원 per withdrawal needs a verified ID.
    sweep_tests::verify_in_sandbox(&wallet).await.unwrap();
    let mut rng = Lcg(20_261_125);
    let (mut locked, mut refused_locally) = (0, 0);
    for case in 0..400 {
        let speed = if rng.next(2) == 0 { Speed::Standard } else { Speed::Instant };
        let mut legs = Vec::new();
        for source_id in 1..=4 {
            if rng.next(3) > 0 {
                // Small and large amounts, so the floor and the cap both show up.
                let amount = if rng.next(4) == 0 { 1 + rng.next(3_000) } else { 1 + rng.next(700_000) };
                legs.push(LegRequest { source_id, amount: krw(amount as i64) });
            }
        }
        match wallet.quote(request(QuoteGoal::Legs { legs }, speed)).await {
            Ok(quote) => {
                locked += 1;
                let b = &quote.breakdown;
                let fees: i64 =
                    b.legs.iter().map(|l| l.fee.amount.minor_units).sum::<i64>() + b.withdrawal_fee.amount.minor_units;
                assert_eq!(fees, b.total_fee.amount.minor_units, "case {case}");
            }
            Err(
                SweepError::BelowMinimum { .. } | SweepError::LimitExceeded { .. } | SweepError::InvalidInput { .. },
            ) => {
                refused_locally += 1;
            }
            Err(other) => panic!("case {case}: {other}"),
        }
    }
    println!("{locked} quotes matched the provider to the won; {refused_locally} were refused before sending");
    assert!(locked >= 250, "only {locked} quotes were locked");
}

#[tokio::test]
async fn a_mispriced_or_stale_quote_is_refused() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&sandbox, &dir, 40_000).await;
    wallet.refresh_fee_schedule(sandbox.provider_url()).await.unwrap();
    let everything = || request(QuoteGoal::Everything, Speed::Standard);

    sandbox.set_knobs(Knobs { quote_fee_offset: 1, ..Knobs::default() });
    let err = wallet.quote(everything()).await.err().unwrap();
    assert!(matches!(err, SweepError::QuoteMismatch { ref field, .. } if field == "total_fee"), "{err:?}");
    sandbox.set_knobs(Knobs::default());

    let quote = wallet.quote(everything()).await.unwrap();
    wallet.check_quote(quote.clone()).await.unwrap();
    sandbox.set_fee_schedule_version("krw-2026-12");
    let stale = wallet.quote(everything()).await.err().unwrap();
    assert_eq!(
        stale,
        SweepError::FeeScheduleStale { quote_version: "krw-2026-11".into(), current_version: "krw-2026-12".into() }
    );
    wallet.refresh_fee_schedule(sandbox.provider_url()).await.unwrap();
    assert!(matches!(wallet.check_quote(quote).await, Err(SweepError::FeeScheduleStale { .. })));
    let fresh = wallet.quote(everything()).await.unwrap();
    assert_eq!(fresh.breakdown.schedule_version, "krw-2026-12");
    assert!(
        fresh.expires_at > std::time::SystemTime::now() + std::time::Duration::from_secs(29 * 60),
        "30-minute lock"
    );
}

#[tokio::test]
async fn limits_shape_the_plan_and_refuse_quotes_above_them() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&sandbox, &dir, 40_000).await;
    wallet.refresh_fee_schedule(sandbox.provider_url()).await.unwrap();
    let limits = RemainingLimits { daily_remaining: Some(krw(50_000)), ..RemainingLimits::default() };
    let plan = wallet
        .plan(PlanRequest {
            currency_code: "KRW".into(),
            speed: Speed::Standard,
            limits: Some(limits.clone()),
            target_fee_bps: None,
        })
        .await
        .unwrap();
    assert_eq!(plan.total_gross.amount.minor_units, 50_000);
    assert!(plan.legs.iter().any(|l| l.explanation.contains("하루 한도")), "{:#?}", plan.legs);
    let mut over = request(QuoteGoal::SendExactly { amount: krw(60_000) }, Speed::Standard);
    over.limits = Some(limits);
    let err = wallet.quote(over).await.err().unwrap();
    assert!(matches!(err, SweepError::LimitExceeded { ref limit, .. } if limit == "daily"), "{err:?}");
}

/// An app's start (issue #15, item 2): the schedule is fetched when there is
/// none, kept while it is fresh (no request at all), fetched again once
/// stale, and kept, marked stale, when the provider cannot be reached.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_start_fetches_the_schedule_only_when_it_must() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = WalletConfig { data_dir: dir.path().display().to_string(), locale: "ko-KR".into() };
    let wallet = Wallet::open(config, EphemeralKeyProvider::new().unwrap()).await.unwrap();
    const DAY: u64 = 86_400;

    let first = wallet.ensure_fee_schedule(sandbox.provider_url(), DAY).await.unwrap();
    assert!(!first.stale && first.problem.is_none());
    assert!(!wallet.identity().await.unwrap().limits.is_empty(), "the tiers came with it");
    let served = sandbox.requests_served();
    let again = wallet.ensure_fee_schedule(sandbox.provider_url(), DAY).await.unwrap();
    assert_eq!((again.fetched_at, sandbox.requests_served()), (first.fetched_at, served), "fresh: nothing sent");

    let refetched = wallet.ensure_fee_schedule(sandbox.provider_url(), 0).await.unwrap();
    assert!(refetched.fetched_at > first.fetched_at && sandbox.requests_served() > served, "stale: fetched again");

    let provider = sandbox.provider_url();
    sandbox.stop().await;
    let offline = wallet.ensure_fee_schedule(provider.clone(), 0).await.unwrap();
    assert!(offline.stale && offline.problem.is_some(), "{offline:?}");
    assert_eq!(offline.fetched_at, refetched.fetched_at, "the cached one, as it was");

    let empty = tempfile::tempdir().unwrap();
    let config = WalletConfig { data_dir: empty.path().display().to_string(), locale: "ko-KR".into() };
    let fresh = Wallet::open(config, EphemeralKeyProvider::new().unwrap()).await.unwrap();
    assert!(fresh.ensure_fee_schedule(provider, DAY).await.is_err(), "nothing cached and nothing reachable");
}
