//! Runs the real `sweep` binary.

use std::process::{Command, Output};

/// The passphrase of every wallet these tests make.
const PASSPHRASE: &str = "correct horse battery staple";

fn sweep(args: &[&str]) -> Output {
    sweep_as(PASSPHRASE, args)
}

/// `sweep` with `passphrase` in `SWEEP_PASSPHRASE`, as a script gives it.
fn sweep_as(passphrase: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sweep"))
        .args(args)
        .env_remove("SWEEP_DATA_DIR")
        .env_remove("SWEEP_NEW_PASSPHRASE")
        // These tests read English; the_demo_runs_in_korean asks for Korean.
        .env("SWEEP_LOCALE", "en-US")
        .env("SWEEP_PASSPHRASE", passphrase)
        .output()
        .expect("sweep runs")
}

/// `sweep init` in `data_dir`.
fn init(data_dir: &str) {
    let made = sweep(&["--data-dir", data_dir, "init"]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_demo_runs_in_english() {
    let out = sweep(&["demo"]);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    for expected in [
        "₩12,340",
        "$1.50",
        "refund to origin",
        "Linked 6 sandbox sources with OAuth (PKCE, no client secret)",
        "Synced 6 of 6 linked sources; 8 new transactions.",
        "just now",
        "£51.95",
        "Cashable now: ₩26,710 + £51.95\n",
        "tracked only",
        "#1 KakaoPay: You typed this balance in, so Sweep only tracks it.",
        "#6 Nexon Cash: Nexon Cash is refundable once 60% of it has been used.",
        "Receipt SWP00001: ₩25,609 to Shinhan •••• 6789",
        "UTC.",
        "cashable (transfer)",
        "cashable (bank payment)",
        "₩3,000 of payment pay-9c0e44: back on the phone bill",
        "you receive ₩25,609",
        "Worth cashing out now.",
        "The fee shown is the fee charged.",
        "Removed before upload: EXIF.",
        "Identity verified: ID verified.",
        "carry no EXIF at all, so no GPS tag",
        "If a source does not let its money go, you pay only the fee share of what arrives",
        "leg from source #4: ₩12,340 (fee share ₩470), collected [collection col-wd-00001-1]",
        "waiting for you to approve it at your bank",
        "leg from source #8: ₩9,500 (fee share ₩385), collected [collection col-wd-00001-2]",
        "Withdrawal #1: ₩25,609 to payee #1, completed",
        "fee ₩1,101 exactly as quoted (₩26,710 collected from your sources)",
        "₩9,500 left High-street bank and reached the provider.",
        "After the next sync the platforms show what they really hold: Toss wallet ₩0, KakaoPay Money ₩0, Nexon Cash ₩3,300, OK Cashbag ₩2,150, High-street bank ₩0",
        "leg from source #5: ₩3,000 (fee share ₩190), not collected",
        "Withdrawal #2: ₩8,630 to payee #1, completed",
        "fee ₩370 by the partial collection rule",
        "quoted ₩11,440 for a fee of ₩560; paid ₩8,630 for a fee of ₩370",
        "Statement: ₩9,000 collected = ₩8,630 paid out + ₩370 fee + ₩0 sent back.",
        "KakaoPay Money kept its ₩3,000: it was not collected, and cost nothing.",
        // 3 typed in and 6 synced; each withdrawal's holds and the debits of
        // the legs that arrived (and the release of the one that did not);
        // the syncs after each; the phone bill again after its refund.
        "Ledger verified: 35 entries",
    ] {
        assert!(text.contains(expected), "demo output lacks {expected:?}:\n{text}");
    }
    assert!(!text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)), "Korean in the English demo:\n{text}");
    assert!(!text.contains("010-1234-5678"), "the demo must not print a full phone number");
    assert!(!text.contains("│ 1 ┆ KakaoPay       ┆"), "typed-in money is never planned");
}

