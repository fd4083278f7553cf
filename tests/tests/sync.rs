//! The sync engine against the sandbox over loopback HTTP.

use std::sync::Arc;
use std::time::{Duration, Instant};

use sweep_core::sources::{dashboard, sync_sources, AuthState, SourceApiConnector, SyncPolicy, SyncTarget};
use sweep_core::{Locale, SweepError};
use sweep_sandbox::{Fault, Knobs, Sandbox};

use sweep_tests::{wallet_with_sources as wallet, TestWallet as Fixture};

fn target(sandbox: &Sandbox, source_id: i64, token: &str) -> SyncTarget {
    SyncTarget {
        source_id,
        connector: Arc::new(SourceApiConnector::new(&sandbox.source_api_url(), token.into()).unwrap()),
    }
}

fn quick() -> SyncPolicy {
    SyncPolicy {
        base_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        ..SyncPolicy::default()
    }
}

fn balances(fx: &Fixture) -> Vec<(AuthState, i64)> {
    let guard = fx.store.lock().unwrap();
    let home = dashboard(guard.as_ref().unwrap(), Locale::KoKr).unwrap();
    home.sources.iter().map(|s| (s.auth_state, s.balance.amount.minor_units)).collect()
}

fn verify(fx: &Fixture) -> u64 {
    let guard = fx.store.lock().unwrap();
    sweep_core::ledger::verify(guard.as_ref().unwrap()).unwrap().entries
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_sources_sync_at_once_within_the_bound() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.set_knobs(Knobs { latency_ms: 100, ..Knobs::default() });
    let fx = wallet(12);
    let targets = (1..=12).map(|id| target(&sandbox, id, "sandbox-toss")).collect();
    let policy = SyncPolicy { max_concurrency: 4, ..quick() };
    let mut seen = 0;
    let reports = sync_sources(Arc::clone(&fx.store), targets, &policy, |_| seen += 1).await;
    assert_eq!(seen, 12, "every source is reported as it finishes");
    assert!(reports.iter().all(|r| r.outcome.is_ok() && r.attempts == 1), "{reports:?}");
    assert_eq!(reports.iter().map(|r| r.source_id).collect::<Vec<_>>(), (1..=12).collect::<Vec<_>>());
    let peak = sandbox.max_in_flight();
    assert!((2..=4).contains(&peak), "sources must overlap but never exceed the bound: peak {peak}");
    assert!(balances(&fx).iter().all(|b| *b == (AuthState::Linked, 12_340)));
    assert_eq!(verify(&fx), 24);
}

#[tokio::test]
async fn one_failing_source_never_blocks_or_corrupts_the_others() {
    let healthy = Sandbox::start().await.unwrap();
    let broken = Sandbox::start().await.unwrap();
    broken.set_knobs(Knobs { fault: Some(Fault::ServerError), ..Knobs::default() });
    let fx = wallet(4);
    let targets = vec![
        target(&healthy, 1, "sandbox-toss"),
        target(&broken, 2, "sandbox-toss"),
        target(&healthy, 3, "sandbox-nexon"),
        target(&healthy, 4, "sandbox-cashbag"),
    ];
    let policy = SyncPolicy { max_attempts: 3, ..quick() };
    let reports = sync_sources(Arc::clone(&fx.store), targets, &policy, |_| {}).await;
    assert_eq!(reports[1].outcome, Err(SweepError::SourceFailed { status: 503 }));
    assert_eq!(reports[1].attempts, 3, "5xx is retried up to the limit");
    assert!([0, 2, 3].iter().all(|&i| reports[i].outcome.is_ok()));
    let amounts: Vec<i64> = balances(&fx).into_iter().map(|(_, m)| m).collect();
    assert_eq!(amounts, [12_340, 0, 3_300, 2_150]);
    assert_eq!(verify(&fx), 7, "4 opening entries and 3 synced");
}

