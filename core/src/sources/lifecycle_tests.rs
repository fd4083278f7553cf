use super::*;
use crate::ledger::{self, LedgerEvent, NewEntry};
use crate::money::{MinorAmount, Money};
use crate::sources::links::{add_test_linked_source, test_link};
use crate::sources::{
    add_manual_source, dashboard, load_link, record_observation, AuthState, Collectability, ObservedBalance,
    SourceEndpoint,
};
use crate::store::keys::EphemeralKeyProvider;
use crate::Locale;

fn krw(minor_units: i64) -> MinorAmount {
    MinorAmount { minor_units, currency_code: "KRW".into() }
}

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let keys = EphemeralKeyProvider::new().unwrap();
    let store = Store::open(&dir.path().join("w.db"), keys.as_ref()).unwrap();
    (dir, store)
}

fn typed(name: &str, kind: SourceKind, won: i64) -> ManualSource {
    ManualSource { name: name.into(), kind, balance: krw(won), account_ref: None }
}

fn request(name: &str, kind: SourceKind, replaces: Option<u64>) -> (LinkRequest, Link) {
    let endpoint = SourceEndpoint::SourceApi { base_url: "https://w.example/sweep/v1".into() };
    let link = test_link(endpoint.clone(), None);
    let request =
        LinkRequest { name: name.into(), kind, endpoint, oauth: link.oauth.clone(), replaces_source_id: replaces };
    (request, link)
}

fn row_count(store: &Store, sql: &str, id: i64) -> i64 {
    store.conn().query_row(sql, [id], |r| r.get(0)).unwrap()
}

#[test]
fn a_removed_source_leaves_the_dashboard_but_its_history_still_verifies() {
    let (_dir, mut store) = open();
    let kept = add_manual_source(&mut store, &typed("Kept", SourceKind::Wallet, 1_000), 1).unwrap();
    let gone = add_test_linked_source(&mut store, "Toss", SourceKind::Wallet);
    let cash = ObservedBalance { amount: krw(5_000), terms: BalanceTerms::simple(Eligibility::Cashable, "Cashable.") };
    record_observation(&mut store, gone, std::slice::from_ref(&cash), 2).unwrap();
    assert_eq!(dashboard(&store, Locale::KoKr).unwrap().cashable_totals[0].amount.minor_units, 5_000);

    remove_source(&mut store, gone).unwrap();

    let home = dashboard(&store, Locale::KoKr).unwrap();
    assert_eq!(home.sources.iter().map(|s| s.source_id as i64).collect::<Vec<_>>(), vec![kept]);
    assert!(home.cashable_totals.is_empty(), "a removed source's money is no longer cashable");
    assert!(load_link(&store, gone).unwrap().is_none(), "its tokens are deleted");
    assert_eq!(row_count(&store, "SELECT COUNT(*) FROM ledger WHERE source_id = ?1", gone), 1, "history stays");
    let report = ledger::verify(&store).unwrap();
    assert_eq!(report.entries, 2);
    // Gone for every later write: a sync already running records nothing.
    assert!(matches!(
        record_observation(&mut store, gone, &[cash], 3),
        Err(SweepError::SourceNotFound { source_id }) if source_id == gone as u64
    ));
    let page = crate::sources::TransactionPage {
        transactions: Vec::new(),
        next_cursor: Some("after-removal".into()),
        has_more: false,
    };
    assert!(matches!(
        crate::sources::record_transactions(&mut store, gone, &page),
        Err(SweepError::SourceNotFound { .. })
    ));
    assert_eq!(row_count(&store, "SELECT COUNT(*) FROM source_cursors WHERE source_id = ?1", gone), 0);
    assert!(matches!(remove_source(&mut store, gone), Err(SweepError::SourceNotFound { .. })));
}

#[test]
fn a_source_a_cash_out_still_collects_from_cannot_be_removed() {
    let (_dir, mut store) = open();
    let id = add_test_linked_source(&mut store, "Toss", SourceKind::Wallet);
    let cash = ObservedBalance { amount: krw(5_000), terms: BalanceTerms::simple(Eligibility::Cashable, "Cashable.") };
    record_observation(&mut store, id, &[cash], 2).unwrap();
    let hold = NewEntry { source_id: id, event: LedgerEvent::Hold, amount: Money::from_minor(2_000, Currency::Krw) };
    store.write(ledger::seals_needed(1, 1), |wtx| ledger::append(wtx, &[hold], 3)).unwrap();

    let refused = remove_source(&mut store, id);
    assert!(matches!(refused, Err(SweepError::InvalidInput { ref field, .. }) if field == "source_id"));
    assert!(load_link(&store, id).unwrap().is_some(), "nothing written");
    assert_eq!(dashboard(&store, Locale::KoKr).unwrap().sources.len(), 1);
}