/// `sweep --help` in the wallet's language: Korean by default, English
/// when `SWEEP_LOCALE` or `--locale` asks, `--locale` first.
#[test]
fn help_speaks_the_wallets_language() {
    // Korean by default (no SWEEP_LOCALE), English when asked, before clap parses.
    let korean = Command::new(env!("CARGO_BIN_EXE_sweep"))
        .args(["withdraw", "--help"])
        .env_remove("SWEEP_LOCALE")
        .output()
        .unwrap();
    assert!(korean.status.success());
    let text = stdout(&korean);
    for expected in ["사용법: sweep withdraw", "옵션:", "받는 계좌 번호", "도움말을 보여 줘요"] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert!(!text.contains("Usage:") && !text.contains("Print help"), "{text}");
    let english = sweep(&["withdraw", "--help"]);
    let text = stdout(&english);
    assert!(text.contains("Usage: sweep withdraw") && text.contains("The payee's number"), "{text}");
    let asked = sweep(&["--locale", "ko-KR", "withdraw", "--help"]);
    assert!(stdout(&asked).contains("사용법:"), "--locale wins over SWEEP_LOCALE");
}

/// `sweep demo` in Korean (the default locale): every sentence from the
/// catalogs, amounts in 원, times on Korea's clock, the sandbox's own words
/// in Korean because the wallet asks for them; no English sentence left.
#[test]
fn the_demo_runs_in_korean() {
    let out = sweep(&["--locale", "ko-KR", "demo"]);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    for expected in [
        "샌드박스 출처 6곳을 OAuth(PKCE, 클라이언트 비밀 없음)로 연결했어요",
        "연결된 출처 6곳 중 6곳을 동기화했어요. 새 거래 8건.",
        "지금 현금으로 바꿀 수 있는 돈: 26,710원 + £51.95\n",
        "#1 KakaoPay: 직접 입력한 잔액이라 Sweep은 기록만 해요.",
        "#6 Nexon Cash: 넥슨캐시는 60% 이상 쓰면 환불받을 수 있어요.",
        "출금 가능 (이체)",
        "출금 가능 (은행 결제)",
        "원래 결제로 환불만",
        "Toss wallet에서 12,340원 전부를 옮겨요 (수수료율 3%, 수수료 470원).",
        "25,609원을 받아요. 일반 지급, 약 24시간.",
        "지금 출금할 만해요.",
        "보이는 수수료가 그대로 청구돼요.",
        "올리기 전에 지운 정보: EXIF.",
        "본인 인증 완료: 신분증 인증 완료.",
        "EXIF가 전혀 없어서 GPS 태그도 없어요",
        "Shinhan •••• 6789 계좌로 25,609원 보낼까요? yes",
        "출처가 돈을 보내 주지 않으면, 실제로 도착한 돈의 수수료 몫만 내요",
        "출처 #4에서 12,340원 (수수료 몫 470원), 모음 [수금 col-wd-00001-1]",
        "은행에서 승인을 기다리는 중",
        "출금 #1: 받는 계좌 #1에 25,609원, 완료",
        "영수증 SWP00001: Shinhan •••• 6789 계좌로 25,609원, 수수료 1,101원 (견적 그대로; 내 출처에서 모은 돈 26,710원), 완료 ",
        "High-street bank에서 9,500원 빠져나가 제공사에 도착했어요.",
        "다음 동기화 뒤 각 플랫폼에 실제로 남은 돈: Toss wallet 0원, KakaoPay Money 0원, Nexon Cash 3,300원, OK Cashbag 2,150원, High-street bank 0원.",
        "모으지 못함 [수금 col-wd-00002-2]: 플랫폼이 이 잔액을 옮기는 것을 거절했어요.",
        "정산: 모은 돈 9,000원 = 보낸 돈 8,630원 + 수수료 370원 + 돌려보낸 돈 0원.",
        "KakaoPay Money의 3,000원은 그대로 있어요. 모으지 못했고 수수료도 없어요.",
        "견적: 11,440원 (수수료 560원), 실제 지급: 8,630원 (수수료 370원).",
        "결제 pay-9c0e44의 3,000원: 휴대폰 요금으로 환불됨",
        "원장 검증 완료: 항목 35개",
    ] {
        assert!(text.contains(expected), "the Korean demo lacks {expected:?}:\n{text}");
    }
    // A receipt's time is Korea's: "2026년 12월 5일 13:45", never UTC.
    let receipt = text.lines().find(|l| l.contains("영수증 SWP00001")).unwrap();
    assert!(receipt.contains("년 ") && receipt.contains("월 ") && !receipt.contains("UTC"), "{receipt}");
    // No English sentence: three English words in a row appear only inside
    // names the user gave (the demo's sources and the payee's bank).
    let names =
        ["SKT phone-bill refund", "High-street bank", "Toss wallet", "KakaoPay Money", "OK Cashbag", "Nexon Cash"];
    for line in text.lines() {
        let mut rest = line.to_owned();
        for name in names {
            rest = rest.replace(name, "");
        }
        let english_run = rest
            .split(|c: char| !(c.is_ascii_alphabetic() || c == ' '))
            .any(|run| run.split_whitespace().filter(|w| w.len() > 1).count() >= 3);
        assert!(!english_run, "an English sentence in the Korean demo: {line:?}");
    }
}

