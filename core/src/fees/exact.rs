//! "Receive exactly X": of all the plans whose payout is exactly X, the one
//! with the least gross (and so the least fee).
//!
//! Why the payouts of one set of sources are easy and all plans are not.
//! For a set `S` and a gross `G`, the fee depends on how `G` is split: the
//! cheapest split (the planner's fill) gives the largest payout, the dearest
//! split (the room to the dearest members first) the smallest. Moving one
//! unit of gross from one member to another changes `Σ amount × rate` by
//! less than 5 000 (every rate is below 50%), so the fee, rounded once,
//! moves by at most one unit: *every* payout between those two is made by
//! some split. One unit more of gross changes each end by 0 or 1. So `S`
//! pays an unbroken range of payouts, from the dearest split at its least
//! gross (its minimums or the minimum withdrawal) to the cheapest split at
//! its largest. Between sets there are gaps (a leg more adds its fixed fee),
//! which is why the best plan of each gross is not enough.
//!
//! For one set, the least gross paying X is found by bisection on the
//! cheapest split; at the set's least gross, X may also sit inside the
//! range of splits. Over sets, a branch and bound in fill order, like the
//! planner's, keeps the least gross found; its bound prices every unit
//! beyond the members' minimums at the lowest rate any extension could
//! use, with no more legs than the members already have.
//!
//! When nothing pays X, the closest payout above it is the least start of
//! any set's range above X. While nothing pays X the bound only cuts sets
//! whose every payout is below X, so the search sees every set that counts.

use super::price::total_fee;
use super::search::{Candidate, Found, Frame, Members, Suffix, NODE_BUDGET};

/// What the search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exact {
    /// The plan paying exactly X with the least gross, if any does.
    pub found: Option<Found>,
    /// When none does: the least payout above X that a plan makes.
    pub nearest_above: Option<i64>,
}

/// The plan with the least gross whose payout is exactly `net`, over
/// fill-ordered `candidates`, within `frame.cap`.
pub fn cheapest_paying(candidates: &[Candidate], frame: Frame<'_>, net: i64) -> Exact {
    let suffixes = Suffix::all(candidates);
    let mut search =
        ExactSearch { candidates, suffixes, frame, net, members: Members::new(), best: None, nearest: None, nodes: 0 };
    search.visit(0);
    let exhausted = search.nodes > NODE_BUDGET;
    let found = search.best.map(|(gross, set)| {
        let mut found = split_paying(candidates, frame, &set, gross, gross - net);
        found.proven_optimal = !exhausted;
        found
    });
    Exact { found, nearest_above: search.nearest }
}

struct ExactSearch<'a> {
    candidates: &'a [Candidate],
    suffixes: Vec<Suffix>,
    frame: Frame<'a>,
    net: i64,
    members: Members,
    /// The least gross found, and its set.
    best: Option<(i64, Vec<usize>)>,
    nearest: Option<i64>,
    nodes: u64,
}