#[tokio::test]
async fn transient_failures_are_retried_until_they_pass() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.set_knobs(Knobs { fault: Some(Fault::ServerError), fault_times: 2, ..Knobs::default() });
    let fx = wallet(1);
    let reports =
        sync_sources(Arc::clone(&fx.store), vec![target(&sandbox, 1, "sandbox-toss")], &quick(), |_| {}).await;
    assert_eq!((reports[0].attempts, reports[0].outcome.is_ok()), (3, true), "{reports:?}");
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.set_knobs(Knobs { fault: Some(Fault::RateLimited), fault_times: 1, retry_after_s: 1, ..Knobs::default() });
    let fx = wallet(1);
    let started = Instant::now();
    let reports =
        sync_sources(Arc::clone(&fx.store), vec![target(&sandbox, 1, "sandbox-toss")], &quick(), |_| {}).await;
    assert_eq!((reports[0].attempts, reports[0].outcome.is_ok()), (2, true), "{reports:?}");
    assert!(started.elapsed() >= Duration::from_secs(1), "the second attempt waited for Retry-After");

    // A wait longer than the policy allows ends the source's sync instead.
    sandbox.set_knobs(Knobs { fault: Some(Fault::RateLimited), retry_after_s: 3_600, ..Knobs::default() });
    let reports =
        sync_sources(Arc::clone(&fx.store), vec![target(&sandbox, 1, "sandbox-toss")], &quick(), |_| {}).await;
    assert_eq!(reports[0].outcome, Err(SweepError::RateLimited { retry_after_ms: Some(3_600_000) }));
    assert_eq!(reports[0].attempts, 1);
}

#[tokio::test]
async fn a_slow_source_times_out_per_attempt() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.set_knobs(Knobs { latency_ms: 2_000, ..Knobs::default() });
    let fx = wallet(1);
    let policy = SyncPolicy { attempt_timeout: Duration::from_millis(50), max_attempts: 2, ..quick() };
    let reports = sync_sources(Arc::clone(&fx.store), vec![target(&sandbox, 1, "sandbox-toss")], &policy, |_| {}).await;
    assert_eq!(reports[0].outcome, Err(SweepError::Timeout { after_ms: 50 }));
    assert_eq!(reports[0].attempts, 2);
}

#[tokio::test]
async fn a_source_that_outlasts_its_time_budget_ends_alone() {
    let slow = Sandbox::start().await.unwrap();
    let healthy = Sandbox::start().await.unwrap();
    slow.set_knobs(Knobs { latency_ms: 5_000, ..Knobs::default() });
    let fx = wallet(2);
    // Each attempt may take 400 ms and ten are allowed; the source as a
    // whole gets 1 s, so it ends after about three attempts.
    let policy = SyncPolicy {
        attempt_timeout: Duration::from_millis(400),
        max_attempts: 10,
        source_timeout: Duration::from_millis(1_000),
        ..quick()
    };
    let started = Instant::now();
    let targets = vec![target(&slow, 1, "sandbox-toss"), target(&healthy, 2, "sandbox-toss")];
    let reports = sync_sources(Arc::clone(&fx.store), targets, &policy, |_| {}).await;
    let took = started.elapsed();
    assert_eq!(reports[0].outcome, Err(SweepError::Timeout { after_ms: 1_000 }), "{reports:?}");
    assert!((2..=4).contains(&reports[0].attempts), "{reports:?}");
    assert!(took < Duration::from_millis(2_500), "the budget bounds the whole source: {took:?}");
    assert!(reports[1].outcome.is_ok(), "the other source is unaffected: {reports:?}");
    assert_eq!(balances(&fx), [(AuthState::Linked, 0), (AuthState::Linked, 12_340)]);
}

#[tokio::test]
async fn dropped_connections_are_retried() {
    let sandbox = Sandbox::start().await.unwrap();
    // The first two connections are cut in the middle of the request.
    let proxy = sweep_tests::proxy::CuttingProxy::start(sandbox.addr(), 10, 2).await;
    let url = sandbox.source_api_url().replace(&sandbox.addr().to_string(), &proxy.addr().to_string());
    let connector = Arc::new(SourceApiConnector::new(&url, "sandbox-toss".into()).unwrap());
    let fx = wallet(1);
    let targets = vec![SyncTarget { source_id: 1, connector }];
    let reports = sync_sources(Arc::clone(&fx.store), targets, &quick(), |_| {}).await;
    assert_eq!((reports[0].attempts, reports[0].outcome.is_ok()), (3, true), "{reports:?}");
    assert_eq!(proxy.cuts_made(), 2);
    assert_eq!(balances(&fx), [(AuthState::Linked, 12_340)]);
}