#[test]
fn help_documents_every_command() {
    let text = stdout(&sweep(&["--help"]));
    let commands = [
        "demo",
        "init",
        "lock",
        "key",
        "add-source",
        "dashboard",
        "verify",
        "link",
        "sync",
        "transactions",
        "refund",
        "fees",
    ];
    for command in commands.into_iter().chain(["plan", "quote", "verify-id", "withdraw", "track", "--data-dir"]) {
        assert!(text.contains(command), "--help lacks {command}:\n{text}");
    }
}

/// A wallet in a data dir, its key protected by a passphrase, used by
/// separate processes.
#[test]
fn a_wallet_in_a_data_dir_survives_across_processes() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    init(data_dir);
    let added = sweep(&[
        "--data-dir",
        data_dir,
        "add-source",
        "Toss",
        "wallet",
        "12340",
        "KRW",
        "--account-ref",
        "010-2222-3333",
    ]);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));

    let refused = sweep(&["--data-dir", data_dir, "add-source", "Bad", "wallet", "12.5", "KRW"]);
    assert!(!refused.status.success(), "won have no decimals: nothing is rounded");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("more decimal places"), "{refused:?}");
    let mixed = sweep(&["--data-dir", data_dir, "add-source", "Bad", "wallet", "1.50 USD", "KRW"]);
    assert!(String::from_utf8_lossy(&mixed.stderr).contains("currency mismatch"), "{mixed:?}");
    let dollars = sweep(&["--data-dir", data_dir, "add-source", "PayPal", "wallet", "$1.50"]);
    assert!(dollars.status.success(), "{dollars:?}");

    let shown = stdout(&sweep(&["--data-dir", data_dir, "--locale", "en-US", "dashboard"]));
    assert!(shown.contains("₩12,340") && shown.contains("•••• 3333") && shown.contains("$1.50"), "{shown}");
    assert!(!shown.contains("Bad"), "a refused source was written:\n{shown}");
    assert!(stdout(&sweep(&["--data-dir", data_dir, "verify"])).contains("2 entries"));
}

#[test]
fn sources_are_edited_removed_exported_and_the_account_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("wallet");
    let data_dir = data_dir.to_str().unwrap();
    init(data_dir);
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data_dir, "--locale", "en-US"];
        all.extend_from_slice(args);
        let out = sweep(&all);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        stdout(&out)
    };
    run(&["add-source", "Jar", "wallet", "1,000", "--account-ref", "110-222-333444"]);
    run(&["add-source", "Old", "points", "500"]);
    assert!(run(&["edit-source", "1", "Cash jar", "wallet", "1,500"]).contains("Changed source #1"));
    assert!(run(&["remove-source", "2"]).contains("Removed 'Old'"));
    let shown = run(&["dashboard"]);
    assert!(shown.contains("Cash jar") && shown.contains("₩1,500") && !shown.contains("Old"), "{shown}");
    assert!(shown.contains("•••• 3444"), "the account reference was kept: {shown}");

    let export = dir.path().join("export");
    let said = run(&["export", export.to_str().unwrap()]);
    assert!(said.contains("Exported 2 sources, 3 balance entries"), "{said}");
    let json = std::fs::read_to_string(export.join("sweep-export.json")).unwrap();
    assert!(json.contains("\"state\": \"removed\"") && !json.contains("110-222-333444"), "{json}");

    let gone = run(&["delete-account", "--yes"]);
    assert!(gone.contains("Your account is deleted"), "{gone}");
    assert!(!std::path::Path::new(data_dir).exists(), "nothing of the wallet is left");
}

