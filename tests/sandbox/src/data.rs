//! Realistic KRW balances, one platform per access token.

use serde_json::{json, Value};

/// Access tokens the sandbox accepts, with the platform each stands for.
pub const TOKENS: [(&str, &str); 3] =
    [("sandbox-toss", "Toss wallet"), ("sandbox-nexon", "Nexon Cash"), ("sandbox-cashbag", "OK Cashbag")];

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
                "refundable_after_used_percent": 60
            }
        }]),
        "sandbox-cashbag" => json!([{
            "amount": krw(2_150),
            "terms": {"eligibility": "spend_only", "reason": "Points can be spent at partner stores."}
        }]),
        _ => return None,
    };
    Some(json!({"as_of": "2026-11-25T09:30:00Z", "balances": balances}))
}
