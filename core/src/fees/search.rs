//! The planner's search: which sources to sweep, and how much of each, for
//! the largest net payout.
//!
//! Sources are kept in *fill order*: the lowest rate first, then money that
//! expires soonest, then the largest balance, then the source id.
//!
//! How a chosen set of sources fills the cap (see [`fill`]): each member
//! first gets its own minimum, then the room left goes to the members in
//! fill order, each up to its balance. For a given set and gross this is
//! the cheapest split, and the gross is as large as the cap allows: one
//! more unit of gross never lowers the net (every rate is below 50%, and
//! the fee is rounded once). So the best plan is the best set, and the
//! search only has to choose the set.
//!
//! The goal is the largest net; Sweep never lowers a payout to save
//! expiring money. Expiring money is the tie-break: at the same rate it
//! fills first, and the search, which tries sources in fill order and each
//! one in before out, keeps a plan of equal net only when it sweeps more
//! expiring money. It does not search every tie for the most expiring
//! money (that can cost thousands of times more on a large wallet); the
//! planner warns about expiring money it leaves behind instead.
//!
//! The search is an exact branch and bound over sets, in fill order. Its
//! bound (see [`Search::bound`]) prices the set decided so far exactly and
//! everything more at the cheapest remaining rate (no cheaper than any
//! member's, by the order), with the fewest legs that could gather it; it
//! never cuts off a plan with a larger net. A node budget guards the worst
//! case: past it the best plan found is returned, marked not proven
//! optimal.

use std::time::SystemTime;

use super::price::total_fee;
use super::schedule::{CurrencyFees, Speed};

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
    let expiry = |c: &Candidate| c.expires_at.unwrap_or(SystemTime::UNIX_EPOCH + std::time::Duration::MAX / 2);
    candidates.sort_by(|a, b| {
        (a.rate_bps, expiry(a), std::cmp::Reverse(a.available), a.source_id).cmp(&(
            b.rate_bps,
            expiry(b),
            std::cmp::Reverse(b.available),
            b.source_id,
        ))
    });
}

/// What the sources from one position on could still add, for the bound.
pub(super) struct Suffix {
    /// Their balances, largest first, as running totals.
    pub(super) prefix: Vec<i64>,
    /// The lowest rate among them.
    pub(super) min_rate: i64,
}

impl Suffix {
    pub(super) fn all(candidates: &[Candidate]) -> Vec<Suffix> {
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
                Suffix { prefix, min_rate }
            })
            .collect()
    }
}

/// The set chosen so far, in fill order, with running totals that price
/// its fill of any gross in O(log n).
#[derive(Default)]
pub(super) struct Members {
    /// Indices into the candidates.
    pub(super) index: Vec<usize>,
    /// Running totals of the members' extras (balance above minimum), of
    /// their weighted cost, and of the expiring ones; one entry more than
    /// there are members, starting at 0.
    extra: Vec<i64>,
    extra_cost: Vec<i128>,
    extra_expiring: Vec<i64>,
    /// Totals of the members' minimums, their weighted cost, and the
    /// expiring ones; and of their balances.
    pub(super) minimum: i64,
    pub(super) minimum_cost: i128,
    minimum_expiring: i64,
    pub(super) balance: i64,
}

/// A set's fill of one gross.
pub(super) struct Filled {
    gross: i64,
    pub(super) weighted: i128,
    expiring: i64,
}

impl Members {
    pub(super) fn new() -> Members {
        Members { extra: vec![0], extra_cost: vec![0], extra_expiring: vec![0], ..Members::default() }
    }

    pub(super) fn push(&mut self, i: usize, c: &Candidate) {
        let (extra, expiring) = (c.available - c.minimum, c.expires_at.is_some());
        let last = self.index.len();
        self.index.push(i);
        self.extra.push(self.extra[last] + extra);
        self.extra_cost.push(self.extra_cost[last] + i128::from(extra) * i128::from(c.rate_bps));
        self.extra_expiring.push(self.extra_expiring[last] + if expiring { extra } else { 0 });
        self.minimum += c.minimum;
        self.minimum_cost += i128::from(c.minimum) * i128::from(c.rate_bps);
        self.balance += c.available;
        if expiring {
            self.minimum_expiring += c.minimum;
        }
    }

