//! Latency and fault knobs, set by tests or over HTTP (`PUT /_sandbox/knobs`).

use axum::extract::State as Extract;
use axum::routing::put;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use crate::State;

/// A fault to inject into every Source API answer while set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// `200` with a body that is not JSON.
    Malformed,
    /// `502` with an HTML error page, as a proxy would send.
    Html,
    /// `200` with a JSON body of 2 MiB.
    Huge,
    /// `429` with `Retry-After` (see `retry_after_s`).
    RateLimited,
    /// `401`: the access token has expired.
    ExpiredToken,
    /// `403`: the user revoked access.
    Revoked,
    /// `503`.
    ServerError,
    /// A balance in the currency `ZZZ`.
    UnknownCurrency,
    /// A negative balance.
    NegativeBalance,
    /// A balance of 10^18 minor units.
    AbsurdBalance,
}

/// How the sandbox misbehaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Knobs {
    /// Added to every answer.
    pub latency_ms: u64,
    /// Applied to answers while set.
    pub fault: Option<Fault>,
    /// Apply `fault` to this many answers only, then clear it (0: to all).
    pub fault_times: u32,
    /// The `Retry-After` seconds of `rate_limited`.
    pub retry_after_s: u64,
    /// Serve this sandbox token's data to any other bearer token, as a
    /// platform would after a real OAuth sign-in (for example `sandbox-toss`).
    pub any_token_as: Option<String>,
    /// Share of answers (0–100) that fail with `503`, spread evenly.
    pub error_rate_percent: u8,
    /// Added to every quote's total fee: a provider that misprices, which
    /// Sweep must refuse.
    pub quote_fee_offset: i64,
    /// How verification sessions end once their capture arrived:
    /// `verified` (default), `rejected`, `needs_resubmission` or `expired`.
    pub verification_outcome: Option<String>,
    /// `fail`: withdrawals fail (account closed) instead of completing;
    /// `return`: they are sent, then the bank returns them.
    pub withdrawal_outcome: Option<String>,
    /// This many withdrawal answers are lost after the provider acted (a 502).
    pub withdrawal_lost_answers: u32,
    /// The operator reports a recent SIM swap.
    pub sim_swapped: bool,
    /// Share (0–100) of withdrawal requests that misbehave, spread by a
    /// seeded hash: a 500 or a 429 before acting, an answer lost after
    /// acting, or (on status reads) an older state a stale replica still has.
    pub withdrawal_chaos_percent: u8,
    /// The events feed answers 404, so clients must fall back to polling.
    pub events_unavailable: bool,
    /// The events feed gives each page newest first with every event twice.
    pub events_shuffled: bool,
    /// Multiplies every tier limit (0 counts as 1): room for a suite that
    /// withdraws far more in a day than a real user may.
    pub tier_limits_multiplier: u32,
    /// Added to the fee on every receipt: a provider that charges other
    /// than it quoted, which Sweep must catch.
    pub receipt_fee_offset: i64,
    /// The OAuth issuers leave `transfers:write` out of every grant, as a
    /// user who allows reading only would.
    pub read_only_grants: bool,
    /// Source API platforms refuse every transfer (`failed`, nothing debited).
    pub transfers_refused: bool,
    /// This platform alone refuses transfers (for example `sandbox-kakaopay`).
    pub refuse_transfers_from: Option<String>,
    /// This many transfer answers are lost after the platform moved the money.
    pub transfer_lost_answers: u32,
    /// New transfers read as `pending` this many times before their outcome shows.
    pub transfer_pending_reads: u32,
    /// Every transfer request reaches the platform twice; only its key stops a second debit.
    pub transfer_delivered_twice: bool,
    /// The provider is down: its withdrawal routes answer `503` (set after
    /// a withdrawal's legs were collected, it dies between collection and
    /// payout). Its books are kept for when it is back.
    pub provider_down: bool,
    /// The provider's leg-failed route answers `503` this many times, as if
    /// the wallet's telling never arrived.
    pub leg_failed_lost: u32,
    /// ID tokens name another user at the platform (`sub`), as signing in
    /// to a second account would.
    pub foreign_id_subject: bool,
    /// The tus endpoint refuses every `PATCH` with `403`, as a server
    /// would that will never take this upload (a policy, a closed session).
    pub uploads_refused: bool,
    /// A refresh-token grant rotates the tokens at once, then holds its
    /// answer this long (ms): the window in which a wallet killed mid-call
    /// loses the answer although its old refresh token is spent.
    pub refresh_answer_delay_ms: u64,
    /// The operator lists this many older phone-bill payments after its
    /// usual ones, each with ₩100 left to refund: a list longer than any
    /// fixed cap a client might stop at.
    pub carrier_older_payments: usize,
    /// The OAuth issuers name no revocation endpoint in their metadata,
    /// as many real ones do not (RFC 7009 is optional).
    pub no_token_revocation: bool,
}

impl Default for Knobs {
    fn default() -> Self {
        Knobs {
            latency_ms: 0,
            fault: None,
            fault_times: 0,
            error_rate_percent: 0,
            retry_after_s: 2,
            any_token_as: None,
            quote_fee_offset: 0,
            verification_outcome: None,
            withdrawal_outcome: None,
            withdrawal_lost_answers: 0,
            sim_swapped: false,
            withdrawal_chaos_percent: 0,
            events_unavailable: false,
            events_shuffled: false,
            tier_limits_multiplier: 1,
            receipt_fee_offset: 0,
            read_only_grants: false,
            transfers_refused: false,
            refuse_transfers_from: None,
            transfer_lost_answers: 0,
            transfer_pending_reads: 0,
            transfer_delivered_twice: false,
            provider_down: false,
            leg_failed_lost: 0,
            foreign_id_subject: false,
            uploads_refused: false,
            refresh_answer_delay_ms: 0,
            carrier_older_payments: 0,
            no_token_revocation: false,
        }
    }
}

pub(crate) fn routes() -> Router<State> {
    Router::new().route("/_sandbox/knobs", put(set).get(get))
}

async fn set(Extract(state): Extract<State>, Json(knobs): Json<Knobs>) -> Json<Knobs> {
    *state.knobs.lock().unwrap_or_else(|p| p.into_inner()) = knobs.clone();
    Json(knobs)
}

async fn get(Extract(state): Extract<State>) -> Json<Knobs> {
    Json(state.knobs())
}
