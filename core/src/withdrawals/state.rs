//! The withdrawal state machine. `requested → processing → sent →
//! completed`; or `failed` (with a reason), `canceled` (only from
//! `requested` or `processing`), or `returned` (after `sent`, when the bank
//! bounces it). The provider numbers its events; Sweep applies an event
//! only when its version is newer than the last one applied, so events
//! that arrive twice or out of order never move a withdrawal backwards.

use serde::{Deserialize, Serialize};

/// Where a withdrawal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum WithdrawalState {
    /// Stored and held; not yet accepted by the provider.
    Requested,
    /// The provider accepted it.
    Processing,
    /// The money is on its way to the payee.
    Sent,
    /// The payee has it.
    Completed,
    /// It did not go through; the hold is released.
    Failed,
    /// The user canceled it; the hold is released.
    Canceled,
    /// The bank sent it back; the hold is released.
    Returned,
}

/// What entering a state does to the held money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerEffect {
    /// Nothing: the money stays held.
    None,
    /// The held money leaves the sources.
    Debit,
    /// The held money is given back to the sources.
    Release,
}

impl WithdrawalState {
    /// The code stored in the database and sent by the provider.
    pub fn code(self) -> &'static str {
        match self {
            WithdrawalState::Requested => "requested",
            WithdrawalState::Processing => "processing",
            WithdrawalState::Sent => "sent",
            WithdrawalState::Completed => "completed",
            WithdrawalState::Failed => "failed",
            WithdrawalState::Canceled => "canceled",
            WithdrawalState::Returned => "returned",
        }
    }

    /// The state for a stored or received code.
    pub fn from_code(code: &str) -> Option<WithdrawalState> {
        [
            WithdrawalState::Requested,
            WithdrawalState::Processing,
            WithdrawalState::Sent,
            WithdrawalState::Completed,
            WithdrawalState::Failed,
            WithdrawalState::Canceled,
            WithdrawalState::Returned,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// True when nothing can follow.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            WithdrawalState::Completed
                | WithdrawalState::Failed
                | WithdrawalState::Canceled
                | WithdrawalState::Returned
        )
    }

    /// Whether `next` may follow this state. Steps may be skipped (an event
    /// can be missed or arrive after a newer one), never reversed; nothing
    /// cancels a withdrawal once it is sent.
    pub fn can_become(self, next: WithdrawalState) -> bool {
        use WithdrawalState::*;
        match self {
            Requested => matches!(next, Processing | Sent | Completed | Failed | Canceled | Returned),
            Processing => matches!(next, Sent | Completed | Failed | Canceled | Returned),
            Sent => matches!(next, Completed | Failed | Returned),
            Completed | Failed | Canceled | Returned => false,
        }
    }

    /// What entering `self` does to the held money.
    pub fn effect(self) -> LedgerEffect {
        match self {
            WithdrawalState::Completed => LedgerEffect::Debit,
            WithdrawalState::Failed | WithdrawalState::Canceled | WithdrawalState::Returned => LedgerEffect::Release,
            _ => LedgerEffect::None,
        }
    }
}

/// What to do with an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Move to the event's state.
    Apply(WithdrawalState),
    /// A duplicate, an older event, or one that would move backwards.
    Ignore,
}

/// Decides an event `(state, version)` against the stored `(state, version)`.
pub fn decide(current: WithdrawalState, current_version: u64, event: WithdrawalState, version: u64) -> Decision {
    if version <= current_version || event == current || !current.can_become(event) {
        return Decision::Ignore;
    }
    Decision::Apply(event)
}

#[cfg(test)]
mod tests {
    use super::WithdrawalState::*;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_happy_path_and_its_effects() {
        assert_eq!(decide(Requested, 0, Processing, 1), Decision::Apply(Processing));
        assert_eq!(decide(Processing, 1, Sent, 2), Decision::Apply(Sent));
        assert_eq!(decide(Sent, 2, Completed, 3), Decision::Apply(Completed));
        assert_eq!(Completed.effect(), LedgerEffect::Debit);
        assert_eq!(Returned.effect(), LedgerEffect::Release);
    }

    #[test]
    fn duplicates_old_events_and_reversals_are_ignored() {
        assert_eq!(decide(Sent, 3, Sent, 3), Decision::Ignore, "a duplicate");
        assert_eq!(decide(Sent, 3, Processing, 2), Decision::Ignore, "an older event");
        assert_eq!(decide(Completed, 4, Failed, 5), Decision::Ignore, "terminal stays terminal");
        assert!(!Sent.can_become(Canceled), "no cancel after sent");
        assert_eq!(decide(Requested, 0, Completed, 4), Decision::Apply(Completed), "missed steps are fine");
    }

    /// The oracle's own reading of the state machine in the module's doc:
    /// `requested → processing → sent → a terminal state`, steps skippable,
    /// never backwards, and no cancel once sent.
    fn follows(current: WithdrawalState, next: WithdrawalState) -> bool {
        let rank = |s: WithdrawalState| match s {
            Requested => 0,
            Processing => 1,
            Sent => 2,
            Completed | Failed | Canceled | Returned => 3,
        };
        rank(next) > rank(current) && !(next == Canceled && rank(current) >= rank(Sent))
    }

    fn state() -> impl Strategy<Value = WithdrawalState> {
        prop_oneof![Just(Processing), Just(Sent), Just(Completed), Just(Failed), Just(Returned), Just(Canceled)]
    }

    proptest! {
        /// Whatever order and repetition the events come in, the outcome is
        /// the state of the newest event that could follow, and at most one
        /// terminal effect is applied.
        #[test]
        fn order_and_repeats_do_not_matter(mut events in prop::collection::vec((state(), 1u64..20), 1..30), seed in any::<u64>()) {
            // The provider's history: versions are unique and its states a valid walk.
            events.sort_by_key(|e| e.1);
            events.dedup_by_key(|e| e.1);
            let mut history = Vec::new();
            let mut at = Requested;
            for (state, version) in events {
                if at.can_become(state) {
                    history.push((state, version));
                    at = state;
                }
            }
            // Delivered shuffled, each twice.
            let mut delivered: Vec<_> = history.iter().chain(history.iter()).copied().collect();
            let mut s = seed;
            for i in (1..delivered.len()).rev() {
                s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                delivered.swap(i, (s >> 33) as usize % (i + 1));
            }
            let (mut current, mut version, mut effects) = (Requested, 0, 0);
            for (state, v) in delivered {
                let decision = decide(current, version, state, v);
                // Ignored exactly when it is not newer, or its state cannot
                // follow: by the oracle's own ranks, a state follows only a
                // lower-ranked one, and a cancel only what was not sent yet.
                let applies = v > version && follows(current, state);
                prop_assert_eq!(decision == Decision::Ignore, !applies, "{:?}@{} after {:?}@{}", state, v, current, version);
                if let Decision::Apply(next) = decision {
                    prop_assert_eq!(next, state);
                    current = next;
                    version = v;
                    if next.effect() != LedgerEffect::None {
                        effects += 1;
                    }
                }
            }
            prop_assert!(effects <= 1, "money moved {} times", effects);
            if let Some((last, _)) = history.last() {
                if last.is_terminal() {
                    prop_assert_eq!(current, *last);
                }
            }
            // The newest event always follows whatever was applied before
            // it (steps may be skipped), so it is where every delivery ends.
            prop_assert_eq!(current, history.last().map_or(Requested, |(last, _)| *last));
        }
    }
}
