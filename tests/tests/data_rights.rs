//! The user's rights to their data: a full export that matches the
//! published schema and the wallet's own tables, masked unless asked for
//! in full.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use sweep_core::sources::{ManualSource, SourceKind};
use sweep_core::withdrawals::WithdrawalState;
use sweep_core::{MinorAmount, SweepError};
use sweep_sandbox::Sandbox;
use sweep_tests::withdrawing::{everything, Fixture};

/// Checks `value` against a node of the schema: every object has exactly
/// the properties the schema lists (all of them required), arrays are
/// checked item by item, `$ref` and `oneOf` are followed. Written for this
/// test from the schema file alone; shares no code with the export.
fn check(value: &Value, node: &Value, schema: &Value, path: &str) {
    if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/$defs/");
        return check(value, &schema["$defs"][name], schema, path);
    }
    if let Some(options) = node.get("oneOf").and_then(Value::as_array) {
        let null = options.iter().any(|o| o["type"] == "null");
        if value.is_null() {
            return assert!(null, "{path}: null is not allowed");
        }
        let first = options.iter().find(|o| o["type"] != "null").expect("a non-null option");
        return check(value, first, schema, path);
    }
    if let Some(properties) = node.get("properties").and_then(Value::as_object) {
        let object = value.as_object().unwrap_or_else(|| panic!("{path}: not an object"));
        let listed: BTreeSet<&String> = properties.keys().collect();
        let present: BTreeSet<&String> = object.keys().collect();
        assert_eq!(present, listed, "{path}: the export and the schema name different fields");
        let required: BTreeSet<&str> = node["required"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        assert_eq!(required, listed.iter().map(|s| s.as_str()).collect(), "{path}: every field is required");
        for (key, sub) in properties {
            check(&object[key], sub, schema, &format!("{path}.{key}"));
        }
        return;
    }
    if let Some(items) = node.get("items") {
        for (i, item) in value.as_array().unwrap_or_else(|| panic!("{path}: not an array")).iter().enumerate() {
            check(item, items, schema, &format!("{path}[{i}]"));
        }
        return;
    }
    if let Some(allowed) = node.get("enum").and_then(Value::as_array) {
        assert!(allowed.contains(value), "{path}: {value} is not one of {allowed:?}");
    }
    if let Some(constant) = node.get("const") {
        assert_eq!(value, constant, "{path}");
    }
}

fn everything_in(dir: &Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    all
}

fn csv_rows(dir: &Path, name: &str) -> usize {
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark for spreadsheet apps");
    let rows: Vec<csv::StringRecord> =
        csv::Reader::from_reader(text.as_bytes()).records().collect::<Result<_, _>>().expect("valid CSV");
    rows.len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_export_holds_everything_the_wallet_holds_in_the_published_format() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    let w = wallet.withdraw(wallet.quote(everything()).await.unwrap(), payee, fx.auth.clone(), None).await.unwrap();
    while wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap().state != WithdrawalState::Completed {}
    wallet.withdrawal_receipt(w.withdrawal_id).await.unwrap();
    let typed = ManualSource {
        name: "용돈 통장".into(),
        kind: SourceKind::Wallet,
        balance: MinorAmount { minor_units: 5_000, currency_code: "KRW".into() },
        account_ref: Some("010-1234-5678".into()),
    };
    let gone = wallet.add_manual_source(typed).await.unwrap();
    wallet.remove_source(gone).await.unwrap();

    let out = tempfile::tempdir().unwrap();
    let masked_dir = out.path().join("masked");
    let summary = wallet.export_data(masked_dir.display().to_string(), false).await.unwrap();
    assert_eq!(summary.files.len(), 7);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&summary.files[0]).unwrap()).unwrap();
    let schema: Value =
        serde_json::from_str(include_str!("../../docs/export-schema.json")).expect("the schema is JSON");
    check(&doc, &schema, &schema, "$");

    // Complete: every row the wallet holds.
    let ledger = wallet.verify_ledger().await.unwrap();
    assert_eq!(doc["balance_history"].as_array().unwrap().len() as u64, ledger.entries);
    assert_eq!(summary.sources, 2, "the removed source too");
    assert_eq!(doc["sources"][1]["state"], "removed");
    let transactions = wallet.transactions(1, 1_000).await.unwrap().len();
    assert_eq!(summary.transactions as usize, transactions);
    assert!(transactions > 0, "the sandbox's feed was read");
    let withdrawal = &doc["withdrawals"][0];
    assert_eq!(
        (withdrawal["state"].as_str(), withdrawal["net"]["minor_units"].as_i64()),
        (Some("completed"), Some(38_700))
    );
    assert_eq!(withdrawal["legs"][0]["state"], "collected");
    assert!(withdrawal["receipt"]["reference"].is_string(), "{withdrawal}");
    assert_eq!(doc["identity"]["tier"], "unverified");
    // The CSV files hold the same rows.
    for (file, key) in [
        ("sources.csv", "sources"),
        ("balance_history.csv", "balance_history"),
        ("transactions.csv", "transactions"),
        ("withdrawals.csv", "withdrawals"),
        ("payees.csv", "payees"),
    ] {
        assert_eq!(csv_rows(&masked_dir, file), doc[key].as_array().unwrap().len(), "{file}");
    }
    assert_eq!(csv_rows(&masked_dir, "withdrawal_legs.csv"), 1);

    // Masked: no account number, holder name or typed-in number in any file.
    let masked = everything_in(&masked_dir);
    for secret in ["110123456789", "Kim Minji", "010-1234-5678", "01012345678"] {
        assert!(!masked.contains(secret), "{secret} is in the masked export");
    }
    assert!(masked.contains("088 ••••6789") && masked.contains("••••5678"), "masked, yet recognisable");
    // In full, at the user's choice.
    let full_dir = out.path().join("full");
    wallet.export_data(full_dir.display().to_string(), true).await.unwrap();
    let full = everything_in(&full_dir);
    assert!(full.contains("110123456789") && full.contains("Kim Minji") && full.contains("010-1234-5678"));

    // A directory that already holds files is refused, and left as it was.
    let refused = wallet.export_data(full_dir.display().to_string(), false).await;
    assert!(matches!(refused, Err(SweepError::InvalidInput { ref field, .. }) if field == "path"), "{refused:?}");
    assert_eq!(everything_in(&full_dir), full);
}