/// Fees, plans and quotes in later processes: the schedule fetched once is
/// kept sealed, and plans and estimates need no provider.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fees_plans_and_quotes_across_processes() {
    let sandbox = sweep_sandbox::Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap().to_owned();
    init(&data_dir);
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data_dir.as_str()];
        all.extend_from_slice(args);
        sweep(&all)
    };
    assert!(run(&["add-source", "KakaoPay", "wallet", "4870", "KRW"]).status.success());
    let too_early = run(&["plan"]);
    assert!(String::from_utf8_lossy(&too_early.stderr).contains("no fee schedule"), "{too_early:?}");
    let fees = stdout(&run(&["fees", "--provider", &sandbox.provider_url()]));
    assert!(fees.contains("krw-2026-11"), "{fees}");
    let plan = stdout(&run(&["plan"]));
    assert!(plan.contains("KakaoPay: You typed this balance in, so Sweep only tracks it."), "{plan}");
    assert!(plan.contains("Nothing in KRW can be cashed out yet."), "typed-in money is never planned: {plan}");
    sandbox.set_platform_balance("sandbox-toss", 4_870);
    link_toss(&data_dir, &sandbox).await;
    assert!(stdout(&run(&["sync"])).contains("Synced 1 of 1"));
    let plan = stdout(&run(&["plan"]));
    assert!(plan.contains("below the ₩5,000 minimum. Add ₩130 more."), "{plan}");
    sandbox.set_platform_balance("sandbox-toss", 17_210);
    assert!(stdout(&run(&["sync"])).contains("Synced 1 of 1"));
    let plan = stdout(&run(&["plan", "--daily-remaining", "₩10,000"]));
    assert!(plan.contains("you receive ₩9,600") && plan.contains("daily limit of ₩10,000"), "{plan}");
    let locked = stdout(&run(&["quote", "--receive", "10,000"]));
    assert!(locked.contains("you receive ₩10,000") && locked.contains("is locked until"), "{locked}");
    assert!(locked.contains("The fee shown is the fee charged."), "{locked}");
    sandbox.stop().await;
    let estimate = stdout(&run(&["quote", "--estimate", "--receive", "10000"]));
    assert!(estimate.contains("you receive ₩10,000"), "estimates work offline: {estimate}");
    let bad = run(&["quote", "--estimate", "--leg", "1=0"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("must be more than zero"), "{bad:?}");
}

