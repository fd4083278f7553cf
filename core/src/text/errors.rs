//! Each error's sentence: which catalog message says it, with its fields.

use fluent_bundle::FluentValue;

use super::Msg;
use crate::SweepError;

/// A number or other value as text: Fluent would format numbers itself
/// (through a float), and ids and counts must read exactly as they are.
fn text<'a>(value: impl ToString) -> FluentValue<'a> {
    FluentValue::from(value.to_string())
}

impl SweepError {
    /// The message that says this error.
    pub(crate) fn msg(&self) -> Msg<'_> {
        use SweepError as E;
        let s = |v: &str| FluentValue::from(v.to_owned());
        match self {
            E::UnknownCurrency { code } => Msg::UnknownCurrency { code: s(code) },
            E::CurrencyMismatch { expected, found } => Msg::CurrencyMismatch { expected: s(expected), found: s(found) },
            E::AmountOverflow { operation } => Msg::AmountOverflow { operation: s(operation) },
            E::SubMinorPrecision { amount, currency, minor_units } => {
                Msg::SubMinorPrecision { amount: s(amount), currency: s(currency), minor_units: text(minor_units) }
            }
            E::NegativeAmount { field, amount } => Msg::NegativeAmount { field: s(field), amount: s(amount) },
            E::UnparsableAmount { input, reason } => Msg::UnparsableAmount { input: s(input), reason: s(reason) },
            E::InvalidInput { field, reason } => Msg::InvalidInput { field: s(field), reason: s(reason) },
            E::WrongKey => Msg::WrongKey {},
            E::KeyUnavailable { reason } => Msg::KeyUnavailable { reason: s(reason) },
            E::Tampered { table, column, row } => Msg::Tampered { table: s(table), column: s(column), row: s(row) },
            E::SchemaTooNew { found, supported } => {
                Msg::SchemaTooNew { found: text(found), supported: text(supported) }
            }
            E::LedgerCorrupted { seq, reason } => Msg::LedgerCorrupted { seq: text(seq), reason: s(reason) },
            E::SourceNotFound { source_id } => Msg::SourceNotFound { source_id: text(source_id) },
            E::Network { reason } => Msg::Network { reason: s(reason) },
            E::Timeout { after_ms } => Msg::Timeout { after_ms: text(after_ms) },
            E::MalformedResponse { reason } => Msg::MalformedResponse { reason: s(reason) },
            E::ResponseTooLarge { limit_bytes } => Msg::ResponseTooLarge { limit_bytes: text(limit_bytes) },
            E::RateLimited { retry_after_ms: None } => Msg::RateLimited {},
            E::RateLimited { retry_after_ms: Some(ms) } => Msg::RateLimitedRetry { retry_after_ms: text(ms) },
            E::AuthExpired { reason } => Msg::AuthExpired { reason: s(reason) },
            E::AccessRevoked { reason } => Msg::AccessRevoked { reason: s(reason) },
            E::SourceFailed { status } => Msg::SourceFailed { status: text(status) },
            E::OAuthRejected { error } => Msg::OAuthRejected { error: s(error) },
            E::WalletClosed => Msg::WalletClosed {},
            E::WalletInUse { .. } => Msg::WalletInUse {},
            E::Storage { reason } => Msg::Storage { reason: s(reason) },
            E::AmountNotPositive { field, amount } => Msg::AmountNotPositive { field: s(field), amount: s(amount) },
            E::LimitExceeded { limit, allowed, requested } => {
                Msg::LimitExceeded { limit: s(limit), allowed: s(allowed), requested: s(requested) }
            }
            E::BelowMinimum { minimum_kind, minimum, requested } => {
                Msg::BelowMinimum { minimum_kind: s(minimum_kind), minimum: s(minimum), requested: s(requested) }
            }
            E::NotCashable { source_id, reason } => Msg::NotCashable { source_id: text(source_id), reason: s(reason) },
            E::NoFeeSchedule => Msg::NoFeeSchedule {},
            E::QuoteExpired { quote_id, .. } => Msg::QuoteExpired { quote_id: s(quote_id) },
            E::FeeScheduleStale { quote_version, current_version } => {
                Msg::FeeScheduleStale { quote_version: s(quote_version), current_version: s(current_version) }
            }
            E::QuoteMismatch { field, local, provider } => {
                Msg::QuoteMismatch { field: s(field), local: s(local), provider: s(provider) }
            }
            E::AmountUnreachable { requested, nearest } => {
                Msg::AmountUnreachable { requested: s(requested), nearest: s(nearest) }
            }
            E::CaptureRejected { problem, detail } => {
                Msg::CaptureRejected { problem: text(format!("{problem:?}")), detail: s(detail) }
            }
            E::PayeeCoolingDown { payee_id, until, small_amount } => {
                Msg::PayeeCoolingDown { payee_id: text(payee_id), until: s(until), small_amount: s(small_amount) }
            }
            E::PayeeNotFound { payee_id } => Msg::PayeeNotFound { payee_id: text(payee_id) },
            E::IdempotencyConflict { .. } => Msg::IdempotencyConflict {},
            E::CancelTooLate { withdrawal_id, state } => {
                Msg::CancelTooLate { withdrawal_id: text(withdrawal_id), state: s(state) }
            }
            E::PayeeNameMismatch { result, .. } => Msg::PayeeNameMismatch { result: s(result) },
            E::ReceiptNotReady { withdrawal_id, state } => {
                Msg::ReceiptNotReady { withdrawal_id: text(withdrawal_id), state: s(state) }
            }
            E::ChargeMismatch { withdrawal_id, field, quoted, charged } => Msg::ChargeMismatch {
                withdrawal_id: text(withdrawal_id),
                field: s(field),
                quoted: s(quoted),
                charged: s(charged),
            },
            E::ConservationBroken { withdrawal_id, collected, paid_out, fee, returned } => Msg::ConservationBroken {
                withdrawal_id: text(withdrawal_id),
                collected: text(collected),
                paid_out: text(paid_out),
                fee: text(fee),
                returned: text(returned),
            },
            E::WithdrawalNotFound { withdrawal_id } => Msg::WithdrawalNotFound { withdrawal_id: text(withdrawal_id) },
            E::AuthenticationFailed { reason } => Msg::AuthenticationFailed { reason: s(reason) },
            E::RecentSimSwap { hours } => Msg::RecentSimSwap { hours: text(hours) },
            E::PayeeNotOwnName { .. } => Msg::PayeeNotOwnName {},
            E::ObjectClosed { object_name } => Msg::ObjectClosed { object_name: s(object_name) },
            E::Internal { reason } => Msg::Internal { reason: s(reason) },
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::identity::CaptureProblem;
    use crate::SweepError;

    fn both(e: &SweepError) -> (String, String) {
        (e.sentence_in("en-US".into()), e.sentence_in("ko-KR".into()))
    }

    #[test]
    fn an_error_reads_in_english_for_logs_and_in_the_wallets_language_for_people() {
        let over = SweepError::LimitExceeded {
            limit: "daily".into(),
            allowed: "₩100,000".into(),
            requested: "₩150,000".into(),
        };
        assert_eq!(over.to_string(), "₩150,000 is above the daily limit of ₩100,000");
        assert_eq!(both(&over).1, "요청한 금액(₩150,000)이 오늘 남은 한도(₩100,000)를 넘어요.");
        assert_eq!(
            both(&SweepError::NoFeeSchedule),
            (
                "no fee schedule is cached yet; refresh it from the provider first".to_owned(),
                "아직 수수료표가 없어요. 먼저 제공사에서 수수료표를 받아 주세요.".to_owned()
            )
        );
    }

    #[test]
    fn optional_and_coded_fields_pick_their_words() {
        let later = SweepError::RateLimited { retry_after_ms: Some(1500) };
        assert_eq!(later.to_string(), "rate limited by the source; retry after 1500 ms");
        assert_eq!(SweepError::RateLimited { retry_after_ms: None }.to_string(), "rate limited by the source");
        let blurry = SweepError::CaptureRejected { problem: CaptureProblem::PoorQuality, detail: "d".into() };
        assert_eq!(
            both(&blurry),
            ("capture refused (PoorQuality): d".to_owned(), "사진을 쓸 수 없어요 (사진 품질이 낮아요): d".to_owned())
        );
        let late = SweepError::CancelTooLate { withdrawal_id: 12_345, state: "sent".into() };
        assert_eq!(
            both(&late).1,
            "출금 12345번은 이미 보낸 상태라 취소할 수 없어요.",
            "ids are not grouped like amounts"
        );
        let small = SweepError::BelowMinimum {
            minimum_kind: "min_withdrawal".into(),
            minimum: "₩5,000".into(),
            requested: "₩1,000".into(),
        };
        assert_eq!(both(&small).1, "요청한 금액(₩1,000)이 최소 출금액(₩5,000)보다 적어요.");
    }
}