#[tokio::test]
async fn a_flaky_platform_is_read_through_its_failures() {
    let sandbox = Sandbox::start().await.unwrap();
    // Three answers in ten are 503s, spread evenly: never two in a row.
    sandbox.set_knobs(Knobs { error_rate_percent: 30, ..Knobs::default() });
    let fx = wallet(10);
    let targets = (1..=10).map(|id| target(&sandbox, id, "sandbox-toss")).collect();
    let policy = SyncPolicy { max_attempts: 6, ..quick() };
    let reports = sync_sources(Arc::clone(&fx.store), targets, &policy, |_| {}).await;
    assert!(reports.iter().all(|r| r.outcome.is_ok()), "{reports:?}");
    let attempts: u32 = reports.iter().map(|r| r.attempts).sum();
    assert!(attempts >= 13, "about 3 in 10 answers failed and were retried: {attempts} attempts");
    assert!(balances(&fx).iter().all(|b| *b == (AuthState::Linked, 12_340)));
}

#[tokio::test]
async fn a_token_endpoint_that_hangs_holds_up_only_its_own_source() {
    use sweep_core::sources::{Link, LinkedConnector, OAuthConfig, SourceEndpoint};
    let sandbox = Sandbox::start().await.unwrap();
    // A token endpoint that accepts connections and never answers.
    let hanging = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let token_endpoint = format!("http://{}/token", hanging.local_addr().unwrap());
    let oauth = OAuthConfig {
        issuer: token_endpoint.clone(),
        authorize_endpoint: token_endpoint.clone(),
        token_endpoint,
        client_id: "sweep-app".into(),
        redirect_uri: "com.sweepwallet.app:/oauth/callback".into(),
        scopes: vec![],
    };
    let link = Link {
        endpoint: SourceEndpoint::SourceApi { base_url: sandbox.source_api_url() },
        oauth,
        access_token: "sandbox-toss".into(),
        refresh_token: Some("due-for-refresh".into()),
        expires_at_ms: 0,
        granted_scopes: vec![],
        subject: None,
    };
    let fx = wallet(2);
    let linked = LinkedConnector::new(1, Arc::clone(&fx.store), link).unwrap();
    let targets = vec![SyncTarget { source_id: 1, connector: linked }, target(&sandbox, 2, "sandbox-nexon")];
    let policy = SyncPolicy {
        attempt_timeout: Duration::from_millis(300),
        source_timeout: Duration::from_millis(800),
        ..quick()
    };
    let mut order = Vec::new();
    let reports = sync_sources(Arc::clone(&fx.store), targets, &policy, |r| order.push(r.source_id)).await;
    assert_eq!(order, [2, 1], "the healthy source finished first");
    assert!(reports[1].outcome.is_ok(), "{reports:?}");
    assert!(matches!(reports[0].outcome, Err(SweepError::Timeout { .. })), "{reports:?}");
    assert_eq!(balances(&fx), [(AuthState::Linked, 0), (AuthState::Linked, 3_300)]);
    drop(hanging);
}

#[tokio::test]
async fn expired_and_revoked_grants_change_the_auth_state() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = wallet(2);
    sandbox.set_knobs(Knobs { fault: Some(Fault::ExpiredToken), fault_times: 1, ..Knobs::default() });
    let reports =
        sync_sources(Arc::clone(&fx.store), vec![target(&sandbox, 1, "sandbox-toss")], &quick(), |_| {}).await;
    assert!(matches!(reports[0].outcome, Err(SweepError::AuthExpired { .. })));
    assert_eq!(reports[0].attempts, 1, "an expired grant is not retried");
    sandbox.set_knobs(Knobs { fault: Some(Fault::Revoked), fault_times: 1, ..Knobs::default() });
    sync_sources(Arc::clone(&fx.store), vec![target(&sandbox, 2, "sandbox-toss")], &quick(), |_| {}).await;
    assert_eq!(balances(&fx), [(AuthState::NeedsReauth, 0), (AuthState::Revoked, 0)]);
}