/// `sweep verify-id`: feedback for a poor photo, an upload for a good one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_id_gives_feedback_and_uploads() {
    use sweep_core::identity::sample::{sample_card, with_gps_exif};
    let sandbox = sweep_sandbox::Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("wallet").display().to_string();
    init(&data_dir);
    let blurry = dir.path().join("blurry.jpg");
    std::fs::write(&blurry, sample_card(1_400, 900, true, true)).unwrap();
    let tus = sandbox.tus_url();
    let out = sweep(&["--data-dir", &data_dir, "verify-id", blurry.to_str().unwrap(), "--upload", &tus]);
    let text = stdout(&out);
    assert!(!out.status.success());
    assert!(text.contains("Too blurry — hold the phone steady") && text.contains("Too much glare"), "{text}");
    let good = dir.path().join("id.jpg");
    std::fs::write(&good, with_gps_exif(&sample_card(1_400, 900, false, false))).unwrap();
    let out =
        sweep(&["--data-dir", &data_dir, "verify-id", good.to_str().unwrap(), "--upload", &tus, "--side", "back"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("Removed before upload: EXIF.") && text.contains("the outbox is empty again"), "{text}");
    let fees = sweep(&["--data-dir", &data_dir, "fees", "--provider", &sandbox.provider_url()]);
    assert!(fees.status.success());
    let before = stdout(&sweep(&["--data-dir", &data_dir, "identity"]));
    assert!(
        before.contains("Tier: not verified yet") && before.contains("up to ₩200,000"),
        "tiers and limits in words: {before}"
    );
    let session = sweep(&["--data-dir", &data_dir, "verify-id", good.to_str().unwrap(), "--session"]);
    let said = stdout(&session);
    assert!(said.contains("Waiting for the provider to check your ID") && said.contains("sweep identity"), "{said}");
    assert!(said.contains("Identity verified: ID verified."), "{said}");
    assert!(stdout(&sweep(&["--data-dir", &data_dir, "identity"])).contains("Tier: ID verified"));
    // Verified: payees are the user's own, unless knowingly someone else's.
    let other = ["add-payee", "Lee Jiwoo", "--bank", "004", "--account", "4444-5555-6666"];
    let refused = sweep(&[&["--data-dir", data_dir.as_str()][..], &other].concat());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        !refused.status.success() && said.contains("not in your verified name") && said.contains("--someone-else"),
        "{said}"
    );
    let confirmed = sweep(&[&["--data-dir", data_dir.as_str()][..], &other, &["--someone-else"]].concat());
    assert!(stdout(&confirmed).contains("Added payee #1"), "{confirmed:?}");
    let missing = sweep(&["--data-dir", &data_dir, "verify-id", "/nonexistent/id.jpg"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("Missing"), "{missing:?}");
}