    /// Whether `c` can join without its own minimum going over its
    /// balance or the members' minimums over `cap`.
    pub(super) fn fits(&self, c: &Candidate, cap: i64) -> bool {
        c.minimum <= c.available && self.minimum + c.minimum <= cap
    }

    pub(super) fn pop(&mut self, c: &Candidate) {
        self.index.pop();
        self.extra.pop();
        self.extra_cost.pop();
        self.extra_expiring.pop();
        self.minimum -= c.minimum;
        self.minimum_cost -= i128::from(c.minimum) * i128::from(c.rate_bps);
        self.balance -= c.available;
        if c.expires_at.is_some() {
            self.minimum_expiring -= c.minimum;
        }
    }

    /// The cheapest fill as large as `cap` allows; the minimums must fit.
    pub(super) fn fill(&self, candidates: &[Candidate], cap: i64) -> Filled {
        let gross = cap.min(self.balance);
        let room = gross - self.minimum;
        // Members before `full` take all their extra; `full` takes the rest.
        let full = self.extra.partition_point(|&e| e <= room) - 1;
        let rest = room - self.extra[full];
        let (mut weighted, mut expiring) = (self.minimum_cost + self.extra_cost[full], self.minimum_expiring);
        expiring += self.extra_expiring[full];
        if let Some(&i) = self.index.get(full) {
            weighted += i128::from(rest) * i128::from(candidates[i].rate_bps);
            if candidates[i].expires_at.is_some() {
                expiring += rest;
            }
        }
        Filled { gross, weighted, expiring }
    }

    /// The weighted cost of the dearest split of `gross` (at least the
    /// minimums, at most the balance): each member its minimum, then the
    /// room to the members in reverse fill order, the dearest first.
    pub(super) fn dearest(&self, candidates: &[Candidate], gross: i64) -> i128 {
        let room = gross - self.minimum;
        let total = self.extra[self.index.len()];
        // Members from `from` on take all their extra; the one before, the rest.
        let from = self.extra.partition_point(|&e| total - e > room);
        let rest = room - (total - self.extra[from]);
        let mut weighted = self.minimum_cost + self.extra_cost[self.index.len()] - self.extra_cost[from];
        if let Some(&i) = from.checked_sub(1).and_then(|m| self.index.get(m)) {
            weighted += i128::from(rest) * i128::from(candidates[i].rate_bps);
        }
        weighted
    }

    /// The legs of that fill, as `(index, amount)`.
    fn legs(&self, candidates: &[Candidate], cap: i64) -> Vec<(usize, i64)> {
        let mut chosen = vec![false; candidates.len()];
        self.index.iter().for_each(|&i| chosen[i] = true);
        fill(candidates, |i| chosen[i], cap).unwrap_or_default()
    }
}

struct Search<'a> {
    candidates: &'a [Candidate],
    suffixes: Vec<Suffix>,
    frame: Frame<'a>,
    members: Members,
    best: Option<Found>,
    nodes: u64,
}

