//! Sign-ins in progress (links, and bank-payment approvals), by their OAuth
//! `state`. Bounded: past [`MAX_IN_FLIGHT`] a new sign-in drops the oldest,
//! so an app that starts sign-ins in a loop cannot grow the wallet's memory.

use std::collections::BTreeMap;

/// The most sign-ins a wallet keeps waiting at once.
pub const MAX_IN_FLIGHT: usize = 8;

/// Values by `state`, each with the order it came in.
pub struct InFlight<T> {
    next: u64,
    by_state: BTreeMap<String, (u64, T)>,
}

impl<T: Clone> InFlight<T> {
    /// None in progress.
    pub fn new() -> Self {
        InFlight { next: 0, by_state: BTreeMap::new() }
    }

    /// Keeps `value` under `state`, dropping the oldest past the bound.
    pub fn insert(&mut self, state: String, value: T) {
        while self.by_state.len() >= MAX_IN_FLIGHT {
            let oldest = self.by_state.iter().min_by_key(|(_, (n, _))| *n).map(|(s, _)| s.clone());
            match oldest {
                Some(state) => self.by_state.remove(&state),
                None => break,
            };
        }
        self.next += 1;
        self.by_state.insert(state, (self.next, value));
    }

    /// The value under `state`, left in place.
    pub fn get(&self, state: &str) -> Option<T> {
        self.by_state.get(state).map(|(_, v)| v.clone())
    }

    /// Takes the value under `state`: each is used once.
    pub fn remove(&mut self, state: &str) -> Option<T> {
        self.by_state.remove(state).map(|(_, v)| v)
    }

    /// Forgets them all.
    pub fn clear(&mut self) {
        self.by_state.clear();
    }

    /// How many are waiting.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.by_state.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_bound_the_oldest_goes_and_each_is_taken_once() {
        let mut waiting = InFlight::new();
        for n in 0..MAX_IN_FLIGHT + 3 {
            waiting.insert(format!("s{n}"), n);
        }
        assert_eq!(waiting.len(), MAX_IN_FLIGHT);
        assert_eq!(waiting.get("s0"), None, "the oldest went");
        assert_eq!(waiting.get("s3"), Some(3));
        assert_eq!(waiting.remove("s3"), Some(3));
        assert_eq!(waiting.remove("s3"), None, "used once");
    }
}
