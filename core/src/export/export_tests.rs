use super::*;

#[test]
fn masks_keep_only_enough_to_recognise() {
    assert_eq!(mask_tail("110-123-456789"), "••••6789");
    assert_eq!(mask_tail("+82 10 1234 5678"), "••••5678");
    assert_eq!(mask_tail("abc"), "••••abc");
    assert_eq!(mask_name("Kim Minji"), "K••••••••");
    assert_eq!(mask_name(" 김민지 "), "김••");
    assert_eq!(mask_name(""), "");
}

#[test]
fn an_export_of_an_empty_wallet_names_its_format_and_version() {
    let dir = tempfile::tempdir().unwrap();
    let keys = crate::store::keys::EphemeralKeyProvider::new().unwrap();
    let store = crate::store::Store::open(&dir.path().join("w.db"), keys.as_ref()).unwrap();
    let export = collect(&store, false, std::time::SystemTime::UNIX_EPOCH).unwrap();
    let json = serde_json::to_value(&export).unwrap();
    assert_eq!((json["format"].as_str(), json["version"].as_u64()), (Some(FORMAT), Some(u64::from(VERSION))));
    assert_eq!(json["exported_at"], "1970-01-01T00:00:00Z");
    let out = dir.path().join("export");
    let files = write(&out, &export).unwrap();
    assert_eq!(files.len(), FILES.len());
    let sources = std::fs::read_to_string(out.join("sources.csv")).unwrap();
    assert_eq!(sources, "\u{feff}id,kind,provider,name,account_ref,state,created_at,last_synced_at\n");
    assert!(std::fs::read_dir(&out).unwrap().all(|f| !f.unwrap().file_name().to_string_lossy().ends_with(".partial")));
}