/// `sweep add-payee`, `sweep withdraw --yes` and `sweep track` in later
/// processes; the confirmation key is sealed under the passphrase next to
/// the wallet, and moves with it to a new passphrase.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payees_withdraw_and_track_across_processes() {
    let sandbox = sweep_sandbox::Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().display().to_string();
    init(&data_dir);
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data_dir.as_str()];
        all.extend_from_slice(args);
        sweep(&all)
    };
    sandbox.set_platform_balance("sandbox-toss", 40_000);
    link_toss(&data_dir, &sandbox).await;
    assert!(stdout(&run(&["sync"])).contains("Synced 1 of 1"));
    assert!(run(&["fees", "--provider", &sandbox.provider_url()]).status.success());
    let bad = run(&["add-payee", "Kim Minji", "--iban", "GB82WEST12345698765433"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("iban"), "{bad:?}");
    let added = stdout(&run(&["add-payee", "Kim Minji", "--bank", "088", "--account", "110-123-456789"]));
    assert!(added.contains("Added payee #1: Shinhan •••• 6789"), "{added}");
    let sent = run(&["withdraw", "--payee", "1", "--yes"]);
    let text = stdout(&sent);
    assert!(sent.status.success(), "{text}{}", String::from_utf8_lossy(&sent.stderr));
    assert!(text.contains("Before your first cash-out:") && text.contains("1332"), "the safety guide: {text}");
    assert!(
        text.contains("Send ₩38,700 to Shinhan •••• 6789? yes")
            && text.contains("Withdrawal #1: ₩38,700 to payee #1, processing"),
        "{text}"
    );
    let tracked = stdout(&run(&["track", "1"]));
    assert!(tracked.contains("sent, expected in about 24 h") && tracked.contains("completed"), "{tracked}");
    assert!(
        tracked.contains("Following withdrawal #1: a look every") && tracked.contains("picks it up later"),
        "{tracked}"
    );
    assert!(stdout(&run(&["verify"])).contains("Ledger verified"));

    // History and control.
    let listed = stdout(&run(&["withdrawals"]));
    // Today as English writes it ("Dec 5, 2026"), from the UTC date.
    let date = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        [date[5..7].parse::<usize>().unwrap() - 1];
    let today = format!("{month} {}, {}", date[8..10].trim_start_matches('0'), &date[..4]);
    assert!(listed.contains(&today) && listed.contains("Withdrawal #1: ₩38,700 to payee #1, completed"), "{listed}");
    let receipt = stdout(&run(&["receipt", "1"]));
    assert!(receipt.contains("Receipt") && receipt.contains("Statement: ₩40,000 collected"), "{receipt}");
    let late = run(&["cancel", "1"]);
    assert!(String::from_utf8_lossy(&late.stderr).contains("can no longer be canceled"), "{late:?}");
    assert!(stdout(&run(&["resume"])).contains("Nothing is unfinished."));
    let limits = stdout(&run(&["limits"]));
    assert!(limits.contains("Verification: not verified yet") && limits.contains("Left today:"), "{limits}");

    // A new passphrase: the same confirmation key signs the next withdrawal
    // (the provider would refuse a new one that no identity check approved).
    let changed = Command::new(env!("CARGO_BIN_EXE_sweep"))
        .args(["--data-dir", &data_dir, "key", "passphrase"])
        .env("SWEEP_PASSPHRASE", PASSPHRASE)
        .env("SWEEP_NEW_PASSPHRASE", "a second, longer passphrase")
        .output()
        .unwrap();
    assert!(changed.status.success(), "{}", String::from_utf8_lossy(&changed.stderr));
    assert!(!run(&["dashboard"]).status.success(), "the old passphrase no longer opens it");
    let again = |args: &[&str]| {
        let mut all = vec!["--data-dir", data_dir.as_str()];
        all.extend_from_slice(args);
        sweep_as("a second, longer passphrase", &all)
    };
    sandbox.set_platform_balance("sandbox-toss", 20_000);
    assert!(stdout(&again(&["sync"])).contains("Synced 1 of 1"));
    let second = again(&["withdraw", "--payee", "1", "--yes", "--instant"]);
    assert!(second.status.success(), "{}{}", stdout(&second), String::from_utf8_lossy(&second.stderr));
    let second = stdout(&second);
    assert!(second.contains("Withdrawal #2:") && second.contains("instant"), "{second}");
    assert!(second.contains("Before you confirm:") && !second.contains("Before your first cash-out"), "{second}");

    // Far more than ever, to a payee added today: the shield stops a
    // confirmed-in-advance withdrawal, and notes a knowing go-ahead.
    sandbox.set_platform_balance("sandbox-toss", 300_000);
    assert!(stdout(&again(&["sync"])).contains("Synced 1 of 1"));
    let stopped = again(&["withdraw", "--payee", "1", "--yes"]);
    assert!(!stopped.status.success(), "{}", stdout(&stopped));
    assert!(stdout(&stopped).contains("Stop and check:"), "{}", stdout(&stopped));
    assert!(String::from_utf8_lossy(&stopped.stderr).contains("--accept-risk"), "{stopped:?}");
    let payouts = sandbox.payouts();
    let accepted = again(&["withdraw", "--payee", "1", "--yes", "--accept-risk"]);
    let noted = std::fs::read_to_string(dir.path().join("shield.log")).unwrap();
    assert!(noted.contains("step-up accepted (--accept-risk): new_payee_large_amount"), "{noted}");
    // Going ahead knowingly does not lift the new payee's cool-down.
    assert!(String::from_utf8_lossy(&accepted.stderr).contains("payee 1 is new; above ₩100,000"), "{accepted:?}");
    assert_eq!(sandbox.payouts(), payouts, "nothing was sent");

    // A wallet payee: the quote is priced for a wallet, so it pays out.
    let phone = again(&["add-payee", "Kim Minji", "--phone", "+821012345678"]);
    assert!(phone.status.success(), "{}", String::from_utf8_lossy(&phone.stderr));
    let to_wallet = again(&["withdraw", "--payee", "2", "--receive", "10,000", "--yes", "--accept-risk"]);
    let said = format!("{}{}", stdout(&to_wallet), String::from_utf8_lossy(&to_wallet.stderr));
    assert!(to_wallet.status.success() && said.contains("Withdrawal #3:"), "{said}");
    assert_eq!(sandbox.payouts(), payouts + 1, "paid to the wallet");
}

