//! The one public error type. Every variant carries the fields an app needs to
//! tell the user what went wrong. Its sentences come from the catalogs
//! (`text/`): `sentence()` in the wallet's language, `Display` in English
//! (for logs and developers).
//!
//! Field names avoid `message`, which Kotlin's `Throwable` already owns.

/// Everything that can go wrong in the Sweep core.
///
/// Across the FFI each error reads as its sentence: `message` in Kotlin,
/// `str(e)` in Python and `description`/`localizedDescription` in Swift
/// (docs/adr/0007-readable-errors-across-the-ffi.md), and its fields stay
/// available.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Error))]
#[cfg_attr(feature = "ffi", uniffi::export(Display))]
pub enum SweepError {
    /// The currency code is not an ISO 4217 code this build knows.
    UnknownCurrency {
        /// The code as given.
        code: String,
    },

    /// Two amounts in different currencies were combined.
    CurrencyMismatch {
        /// The currency of the left-hand amount.
        expected: String,
        /// The currency that did not match it.
        found: String,
    },

    /// The result does not fit in the range Sweep represents (i64 minor units).
    AmountOverflow {
        /// The operation that overflowed: add, sub, mul, new or round.
        operation: String,
    },

    /// The amount has more decimal places than the currency's minor unit allows.
    SubMinorPrecision {
        /// The amount as given.
        amount: String,
        /// The currency code.
        currency: String,
        /// The decimal places the currency allows.
        minor_units: u8,
    },

    /// A negative amount was given where only zero or more makes sense.
    NegativeAmount {
        /// The input field.
        field: String,
        /// The amount as given.
        amount: String,
    },

    /// Text could not be read as an amount of money.
    UnparsableAmount {
        /// The text as given.
        input: String,
        /// What is wrong with it.
        reason: String,
    },

