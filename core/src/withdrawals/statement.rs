//! Where every won of a withdrawal went: what each source gave, what came
//! back, the fee and what the payee received, from the sealed record alone.
//! The lines and the totals always add up: collected = paid out + fee +
//! sent back (+ still on its way, while a leg is unsettled).

use super::conservation::moved;
use super::legs::LegState;
use super::record::Stored;
use super::WithdrawalState;
use crate::money::{Currency, Locale, Money};
use crate::sources::FormattedAmount;
use crate::text::{say, Lang, Msg};
use crate::SweepError;

/// One source's part of a withdrawal.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct StatementLine {
    /// The source.
    pub source_id: u64,
    /// Its name.
    pub source_name: String,
    /// What the withdrawal asked of it.
    pub asked: FormattedAmount,
    /// What left it and reached the provider (zero when it was not collected).
    pub collected: FormattedAmount,
    /// What went back to it.
    pub sent_back: FormattedAmount,
    /// Where its leg stands.
    pub state: LegState,
    /// The provider's collection reference, once given.
    pub collection_reference: Option<String>,
    /// One sentence for the user.
    pub text: String,
}

/// Where every won of a withdrawal went.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Statement {
    /// The withdrawal.
    pub withdrawal_id: u64,
    /// Where it stands.
    pub state: WithdrawalState,
    /// One line per source.
    pub lines: Vec<StatementLine>,
    /// Everything collected from the sources.
    pub collected: FormattedAmount,
    /// What the payee received (zero until it completed).
    pub paid_out: FormattedAmount,
    /// The fee charged (zero unless it completed).
    pub fee: FormattedAmount,
    /// What went back to the sources.
    pub sent_back: FormattedAmount,
    /// Collected but not yet paid out, charged or sent back.
    pub in_flight: FormattedAmount,
}

/// The statement of `stored`, with each source's name from `name_of`.
pub fn statement(stored: &Stored, name_of: &dyn Fn(u64) -> String, locale: Locale) -> Result<Statement, SweepError> {
    let currency = Currency::from_code(&stored.details.currency_code)?;
    let won = |units: i64| FormattedAmount::new(Money::from_minor(units, currency), locale);
    let mut lines = Vec::with_capacity(stored.details.collection.len());
    for leg in &stored.details.collection {
        let arrived = if matches!(leg.state, LegState::Collected | LegState::Returned) { leg.gross } else { 0 };
        let back = if leg.state == LegState::Returned { leg.gross } else { 0 };
        let name = name_of(leg.source_id as u64);
        let amount = won(leg.gross).formatted;
        let (source, amount) = (name.clone().into(), amount.into());
        let text = say(
            Lang::of(locale),
            match leg.state {
                LegState::Pending | LegState::Instructed => Msg::StatementOnItsWay { amount, source },
                LegState::Collected => Msg::StatementReached { amount, source },
                LegState::Failed => Msg::StatementKept { amount, source },
                LegState::Returned => Msg::StatementSentBack { amount, source },
            },
        );
        lines.push(StatementLine {
            source_id: leg.source_id as u64,
            source_name: name,
            asked: won(leg.gross),
            collected: won(arrived),
            sent_back: won(back),
            state: leg.state,
            collection_reference: leg.destination_reference.clone(),
            text,
        });
    }
    let m = moved(stored);
    let paid_out = m.paid_out.unwrap_or(0);
    Ok(Statement {
        withdrawal_id: stored.id as u64,
        state: stored.state,
        lines,
        collected: won(m.collected),
        paid_out: won(paid_out),
        fee: won(m.fee),
        sent_back: won(m.sent_back),
        in_flight: won(m.collected - paid_out - m.fee - m.sent_back),
    })
}