/// A withdrawal the provider could not take (it was down) is carried on by
/// the next command that opens the wallet, whatever that command is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_carries_on_unfinished_withdrawals_first() {
    let sandbox = sweep_sandbox::Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().display().to_string();
    init(&data_dir);
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data_dir.as_str()];
        all.extend_from_slice(args);
        sweep(&all)
    };
    sandbox.set_platform_balance("sandbox-toss", 40_000);
    link_toss(&data_dir, &sandbox).await;
    assert!(stdout(&run(&["sync"])).contains("Synced 1 of 1"));
    assert!(run(&["fees", "--provider", &sandbox.provider_url()]).status.success());
    assert!(run(&["add-payee", "Kim Minji", "--bank", "088", "--account", "110-123-456789"]).status.success());
    sandbox.set_knobs(sweep_sandbox::Knobs { provider_down: true, ..Default::default() });
    let sent = run(&["withdraw", "--payee", "1", "--yes"]);
    assert!(!sent.status.success(), "the provider is down: {}", stdout(&sent));
    assert_eq!(sandbox.payouts(), 0);
    sandbox.set_knobs(sweep_sandbox::Knobs::default());
    let later = stdout(&run(&["dashboard"]));
    assert!(later.contains("Carried on 1 unfinished withdrawal(s) from an earlier run:"), "{later}");
    assert!(later.contains("Withdrawal #1: ₩38,700 to payee #1, processing"), "{later}");
    assert_eq!(sandbox.payouts(), 1, "sent once, with its stored key");
    // Each later command tells only real progress, until there is none.
    let mut told = Vec::new();
    for _ in 0..5 {
        let out = stdout(&run(&["dashboard"]));
        if !out.contains("Carried on") {
            break;
        }
        told.push(out);
    }
    assert!(told.last().is_some_and(|t| t.contains("completed")), "{told:?}");
    assert!(told.len() <= 2, "sent, then completed: {told:?}");
    assert_eq!(sandbox.payouts(), 1);
}

/// `sweep relink` signs in again and keeps the source, its number and balance.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn relink_keeps_the_source() {
    let sandbox = sweep_sandbox::Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().display().to_string();
    init(&data_dir);
    sandbox.set_platform_balance("sandbox-toss", 12_340);
    link_toss(&data_dir, &sandbox).await;
    assert!(stdout(&sweep(&["--data-dir", &data_dir, "sync"])).contains("Synced 1 of 1"));
    let again = sign_in_via_cli(&data_dir, &["relink", "1"]).await;
    assert!(again.iter().any(|l| l.starts_with("Linked source #1 again")), "{again:?}");
    let listed = stdout(&sweep(&["--data-dir", &data_dir, "sources"]));
    assert!(listed.contains("Toss") && !listed.contains("│ 2 "), "{listed}");
    let home = stdout(&sweep(&["--data-dir", &data_dir, "--locale", "en-US", "dashboard"]));
    assert!(home.contains("₩12,340"), "{home}");
}

/// `sweep verify-phone` asks the operator, with the linked operator
/// source's sign-in, and raises the tier only on a match.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_phone_asks_the_operator() {
    let sandbox = sweep_sandbox::Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().display().to_string();
    init(&data_dir);
    let (billing, refund) = sandbox.camara_urls();
    let issuer = sandbox.oauth_issuer("sandbox-operator");
    let args = ["SKT", "carrier-billing", "--carrier-billing", &billing, "--carrier-refund", &refund];
    let linked = link_via_cli(&data_dir, &args, &issuer).await;
    assert!(linked.iter().any(|l| l.starts_with("Linked source #1")), "{linked:?}");
    let (nv, _) = sandbox.camara_identity_urls();
    let run = |phone: &str| {
        stdout(&sweep(&["--data-dir", &data_dir, "verify-phone", phone, "--operator", "1", "--url", &nv]))
    };
    let other = run("+821099998888");
    assert!(other.contains("not this device's. Nothing changed."), "{other}");
    let ours = run(sweep_sandbox::SUBSCRIBER_NUMBER);
    assert!(ours.contains("Verified: the number is this device's."), "{ours}");
}