impl Search<'_> {
    /// Keeps the set decided so far if it is a valid plan and the best yet.
    fn consider(&mut self, filled: &Filled) {
        let legs = self.members.index.len();
        if legs == 0 || filled.gross < self.frame.fees.min_withdrawal {
            return;
        }
        if self.frame.exact && filled.gross != self.frame.cap {
            return;
        }
        let fee = total_fee(self.frame.fees, self.frame.speed, filled.weighted, legs);
        let better = |b: &Found| (filled.gross - fee, filled.expiring) > (b.net(), b.expiring);
        if self.best.as_ref().is_none_or(better) {
            let legs = self.members.legs(self.candidates, self.frame.cap);
            let (gross, expiring) = (filled.gross, filled.expiring);
            self.best = Some(Found { legs, gross, fee, expiring, proven_optimal: true });
        }
    }

    /// An upper bound on the net of any plan that adds sources from
    /// `index` on to the set decided so far (whose cheapest fill is
    /// `filled`). Gathering `x` more with `k` more legs costs at least the
    /// cheapest remaining rate on `x` (no member's rate is higher, so
    /// shifting gross between the set and newcomers cannot be cheaper), and
    /// `k` is at least the number of largest balances it takes to reach
    /// `x`; net grows with `x` for a given `k`, so each `k` is tried at its
    /// largest `x`.
    fn bound(&self, index: usize, filled: &Filled) -> i64 {
        let (suffix, fees, frame) = (&self.suffixes[index], self.frame.fees, &self.frame);
        let mut best = i64::MIN;
        for (k, &reach) in suffix.prefix.iter().enumerate() {
            let gross = frame.cap.min(self.members.balance.saturating_add(reach));
            let weighted = filled.weighted + i128::from(gross - filled.gross) * i128::from(suffix.min_rate);
            let legs = self.members.index.len() + k;
            best = best.max(gross - total_fee(fees, frame.speed, weighted, legs));
            if gross >= frame.cap {
                break;
            }
        }
        best
    }

    fn visit(&mut self, index: usize) {
        self.nodes += 1;
        if self.nodes > NODE_BUDGET {
            return;
        }
        let filled = self.members.fill(self.candidates, self.frame.cap);
        self.consider(&filled);
        if index == self.candidates.len() {
            return;
        }
        // Branches that can at best tie are cut too: proving the expiring
        // tie-break over every tie would cost far more than it is worth.
        if self.best.as_ref().is_some_and(|best| self.bound(index, &filled) <= best.net()) {
            return;
        }
        let candidate = &self.candidates[index];
        if self.members.fits(candidate, self.frame.cap) {
            self.members.push(index, candidate);
            self.visit(index + 1);
            self.members.pop(candidate);
        }
        self.visit(index + 1);
    }
}

/// The plan with the largest net over fill-ordered `candidates`, or `None`
/// when no plan reaches the minimum withdrawal within the cap.
pub fn best_plan(candidates: &[Candidate], frame: Frame<'_>) -> Option<Found> {
    if frame.cap < frame.fees.min_withdrawal {
        return None;
    }
    let suffixes = Suffix::all(candidates);
    let mut search = Search { candidates, suffixes, frame, members: Members::new(), best: None, nodes: 0 };
    search.visit(0);
    let exhausted = search.nodes > NODE_BUDGET;
    search.best.map(|mut found| {
        found.proven_optimal = !exhausted;
        found
    })
}

/// How a set of sources fills `cap`: each member takes its own minimum,
/// then the room left goes to the members in fill order, each up to its
/// balance. `None` when a member holds less than its own minimum or the
/// minimums alone go over the cap. The brute-force oracle of the tests
/// uses it too.
pub fn fill(candidates: &[Candidate], members: impl Fn(usize) -> bool, cap: i64) -> Option<Vec<(usize, i64)>> {
    let chosen: Vec<usize> = (0..candidates.len()).filter(|&i| members(i)).collect();
    let minimums: i64 = chosen.iter().map(|&i| candidates[i].minimum).sum();
    let balances: i64 = chosen.iter().map(|&i| candidates[i].available).sum();
    if minimums > cap || chosen.iter().any(|&i| candidates[i].available < candidates[i].minimum) {
        return None;
    }
    let mut room = cap.min(balances) - minimums;
    let legs = chosen
        .iter()
        .map(|&i| {
            let extra = (candidates[i].available - candidates[i].minimum).min(room);
            room -= extra;
            (i, candidates[i].minimum + extra)
        })
        .collect();
    Some(legs)
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