/// Every byte of every file in `dir`.
fn bytes_in(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        all.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_the_account_leaves_nothing_readable_here_or_in_an_earlier_copy() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    sweep_tests::verify_in_sandbox(&wallet).await.unwrap();
    let w = wallet.withdraw(wallet.quote(everything()).await.unwrap(), payee, fx.auth.clone(), None).await.unwrap();
    while wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap().state != WithdrawalState::Completed {}
    let typed = ManualSource {
        name: "Secret jar".into(),
        kind: SourceKind::Wallet,
        balance: MinorAmount { minor_units: 77_777, currency_code: "KRW".into() },
        account_ref: Some("010-9876-5432".into()),
    };
    wallet.add_manual_source(typed).await.unwrap();

    // A copy of the files as they are now, the WAL included, as a backup
    // or a thief would have it.
    let data_dir = fx.dir.path().to_path_buf();
    let copy = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&data_dir).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), copy.path().join(entry.file_name())).unwrap();
    }
    assert!(copy.path().join("sweep-wallet.db-wal").exists(), "the copy holds the WAL");

    let deleted = wallet.delete_account(fx.keys.clone()).await.unwrap();
    let sweep_core::wallet::ProviderDeletion::Done { verification_sessions, captures, retained, .. } =
        &deleted.provider
    else {
        panic!("the provider was asked: {deleted:?}");
    };
    assert_eq!((*verification_sessions, *captures), (1, 1), "the session and its ID photo");
    assert_eq!(retained.len(), 1, "the completed withdrawal is kept as the law requires");
    assert!(retained[0].reason.contains("제22조"), "{}", retained[0].reason);
    assert_eq!((deleted.tokens_revoked, deleted.tokens_not_revoked), (1, 0));
    assert_eq!(sandbox.revoked_tokens(), 2);
    assert!(deleted.note.contains('1'), "{}", deleted.note);

    // Nothing is left here.
    let left: Vec<String> = std::fs::read_dir(&data_dir)
        .map(|d| d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
    // Closing folded the WAL in and SQLite removed it: the database and the lock remain to remove.
    assert!(deleted.files_removed.iter().any(|f| f.ends_with("sweep-wallet.db")), "{:?}", deleted.files_removed);
    assert_eq!(wallet.dashboard().await.err(), Some(SweepError::WalletClosed));

    // The copy holds nothing in plain text, WAL included, and can never be opened.
    let copied = bytes_in(copy.path());
    for secret in
        ["Kim Minji", "110123456789", "Secret jar", "010-9876-5432", "77777", "Toss", "sandbox-at-", "vs-0001"]
    {
        assert!(!contains(&copied, secret), "{secret} is readable in the copy");
    }
    let opened = sweep_core::store::Store::open(&copy.path().join("sweep-wallet.db"), fx.keys.as_ref());
    assert!(matches!(opened, Err(SweepError::KeyUnavailable { .. })), "{:?}", opened.err());

    // The provider no longer has the session.
    let session = reqwest::get(format!(
        "{}verification-sessions/vs-0001",
        sandbox.provider_url().trim_end_matches('/').to_owned() + "/"
    ))
    .await
    .unwrap();
    assert_eq!(session.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_deleted_while_money_moves_or_the_provider_is_away() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    let w = wallet.withdraw(wallet.quote(everything()).await.unwrap(), payee, fx.auth.clone(), None).await.unwrap();
    assert_eq!(w.state, WithdrawalState::Processing);
    let refused = wallet.delete_account(fx.keys.clone()).await;
    assert!(matches!(refused, Err(SweepError::InvalidInput { ref field, .. }) if field == "account"), "{refused:?}");
    while wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap().state != WithdrawalState::Completed {}

    sandbox.set_knobs(sweep_sandbox::Knobs { provider_down: true, ..Default::default() });
    assert!(wallet.delete_account(fx.keys.clone()).await.is_err());
    assert_eq!(sandbox.revoked_tokens(), 0, "no token revoked");
    wallet.verify_ledger().await.expect("the wallet is whole and open");
    assert_eq!(wallet.dashboard().await.unwrap().sources.len(), 1);
}