#[test]
fn commands_other_than_demo_need_a_data_dir() {
    let out = sweep(&["dashboard"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--data-dir"));
}

/// `sweep link` against a real OpenID provider and the sandbox, then
/// `sweep sync` and `sweep sources` in later processes (the link is sealed
/// in the wallet, its key protected by the passphrase).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_then_sync_and_list_across_processes() {
    let Some(issuer) = std::env::var("SWEEP_OIDC_ISSUER").ok().filter(|u| !u.is_empty()) else {
        // Under CI=true a missing service fails the run; elsewhere the skip
        // goes to the terminal, past cargo's output capture.
        assert!(std::env::var("CI").map_or(true, |v| v != "true"), "CI=true, and SWEEP_OIDC_ISSUER is not set");
        use std::io::Write;
        let _ =
            writeln!(std::io::stderr(), "skip: SWEEP_OIDC_ISSUER is not set (cargo xtask test starts oidc-provider)");
        return;
    };
    let sandbox = sweep_sandbox::Sandbox::start().await.unwrap();
    sandbox.set_knobs(sweep_sandbox::Knobs { any_token_as: Some("sandbox-nexon".into()), ..Default::default() });
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap().to_owned();
    init(&data_dir);

    let rest =
        link_via_cli(&data_dir, &["Nexon Cash", "game-credits", "--api", &sandbox.source_api_url()], &issuer).await;
    assert!(rest.iter().any(|l| l.starts_with("Linked source #1")), "{rest:?}");

    let synced = stdout(&sweep(&["--data-dir", &data_dir, "sync"]));
    assert!(synced.contains("Synced 1 of 1 linked sources; 2 new transactions."), "{synced}");
    let history = stdout(&sweep(&["--data-dir", &data_dir, "transactions", "1"]));
    assert!(history.contains("Item purchase") && history.contains("-₩6,700"), "{history}");
    let again = stdout(&sweep(&["--data-dir", &data_dir, "sync"]));
    assert!(again.contains("0 new transactions"), "a later process resumes from the sealed cursor: {again}");
    let listed = stdout(&sweep(&["--data-dir", &data_dir, "sources"]));
    assert!(listed.contains("Nexon Cash") && listed.contains("source-api") && listed.contains("just now"), "{listed}");
    let home = stdout(&sweep(&["--data-dir", &data_dir, "dashboard"]));
    assert!(home.contains("₩3,300") && home.contains("spend only"), "{home}");
}

/// `sweep link` in its own process: reads the sign-in URL it prints, plays
/// the browser at `issuer`, and types the callback back in. Returns the
/// lines it printed after that.
async fn link_via_cli(data_dir: &str, args: &[&str], issuer: &str) -> Vec<String> {
    let mut all = vec!["link"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--issuer", issuer]);
    sign_in_via_cli(data_dir, &all).await
}

/// Runs a `sweep` command that prints a sign-in URL, plays the browser
/// (which approves at once), and types the callback back in.
async fn sign_in_via_cli(data_dir: &str, args: &[&str]) -> Vec<String> {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    let mut link = Command::new(env!("CARGO_BIN_EXE_sweep"))
        .args(["--data-dir", data_dir])
        .args(args)
        .env_remove("SWEEP_DATA_DIR")
        .env("SWEEP_LOCALE", "en-US")
        .env("SWEEP_PASSPHRASE", PASSPHRASE)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(link.stdout.take().unwrap()).lines();
    let authorize = loop {
        let line = lines.next().expect("sweep prints the URL").unwrap();
        if line.starts_with("http") {
            break line;
        }
    };
    let callback = sweep_tests::play_browser(&authorize, "com.sweepwallet.app:/oauth/callback").await;
    writeln!(link.stdin.take().unwrap(), "{callback}").unwrap();
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(link.wait().unwrap().success(), "{rest:?}");
    rest
}

/// Links the sandbox's Toss wallet with `sweep link` (the transfer scope is
/// asked for by default), signing in at the sandbox's own issuer.
async fn link_toss(data_dir: &str, sandbox: &sweep_sandbox::Sandbox) {
    let api = sandbox.source_api_url();
    let rest = link_via_cli(data_dir, &["Toss", "wallet", "--api", &api], &sandbox.oauth_issuer("sandbox-toss")).await;
    assert!(rest.iter().any(|l| l.starts_with("Linked source #")), "{rest:?}");
}
