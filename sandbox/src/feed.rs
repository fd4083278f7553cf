//! `GET /sweep/v1/transactions`: each platform's transaction feed, paged
//! behind an opaque cursor. Feeds start from `data::transactions` and grow
//! through `POST /_sandbox/transactions`, so tests can check that a sync
//! fetches only what is new.

use std::collections::BTreeMap;

use axum::extract::{Query, State as Extract};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::source_api::{json_body, platform, problem};
use crate::{data, State};

/// The most transactions one sandbox page holds, whatever `limit` asks:
/// small, so that paging is exercised.
pub const PAGE_SIZE: usize = 4;

/// Every platform's feed, seeded on first use.
#[derive(Default)]
pub struct Feeds(BTreeMap<String, Vec<Value>>);

impl Feeds {
    pub(crate) fn feed(&mut self, platform: &str) -> &mut Vec<Value> {
        self.0.entry(platform.to_owned()).or_insert_with(|| data::transactions(platform))
    }
}

#[derive(Deserialize)]
pub(crate) struct PageQuery {
    cursor: Option<String>,
    limit: Option<usize>,
}

/// Cursors are `pos-N`: the feed position after the last transaction sent.
fn position(cursor: Option<&str>) -> Option<usize> {
    match cursor {
        None => Some(0),
        Some(c) => c.strip_prefix("pos-")?.parse().ok(),
    }
}

pub(crate) async fn transactions(
    Extract(state): Extract<State>,
    headers: HeaderMap,
    Query(query): Query<PageQuery>,
) -> Response {
    let Some(platform) = platform(&state, &headers) else {
        return problem(StatusCode::UNAUTHORIZED, "Unknown or expired access token");
    };
    let Some(start) = position(query.cursor.as_deref()) else {
        return problem(StatusCode::BAD_REQUEST, "Unknown cursor");
    };
    let limit = query.limit.unwrap_or(100).clamp(1, 500).min(PAGE_SIZE);
    let mut feeds = state.feeds.lock().unwrap_or_else(|p| p.into_inner());
    let feed = feeds.feed(&platform);
    let start = start.min(feed.len());
    let end = (start + limit).min(feed.len());
    let page = json!({
        "transactions": feed[start..end].to_vec(),
        "next_cursor": format!("pos-{end}"),
        "has_more": end < feed.len(),
    });
    json_body(page.to_string())
}

/// A transaction added to a platform's feed by a test.
#[derive(Deserialize)]
pub(crate) struct NewTransaction {
    platform: String,
    transaction: Value,
}

/// `POST /_sandbox/transactions`: appends to a platform's feed.
pub(crate) async fn append(Extract(state): Extract<State>, Json(new): Json<NewTransaction>) -> StatusCode {
    if data::balances(&new.platform).is_none() {
        return StatusCode::NOT_FOUND;
    }
    state.feeds.lock().unwrap_or_else(|p| p.into_inner()).feed(&new.platform).push(new.transaction);
    StatusCode::NO_CONTENT
}
