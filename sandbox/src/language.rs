//! The sandbox's own words in the language the client asks for. Real
//! platforms, banks and providers answer in the user's language when asked
//! (`Accept-Language`), and Sweep shows their words as they come (a
//! source's terms, a refusal's reason), so the fake does the same: a
//! request that prefers Korean gets each known sentence in Korean.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::Value;

/// Each English sentence the sandbox says, with its Korean.
const KOREAN: &[(&str, &str)] = &[
    (
        "Toss wallet balances can be withdrawn to your bank account.",
        "토스 지갑 잔액은 내 은행 계좌로 출금할 수 있어요.",
    ),
    ("Nexon Cash is refundable once 60% of it has been used.", "넥슨캐시는 60% 이상 쓰면 환불받을 수 있어요."),
    ("KakaoPay Money can be withdrawn to your bank account.", "카카오페이머니는 내 은행 계좌로 출금할 수 있어요."),
    ("Points can be spent at partner stores.", "포인트는 제휴 매장에서 쓸 수 있어요."),
    ("The platform refused to move this balance.", "플랫폼이 이 잔액을 옮기는 것을 거절했어요."),
    ("The receiving account is closed.", "받는 계좌가 해지됐어요."),
    ("The receiving bank sent the money back.", "받는 은행이 돈을 돌려보냈어요."),
    (
        "We could not read the document. Take the photo again in good light.",
        "신분증을 읽지 못했어요. 밝은 곳에서 다시 찍어 주세요.",
    ),
    ("Please also send the back of the card.", "신분증 뒷면도 보내 주세요."),
];

/// The biggest answer rewritten; larger ones (none the sandbox makes)
/// pass unchanged.
const MAX_BODY: usize = 1 << 20;

fn prefers_korean(request: &Request) -> bool {
    request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("ko"))
}

fn translate(value: &mut Value) {
    match value {
        Value::String(text) => {
            if let Some((_, korean)) = KOREAN.iter().find(|(english, _)| english == text) {
                *text = (*korean).to_owned();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(translate),
        Value::Object(fields) => fields.values_mut().for_each(translate),
        _ => {}
    }
}

/// Middleware: a JSON answer to a request that prefers Korean has its known
/// sentences in Korean; everything else passes as it is.
pub async fn speak(request: Request, next: Next) -> Response {
    let korean = prefers_korean(&request);
    let response = next.run(request).await;
    let is_json =
        response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("json"));
    if !korean || !is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(mut value) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    translate(&mut value);
    let text = value.to_string();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_sentences_become_korean_anywhere_in_an_answer() {
        let mut answer = serde_json::json!({
            "balances": [{"terms": {"reason": "Points can be spent at partner stores."}}],
            "id": "The platform refused",
        });
        translate(&mut answer);
        assert_eq!(answer["balances"][0]["terms"]["reason"], "포인트는 제휴 매장에서 쓸 수 있어요.");
        assert_eq!(answer["id"], "The platform refused", "only whole known sentences change");
    }
}