    /// An input field failed validation; nothing was written.
    InvalidInput {
        /// The input field.
        field: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The key provider returned a key that does not open this wallet.
    WrongKey,

    /// The key provider could not supply or use its key (locked, missing, denied).
    KeyUnavailable {
        /// What the key store said.
        reason: String,
    },

    /// A sealed value failed authentication: it was modified or moved.
    Tampered {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// The row key.
        row: String,
    },

    /// The database was written by a newer version of Sweep.
    SchemaTooNew {
        /// The database's schema version.
        found: u32,
        /// The newest version this build knows.
        supported: u32,
    },

    /// The ledger's hash chain does not verify.
    LedgerCorrupted {
        /// The entry (or batch end) where verification failed; 0 for the summaries.
        seq: u64,
        /// What failed.
        reason: String,
    },

    /// No source with this id exists in the wallet.
    SourceNotFound {
        /// The id asked for.
        source_id: u64,
    },

    /// The source could not be reached (name lookup, connection, TLS).
    Network {
        /// What failed, without any token or body.
        reason: String,
    },

    /// The source did not answer in time.
    Timeout {
        /// The time limit, in milliseconds.
        after_ms: u64,
    },

    /// The source's answer is not what its API promises: malformed JSON, an
    /// HTML page, missing fields.
    MalformedResponse {
        /// What was wrong, without echoing the body.
        reason: String,
    },

    /// The source's answer is larger than Sweep reads.
    ResponseTooLarge {
        /// The limit, in bytes.
        limit_bytes: u64,
    },

    /// The source asked Sweep to slow down.
    RateLimited {
        /// How long the source asked to wait, if it said.
        retry_after_ms: Option<u64>,
    },

    /// The source refused the grant (expired or invalid): link it again.
    AuthExpired {
        /// What the source said.
        reason: String,
    },

    /// The user or the platform revoked Sweep's access to the source.
    AccessRevoked {
        /// What the source said.
        reason: String,
    },

    /// The source failed (a server error or an unexpected status).
    SourceFailed {
        /// The HTTP status.
        status: u16,
    },

    /// The authorization server refused the sign-in, or its answer failed
    /// a check (state, nonce, issuer, audience).
    OAuthRejected {
        /// The OAuth error code (`invalid_grant` for a used or expired
        /// code, `access_denied` when the user said no) or the failed check.
        error: String,
    },

    /// The wallet was closed; open it again to continue.
    WalletClosed,

    /// The wallet's data directory is open in another `Wallet`, in another
    /// process or in this one. Two at once could each make a data key, or
    /// together pass a limit, so the second is refused; close the first.
    WalletInUse {
        /// The data directory.
        data_dir: String,
    },

    /// The local database failed (disk full, file locked, I/O error).
    Storage {
        /// What SQLite or the file system said.
        reason: String,
    },

    /// An amount that must be more than zero is zero or negative.
    AmountNotPositive {
        /// Which amount.
        field: String,
        /// The amount given, formatted.
        amount: String,
    },

    /// An amount is above a limit: the maximum withdrawal, a tier's
    /// per-withdrawal, daily or monthly limit, or a source's balance.
    LimitExceeded {
        /// Which limit: `max_withdrawal`, `per_withdrawal`, `daily`, `monthly` or `balance`.
        limit: String,
        /// The most allowed, formatted.
        allowed: String,
        /// What was asked for, formatted.
        requested: String,
    },

    /// An amount is below a minimum: the minimum withdrawal or a source's
    /// own minimum.
    BelowMinimum {
        /// Which minimum: `min_withdrawal` or `source_minimum`.
        minimum_kind: String,
        /// The minimum, formatted.
        minimum: String,
        /// What was asked for, formatted.
        requested: String,
    },

    /// A source's money cannot be withdrawn (it is spend-only, blocked, or
    /// can only be refunded to where it came from).
    NotCashable {
        /// The source.
        source_id: u64,
        /// Why, in a sentence.
        reason: String,
    },

    /// No fee schedule is cached yet: call `refreshFeeSchedule` once online.
    NoFeeSchedule,

    /// The quote's lock ran out.
    QuoteExpired {
        /// The provider's quote id.
        quote_id: String,
        /// When it expired, in Unix milliseconds.
        expired_at_ms: i64,
    },

    /// The quote was priced with a fee schedule that is no longer current.
    FeeScheduleStale {
        /// The schedule the quote used.
        quote_version: String,
        /// The schedule in force.
        current_version: String,
    },

    /// The provider priced a quote differently from Sweep's own calculation:
    /// Sweep refuses to show a fee it cannot reproduce.
    QuoteMismatch {
        /// Which figure differs.
        field: String,
        /// Sweep's figure, in minor units.
        local: String,
        /// The provider's figure, in minor units.
        provider: String,
    },

    /// Exactly that amount cannot be received: rounding steps over it.
    AmountUnreachable {
        /// What was asked for, formatted.
        requested: String,
        /// The closest amount above that can be received, formatted.
        nearest: String,
    },

    /// A capture was refused: the file is missing, empty, too large, not a
    /// photo, cut off or a decompression bomb; the photo has quality
    /// problems to fix first; or it changed while it was uploading. Nothing
    /// is kept of it.
    CaptureRejected {
        /// What is wrong with the file.
        problem: crate::identity::CaptureProblem,
        /// The same in a sentence, without the path or any of the image.
        detail: String,
    },

    /// The payee is new: above a small amount it can receive money only
    /// once its cool-down has passed.
    PayeeCoolingDown {
        /// The payee.
        payee_id: u64,
        /// When the cool-down ends, RFC 3339.
        until: String,
        /// The most it can receive before then, formatted.
        small_amount: String,
    },

    /// No payee with this id.
    PayeeNotFound {
        /// The id asked for.
        payee_id: u64,
    },

    /// The provider already took this idempotency key with a different
    /// request. Nothing was paid twice.
    IdempotencyConflict {
        /// The key.
        key: String,
    },

    /// The withdrawal can no longer be canceled.
    CancelTooLate {
        /// The withdrawal.
        withdrawal_id: u64,
        /// Where it stands.
        state: String,
    },

    /// The provider's name check found that the holder's name is not the
    /// account's; nothing was stored.
    PayeeNameMismatch {
        /// `no_match`, or `close_match` when only nearly.
        result: String,
        /// On a close match, the name the account has, to offer the user.
        suggested_name: Option<String>,
    },

    /// A receipt comes only once the withdrawal is completed.
    ReceiptNotReady {
        /// The withdrawal.
        withdrawal_id: u64,
        /// Where it stands.
        state: String,
    },

    /// The provider's receipt differs from the quote the user confirmed:
    /// a fee charged other than quoted. Sweep never shows such a receipt.
    ChargeMismatch {
        /// The withdrawal.
        withdrawal_id: u64,
        /// Which figure: `quote_id`, `total_gross`, `total_fee` or `total_net`.
        field: String,
        /// The quote's figure.
        quoted: String,
        /// The receipt's figure.
        charged: String,
    },

    /// A finished withdrawal's money does not add up: what was collected
    /// from its sources is not what was paid out, charged and sent back.
    ConservationBroken {
        /// The withdrawal.
        withdrawal_id: u64,
        /// Collected from its sources, in minor units.
        collected: i64,
        /// Paid out, in minor units.
        paid_out: i64,
        /// Charged, in minor units.
        fee: i64,
        /// Sent back to the sources, in minor units.
        returned: i64,
    },

    /// No withdrawal with this id.
    WithdrawalNotFound {
        /// The id asked for.
        withdrawal_id: u64,
    },

    /// The user's confirmation did not verify, or they declined it.
    AuthenticationFailed {
        /// Why, in a sentence.
        reason: String,
    },

    /// The phone's SIM was swapped recently: withdrawals wait, because that
    /// is how accounts are taken over.
    RecentSimSwap {
        /// The period checked, in hours.
        hours: u32,
    },

    /// By default payouts go only to accounts in the user's own verified
    /// name; this payee is held by someone else. `addPayeeInAnotherName`
    /// adds it once the user has read the warning.
    PayeeNotOwnName {
        /// The holder's name as given.
        holder_name: String,
    },

    /// An object was called after it was freed: in Kotlin, after its
    /// `close()` (or a `use {}` block) released it. The Kotlin bindings
    /// raise it; Rust never does.
    ObjectClosed {
        /// The object's type, for example `Wallet`.
        object_name: String,
    },

    /// A bug or an unexpected failure inside Sweep or a foreign callback.
    Internal {
        /// What failed.
        reason: String,
    },
}

impl From<rusqlite::Error> for SweepError {
    fn from(err: rusqlite::Error) -> Self {
        SweepError::Storage { reason: err.to_string() }
    }
}

impl From<rusqlite::types::FromSqlError> for SweepError {
    fn from(err: rusqlite::types::FromSqlError) -> Self {
        SweepError::Storage { reason: format!("unexpected column type: {err}") }
    }
}

#[cfg(feature = "ffi")]
impl From<uniffi::UnexpectedUniFFICallbackError> for SweepError {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        SweepError::Internal { reason: format!("foreign callback failed: {}", err.reason) }
    }
}

/// English, from the English catalog: what logs and developers read.
impl std::fmt::Display for SweepError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::text::say(crate::text::Lang::En, self.msg()))
    }
}

impl std::error::Error for SweepError {}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl SweepError {
    /// What went wrong, as one sentence for the user, in the language of
    /// the wallet opened last (Korean for a `ko-KR` wallet, else English):
    /// what `message` (Kotlin), `str(e)` (Python) and `description`
    /// (Swift) show. `Display` stays English, for logs.
    pub fn sentence(&self) -> String {
        crate::text::say(crate::text::language(), self.msg())
    }

    /// The same sentence in the language of `locale` (Korean for `ko-*`,
    /// English otherwise), whatever language is set.
    pub fn sentence_in(&self, locale: String) -> String {
        let lang = crate::text::Lang::of(crate::money::Locale::from_tag(&locale));
        crate::text::say(lang, self.msg())
    }
}

impl SweepError {
    /// Shorthand for [`SweepError::InvalidInput`].
    pub(crate) fn invalid(field: &str, reason: impl Into<String>) -> Self {
        SweepError::InvalidInput { field: field.to_owned(), reason: reason.into() }
    }
}
