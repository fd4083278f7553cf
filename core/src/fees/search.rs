//! The planner's search: which sources to sweep, and how much of each, for
//! the largest net payout.
//!
//! The plan space: sources are taken in a fixed *fill order* (money that
//! expires soonest first, then the lowest rate, then the largest balance,
//! then the source id). A plan picks a subset; each picked source gives its
//! whole balance, or what still fits under the cap. A source whose share
//! would fall below its own minimum gives nothing. The plan is valid when
//! its gross reaches the minimum withdrawal.
//!
//! The goal is the largest net. Among plans with the same net, the one that
//! sweeps the most expiring money wins: Sweep never lowers a payout to save
//! expiring money, but takes it first whenever that costs nothing (and the
//! planner warns about expiring money it leaves behind).
//!
//! The search is an exact branch and bound over that space, in fill order,
//! so the amounts of the sources already decided never change. Its bound
//! (see [`Suffix::bound`]) assumes the cheapest remaining rate and the
//! fewest legs that could gather each amount; it never cuts off a better
//! plan. A node budget guards the worst case: past it the best plan found
//! is returned, marked not proven optimal.

use std::time::SystemTime;

use super::price::{round_bps, total_fee};
use super::schedule::{CurrencyFees, Speed, BASIS_POINTS};

/// A source the planner may use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The source.
    pub source_id: u64,
    /// What it holds that can be cashed out, in minor units (more than zero).
    pub available: i64,
    /// The least one leg may take from it (at least 1).
    pub minimum: i64,
    /// Its rate at the plan's speed, in basis points.
    pub rate_bps: i64,
    /// When its soonest-expiring money expires, if any does.
    pub expires_at: Option<SystemTime>,
}

/// The plan-wide numbers.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    /// Fixed fees, floor, cap and withdrawal limits.
    pub fees: &'a CurrencyFees,
    /// The speed.
    pub speed: Speed,
    /// The most this withdrawal may gross: the maximum withdrawal and the
    /// remaining limits, whichever is least.
    pub cap: i64,
    /// Only plans whose gross is exactly `cap` count ("send exactly").
    pub exact: bool,
}

/// The best plan found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// `(index into the fill-ordered candidates, amount)` per leg, in fill order.
    pub legs: Vec<(usize, i64)>,
    /// Its gross.
    pub gross: i64,
    /// Its fee.
    pub fee: i64,
    /// How much of its gross comes from sources with expiring money.
    pub expiring: i64,
    /// False when the node budget ran out first.
    pub proven_optimal: bool,
}

impl Found {
    /// What the user receives.
    pub fn net(&self) -> i64 {
        self.gross - self.fee
    }
}

/// The most search nodes one plan may visit.
pub const NODE_BUDGET: u64 = 2_000_000;

/// Sorts candidates into fill order.
pub fn fill_order(candidates: &mut [Candidate]) {
    candidates.sort_by(|a, b| {
        let expiry = |c: &Candidate| c.expires_at.unwrap_or(SystemTime::UNIX_EPOCH + std::time::Duration::MAX / 2);
        (expiry(a), a.rate_bps, std::cmp::Reverse(a.available), a.source_id).cmp(&(
            expiry(b),
            b.rate_bps,
            std::cmp::Reverse(b.available),
            b.source_id,
        ))
    });
}

/// What the sources from one position on could still add, for the bound.
struct Suffix {
    /// Their balances, largest first, as running totals.
    prefix: Vec<i64>,
    /// The lowest rate among them.
    min_rate: i64,
    /// Their balances that expire, added up.
    expiring: i64,
}

impl Suffix {
    fn all(candidates: &[Candidate]) -> Vec<Suffix> {
        (0..=candidates.len())
            .map(|i| {
                let mut balances: Vec<i64> = candidates[i..].iter().map(|c| c.available).collect();
                balances.sort_unstable_by(|a, b| b.cmp(a));
                let mut prefix = Vec::with_capacity(balances.len() + 1);
                prefix.push(0);
                for b in balances {
                    prefix.push(prefix.last().copied().unwrap_or(0i64).saturating_add(b));
                }
                let min_rate = candidates[i..].iter().map(|c| c.rate_bps).min().unwrap_or(0);
                let expiring = candidates[i..].iter().filter(|c| c.expires_at.is_some()).map(|c| c.available).sum();
                Suffix { prefix, min_rate, expiring }
            })
            .collect()
    }

