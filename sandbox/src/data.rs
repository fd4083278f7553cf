//! Realistic KRW balances, one platform per access token.

use serde_json::{json, Value};

/// Access tokens the sandbox accepts, with the platform each stands for.
pub const TOKENS: [(&str, &str); 7] = [
    ("sandbox-toss", "Toss wallet"),
    ("sandbox-nexon", "Nexon Cash"),
    ("sandbox-cashbag", "OK Cashbag"),
    ("sandbox-kakaopay", "KakaoPay Money"),
    ("sandbox-naverpay", "Naver Pay Money"),
    ("sandbox-payco", "PAYCO Money"),
    ("sandbox-ssgpay", "SSG Money"),
];

/// A wallet platform whose whole balance can be withdrawn.
fn cashable_wallet(minor_units: i64, name: &str) -> Value {
    json!([{
        "amount": krw(minor_units),
        "terms": {
            "eligibility": "cashable",
            "reason": format!("{name} can be withdrawn to your bank account."),
            "min_withdrawal": krw(1_000)
        }
    }])
}

fn krw(minor_units: i64) -> Value {
    json!({"minor_units": minor_units, "currency_code": "KRW"})
}

/// The balances behind a token, in the Source API's shape.
pub fn balances(token: &str) -> Option<Value> {
    let balances = match token {
        "sandbox-toss" => json!([{
            "amount": krw(12_340),
            "terms": {
                "eligibility": "cashable",
                "reason": "Toss wallet balances can be withdrawn to your bank account.",
                "min_withdrawal": krw(1_000),
                "expiries": [{"amount": krw(2_000), "expires_at": "2026-12-31T14:59:59Z"}]
            }
        }]),
        "sandbox-nexon" => json!([{
            "amount": krw(3_300),
            "terms": {
                "eligibility": "spend_only",
                "reason": "Nexon Cash is refundable once 60% of it has been used.",
                "refundable_after_used_percent": 60,
                "face_value": krw(5_500),
                "purchased_at": "2026-11-02T03:00:00Z"
            }
        }]),
        "sandbox-kakaopay" => json!([{
            "amount": krw(4_870),
            "terms": {
                "eligibility": "cashable",
                "reason": "KakaoPay Money can be withdrawn to your bank account.",
                "min_withdrawal": krw(1_000)
            }
        }]),
        "sandbox-naverpay" => cashable_wallet(6_120, "Naver Pay Money"),
        "sandbox-payco" => cashable_wallet(2_730, "PAYCO Money"),
        "sandbox-ssgpay" => cashable_wallet(3_910, "SSG Money"),
        "sandbox-cashbag" => json!([{
            "amount": krw(2_150),
            "terms": {
                "eligibility": "spend_only",
                "reason": "Points can be spent at partner stores.",
                "expiries": [{"amount": krw(1_000), "expires_at": "2027-01-12T14:59:59Z"}]
            }
        }]),
        _ => return None,
    };
    Some(json!({"as_of": "2026-11-25T09:30:00Z", "balances": balances}))
}

/// Platforms the sandbox's OAuth issuer signs in to without a Source API
/// balance: its Open Banking bank and its mobile operator.
pub const OTHER_PLATFORMS: [&str; 2] = ["sandbox-bank", "sandbox-operator"];

/// True when the sandbox's OAuth issuer knows the platform.
pub fn is_platform(platform: &str) -> bool {
    balances(platform).is_some() || OTHER_PLATFORMS.contains(&platform)
}

fn transaction(id: &str, at: &str, minor_units: i64, kind: &str, description: &str) -> Value {
    json!({"id": id, "occurred_at": at, "amount": krw(minor_units), "kind": kind, "description": description})
}

/// A platform's first transactions, oldest first.
pub fn transactions(platform: &str) -> Vec<Value> {
    match platform {
        "sandbox-toss" => vec![
            transaction("tx-0001", "2026-11-01T08:00:00Z", 20_000, "credit", "Top-up from bank"),
            transaction("tx-0002", "2026-11-03T12:10:00Z", -4_500, "debit", "Coffee"),
            transaction("tx-0003", "2026-11-08T19:45:00Z", -2_160, "debit", "Convenience store"),
            transaction("tx-0004", "2026-11-15T10:00:00Z", 1_000, "credit", "Cashback"),
            transaction("tx-0005", "2026-11-20T21:30:00Z", -2_000, "debit", "Bus fares"),
            transaction("tx-0006", "2026-11-24T09:00:00Z", 0, "credit", "Points conversion (nothing converted)"),
        ],
        "sandbox-nexon" => vec![
            transaction("nx-0001", "2026-10-02T17:00:00Z", 10_000, "credit", "Nexon Cash top-up"),
            transaction("nx-0002", "2026-10-05T20:15:00Z", -6_700, "debit", "Item purchase"),
        ],
        _ => Vec::new(),
    }
}