#[test]
fn a_typed_in_balance_is_edited_with_its_old_amount_kept_in_the_history() {
    let (_dir, mut store) = open();
    let id = add_manual_source(&mut store, &typed("Toss", SourceKind::Wallet, 1_000), 1).unwrap();
    let mut edited = typed("  Toss  wallet ", SourceKind::Points, 2_500);
    edited.account_ref = Some("010-1234-5678".into());
    edit_manual_source(&mut store, id, &edited, 2).unwrap();

    let row = &dashboard(&store, Locale::KoKr).unwrap().sources[0];
    assert_eq!(
        (row.name.as_str(), row.kind, row.balance.amount.minor_units),
        ("Toss  wallet", SourceKind::Points, 2_500)
    );
    assert_eq!(row.account_hint.as_deref(), Some("•••• 5678"));
    assert_eq!(row.collection, Collectability::TrackedOnly, "still typed in, still tracked only");
    let hint = |store: &Store| dashboard(store, Locale::KoKr).unwrap().sources[0].account_hint.clone();
    edit_manual_source(&mut store, id, &ManualSource { account_ref: None, ..edited.clone() }, 2).unwrap();
    assert_eq!(hint(&store).as_deref(), Some("•••• 5678"), "absent keeps it");
    edit_manual_source(&mut store, id, &ManualSource { account_ref: Some(" ".into()), ..edited.clone() }, 2).unwrap();
    assert_eq!(hint(&store), None, "blank clears it");
    assert_eq!(row_count(&store, "SELECT COUNT(*) FROM ledger WHERE source_id = ?1", id), 4);
    ledger::verify(&store).unwrap();

    // Another currency is another balance; bad input writes nothing.
    let usd = ManualSource { balance: MinorAmount { minor_units: 100, currency_code: "USD".into() }, ..edited.clone() };
    assert!(matches!(edit_manual_source(&mut store, id, &usd, 3), Err(SweepError::CurrencyMismatch { .. })));
    let blank = ManualSource { name: " ".into(), ..edited.clone() };
    assert!(matches!(edit_manual_source(&mut store, id, &blank, 3), Err(SweepError::InvalidInput { .. })));
    let negative = ManualSource { balance: krw(-1), ..edited.clone() };
    assert!(matches!(edit_manual_source(&mut store, id, &negative, 3), Err(SweepError::NegativeAmount { .. })));
    assert_eq!(row_count(&store, "SELECT COUNT(*) FROM ledger WHERE source_id = ?1", id), 4, "nothing written");

    // Only typed-in balances are edited; removed ones are gone.
    let linked = add_test_linked_source(&mut store, "Linked", SourceKind::Wallet);
    assert!(matches!(edit_manual_source(&mut store, linked, &edited, 3), Err(SweepError::InvalidInput { .. })));
    remove_source(&mut store, id).unwrap();
    assert!(matches!(edit_manual_source(&mut store, id, &edited, 4), Err(SweepError::SourceNotFound { .. })));
}

#[test]
fn linking_adopts_the_typed_in_source_of_the_same_name_and_kind_and_counts_it_once() {
    let (_dir, mut store) = open();
    let points = add_manual_source(&mut store, &typed("Toss", SourceKind::Points, 900), 1).unwrap();
    let typed_in = add_manual_source(&mut store, &typed("toss ", SourceKind::Wallet, 7_000), 1).unwrap();
    let (req, link) = request("Toss", SourceKind::Wallet, None);
    assert_eq!(typed_in_to_adopt(&store, &req).unwrap(), Some(typed_in), "same kind, same name; not the points");

    adopt_typed_in(&mut store, typed_in, &req, &link).unwrap();

    let home = dashboard(&store, Locale::KoKr).unwrap();
    assert_eq!(home.sources.len(), 2, "one row for the wallet, not two");
    let row = home.sources.iter().find(|s| s.source_id == typed_in as u64).unwrap();
    assert_eq!((row.provider.as_str(), row.auth_state), ("source-api", AuthState::Linked));
    assert_eq!(row.balance.amount.minor_units, 7_000, "the history stays until the first sync");
    assert_eq!(row.collection, Collectability::Blocked, "a typed-in figure is never planned or paid out");
    assert!(home.cashable_totals.is_empty());
    assert!(load_link(&store, typed_in).unwrap().is_some());
    assert_eq!(typed_in_to_adopt(&store, &req).unwrap(), None, "adopted once");

    // The first sync sets the real balance and terms.
    let read = ObservedBalance { amount: krw(6_500), terms: BalanceTerms::simple(Eligibility::Cashable, "Cashable.") };
    record_observation(&mut store, typed_in, &[read], 2).unwrap();
    let home = dashboard(&store, Locale::KoKr).unwrap();
    assert_eq!(home.cashable_totals[0].amount.minor_units, 6_500);
    ledger::verify(&store).unwrap();
    let _ = points;
}

#[test]
fn a_named_replacement_must_be_typed_in_and_of_the_same_kind() {
    let (_dir, mut store) = open();
    let typed_in = add_manual_source(&mut store, &typed("My coins", SourceKind::GameCredits, 3_000), 1).unwrap();
    let linked = add_test_linked_source(&mut store, "Linked", SourceKind::GameCredits);
    let (named, _) = request("Nexon cash", SourceKind::GameCredits, Some(typed_in as u64));
    assert_eq!(typed_in_to_adopt(&store, &named).unwrap(), Some(typed_in), "named, whatever its name");
    for (replaces, kind) in [(linked, SourceKind::GameCredits), (typed_in, SourceKind::Wallet)] {
        let (bad, _) = request("Nexon cash", kind, Some(replaces as u64));
        let refused = typed_in_to_adopt(&store, &bad);
        assert!(matches!(refused, Err(SweepError::InvalidInput { ref field, .. }) if field == "replaces_source_id"));
    }
    let (missing, _) = request("Nexon cash", SourceKind::GameCredits, Some(999));
    assert!(matches!(typed_in_to_adopt(&store, &missing), Err(SweepError::SourceNotFound { .. })));
    let (unnamed, _) = request("Nexon cash", SourceKind::GameCredits, None);
    assert_eq!(typed_in_to_adopt(&store, &unnamed).unwrap(), None, "another name is another source");
}