    /// An upper bound on the net of any plan that extends `state` with these
    /// sources. Gathering `x` more with `k` more legs costs at least the
    /// cheapest rate on `x` and `k` leg fees, and `k` is at least the number
    /// of largest balances it takes to reach `x`; net grows with `x` for a
    /// given `k`, so each `k` is tried at its largest `x`.
    fn bound(&self, state: &State, frame: &Frame<'_>) -> i64 {
        let room = frame.cap - state.gross;
        let mut best = i64::MIN;
        for (k, &reach) in self.prefix.iter().enumerate() {
            let x = reach.min(room);
            let legs = state.legs + k;
            // round_bps(a + b) ≥ round_bps(a) + floor(b): the extra is floored.
            let floor_extra = (i128::from(x) * i128::from(self.min_rate) / i128::from(BASIS_POINTS)) as i64;
            let base = round_bps(state.weighted) + floor_extra;
            let fee = (base
                + frame.fees.fixed_per_leg * legs as i64
                + super::price::withdrawal_fixed(frame.fees, frame.speed))
            .clamp(frame.fees.min_fee, frame.fees.max_fee);
            best = best.max(state.gross + x - fee);
            if reach >= room {
                break;
            }
        }
        best
    }
}

/// A partial plan: the sources before `index` are decided.
#[derive(Clone)]
struct State {
    gross: i64,
    weighted: i128,
    legs: usize,
    expiring: i64,
}

struct Search<'a> {
    candidates: &'a [Candidate],
    suffixes: Vec<Suffix>,
    frame: Frame<'a>,
    chosen: Vec<(usize, i64)>,
    best: Option<Found>,
    nodes: u64,
}

impl Search<'_> {
    fn consider(&mut self, state: &State) {
        if state.legs == 0 || state.gross < self.frame.fees.min_withdrawal {
            return;
        }
        if self.frame.exact && state.gross != self.frame.cap {
            return;
        }
        let fee = total_fee(self.frame.fees, self.frame.speed, state.weighted, state.legs);
        let better = |b: &Found| (state.gross - fee, state.expiring) > (b.net(), b.expiring);
        if self.best.as_ref().is_none_or(better) {
            let legs = self.chosen.clone();
            self.best = Some(Found { legs, gross: state.gross, fee, expiring: state.expiring, proven_optimal: true });
        }
    }

    fn visit(&mut self, index: usize, state: State) {
        self.nodes += 1;
        if self.nodes > NODE_BUDGET {
            return;
        }
        let room = self.frame.cap - state.gross;
        if index == self.candidates.len() || room == 0 {
            self.consider(&state);
            return;
        }
        if let Some(best) = &self.best {
            let suffix = &self.suffixes[index];
            let bound = suffix.bound(&state, &self.frame);
            let expiring_reach = state.expiring + suffix.expiring.min(room);
            if bound < best.net() || (bound == best.net() && expiring_reach <= best.expiring) {
                return;
            }
        }
        let candidate = &self.candidates[index];
        let take = candidate.available.min(room);
        if take >= candidate.minimum {
            let next = State {
                gross: state.gross + take,
                weighted: state.weighted + i128::from(take) * i128::from(candidate.rate_bps),
                legs: state.legs + 1,
                expiring: state.expiring + if candidate.expires_at.is_some() { take } else { 0 },
            };
            self.chosen.push((index, take));
            self.visit(index + 1, next);
            self.chosen.pop();
        }
        self.visit(index + 1, state);
    }
}

/// The plan with the largest net over fill-ordered `candidates`, or `None`
/// when no plan reaches the minimum withdrawal within the cap.
pub fn best_plan(candidates: &[Candidate], frame: Frame<'_>) -> Option<Found> {
    if frame.cap < frame.fees.min_withdrawal {
        return None;
    }
    let mut search =
        Search { candidates, suffixes: Suffix::all(candidates), frame, chosen: Vec::new(), best: None, nodes: 0 };
    search.visit(0, State { gross: 0, weighted: 0, legs: 0, expiring: 0 });
    let exhausted = search.nodes > NODE_BUDGET;
    search.best.map(|mut found| {
        found.proven_optimal = !exhausted;
        found
    })
}

/// How a subset fills: each member in fill order takes its balance or what
/// still fits, and one that would take less than its minimum takes nothing.
/// The brute-force oracle of the tests uses it too.
pub fn fill(candidates: &[Candidate], members: impl Fn(usize) -> bool, cap: i64) -> Vec<(usize, i64)> {
    let mut room = cap;
    let mut legs = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        if !members(i) {
            continue;
        }
        let take = c.available.min(room);
        if take > 0 && take >= c.minimum {
            legs.push((i, take));
            room -= take;
        }
    }
    legs
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