impl ExactSearch<'_> {
    fn fee(&self, weighted: i128, legs: usize) -> i64 {
        total_fee(self.frame.fees, self.frame.speed, weighted, legs)
    }

    /// Grosses above the best found cannot improve on it.
    fn ceiling(&self) -> i64 {
        self.best.as_ref().map_or(self.frame.cap, |(gross, _)| self.frame.cap.min(gross - 1))
    }

    /// Whether the members themselves pay exactly X, and at what least gross.
    fn evaluate(&mut self) {
        let legs = self.members.index.len();
        if legs == 0 {
            return;
        }
        let low = self.members.minimum.max(self.frame.fees.min_withdrawal);
        let high = self.members.balance.min(self.ceiling());
        if low > high {
            return;
        }
        let cheapest = |gross: i64| gross - self.fee(self.members.fill(self.candidates, gross).weighted, legs);
        if cheapest(low) >= self.net {
            // Only the least gross can pay X; the dearest split there pays
            // the least this set can.
            let dearest = low - self.fee(self.members.dearest(self.candidates, low), legs);
            if dearest <= self.net {
                self.best = Some((low, self.members.index.clone()));
            } else if self.nearest.is_none_or(|n| dearest < n) {
                self.nearest = Some(dearest);
            }
            return;
        }
        if cheapest(high) < self.net {
            return;
        }
        // The cheapest split pays less than X at `low` and at least X at
        // `high`, rising by at most one per unit: the first gross reaching X
        // pays it exactly.
        let reaches = first_reaching(low, high, |gross| cheapest(gross) >= self.net);
        self.best = Some((reaches, self.members.index.clone()));
    }

    /// A lower bound on the gross of any plan paying X that adds sources
    /// from `index` on to the members; `None` when no such plan can be
    /// better than the best found. Its fee is at least the members'
    /// minimums at their rates, everything else at the lowest rate among
    /// members and newcomers, and the members' legs (one if none yet).
    fn least_gross(&self, index: usize) -> Option<i64> {
        let suffix = &self.suffixes[index];
        let (rate, legs) = match self.members.index.first() {
            Some(&first) => (self.candidates[first].rate_bps, self.members.index.len()),
            None => (suffix.min_rate, 1),
        };
        let more = suffix.prefix.last().copied().unwrap_or(0);
        let low = self.members.minimum.max(self.frame.fees.min_withdrawal);
        let high = self.ceiling().min(self.members.balance.saturating_add(more));
        let pays = |gross: i64| {
            let weighted = self.members.minimum_cost + i128::from(gross - self.members.minimum) * i128::from(rate);
            gross - self.fee(weighted, legs)
        };
        if low > high || pays(high) < self.net {
            return None;
        }
        if pays(low) >= self.net {
            return Some(low);
        }
        Some(first_reaching(low, high, |gross| pays(gross) >= self.net))
    }

    fn visit(&mut self, index: usize) {
        self.nodes += 1;
        if self.nodes > NODE_BUDGET {
            return;
        }
        self.evaluate();
        if index == self.candidates.len() || self.least_gross(index).is_none() {
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

/// The least gross in `(below, reaches]` where `reached` holds, by
/// bisection: `reached` is false at `below`, true at `reaches`, and once
/// true stays true as the gross grows.
fn first_reaching(mut below: i64, mut reaches: i64, reached: impl Fn(i64) -> bool) -> i64 {
    while reaches - below > 1 {
        let mid = below + (reaches - below) / 2;
        if reached(mid) {
            reaches = mid;
        } else {
            below = mid;
        }
    }
    reaches
}

/// A split of `gross` over `set` (fill-ordered indices) whose fee is
/// exactly `fee`; the search found that one exists. The split gives the
/// dearest `s` units of room first, the rest the cheapest way: each unit
/// more of `s` raises the weighted cost by less than a rounding step, so
/// the least `s` whose fee reaches `fee` has exactly that fee.
fn split_paying(candidates: &[Candidate], frame: Frame<'_>, set: &[usize], gross: i64, fee: i64) -> Found {
    let minimum: i64 = set.iter().map(|&i| candidates[i].minimum).sum();
    let room = gross - minimum;
    let split = |dear: i64| -> Vec<(usize, i64)> {
        let mut amounts: Vec<i64> = set.iter().map(|&i| candidates[i].minimum).collect();
        let mut left = dear;
        for (k, &i) in set.iter().enumerate().rev() {
            let take = (candidates[i].available - amounts[k]).min(left);
            amounts[k] += take;
            left -= take;
        }
        let mut left = room - dear;
        for (k, &i) in set.iter().enumerate() {
            let take = (candidates[i].available - amounts[k]).min(left);
            amounts[k] += take;
            left -= take;
        }
        set.iter().copied().zip(amounts).collect()
    };
    let fee_of = |legs: &[(usize, i64)]| {
        let weighted = legs.iter().map(|&(i, a)| i128::from(a) * i128::from(candidates[i].rate_bps)).sum();
        total_fee(frame.fees, frame.speed, weighted, legs.len())
    };
    let dear = if fee_of(&split(0)) < fee { first_reaching(0, room, |s| fee_of(&split(s)) >= fee) } else { 0 };
    let legs = split(dear);
    let expiring = legs.iter().filter(|(i, _)| candidates[*i].expires_at.is_some()).map(|(_, a)| a).sum();
    Found { fee: fee_of(&legs), legs, gross, expiring, proven_optimal: true }
}

#[cfg(test)]
#[path = "exact_tests.rs"]
mod tests;
