//! Every message Sweep says: its catalog id and the variables it takes,
//! declared once. The macro makes the [`Msg`] enum (a sentence with its
//! values), the id of each, its Fluent arguments, and the list the
//! catalog tests check both catalogs against.

use fluent_bundle::{FluentArgs, FluentValue};

macro_rules! messages {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal { $($arg:ident),* } ),* $(,)?) => {
        /// A sentence with the values it needs. Made and formatted at
        /// once, never stored, so its size does not matter.
        #[derive(Debug, Clone)]
        #[allow(clippy::large_enum_variant)]
        pub(crate) enum Msg<'a> {
            $( $(#[$doc])* $variant { $($arg: FluentValue<'a>),* } ),*
        }

        impl<'a> Msg<'a> {
            /// Its catalog id.
            pub(crate) fn id(&self) -> &'static str {
                match self {
                    $( Msg::$variant { .. } => $id ),*
                }
            }

            /// Its values, named as the catalogs name them.
            #[allow(unused_mut)]
            pub(crate) fn into_args(self) -> FluentArgs<'a> {
                match self {
                    $( Msg::$variant { $($arg),* } => {
                        let mut args = FluentArgs::new();
                        $( args.set(stringify!($arg), $arg); )*
                        args
                    } ),*
                }
            }
        }

        /// Each message's id and variables, for the catalog tests.
        #[cfg(test)]
        pub(crate) const DECLARED: &[(&str, &[&str])] = &[ $( ($id, &[ $(stringify!($arg)),* ]) ),* ];
    };
}

messages! {
    // Errors (error.rs): one per variant, two for RateLimited.
    UnknownCurrency = "error-unknown-currency" { code },
    CurrencyMismatch = "error-currency-mismatch" { expected, found },
    AmountOverflow = "error-amount-overflow" { operation },
    SubMinorPrecision = "error-sub-minor-precision" { amount, currency, minor_units },
    NegativeAmount = "error-negative-amount" { field, amount },
    UnparsableAmount = "error-unparsable-amount" { input, reason },
    InvalidInput = "error-invalid-input" { field, reason },
    WrongKey = "error-wrong-key" {},
    KeyUnavailable = "error-key-unavailable" { reason },
    Tampered = "error-tampered" { table, column, row },
    SchemaTooNew = "error-schema-too-new" { found, supported },
    LedgerCorrupted = "error-ledger-corrupted" { seq, reason },
    SourceNotFound = "error-source-not-found" { source_id },
    Network = "error-network" { reason },
    Timeout = "error-timeout" { after_ms },
    MalformedResponse = "error-malformed-response" { reason },
    ResponseTooLarge = "error-response-too-large" { limit_bytes },
    RateLimited = "error-rate-limited" {},
    RateLimitedRetry = "error-rate-limited-retry" { retry_after_ms },
    AuthExpired = "error-auth-expired" { reason },
    AccessRevoked = "error-access-revoked" { reason },
    SourceFailed = "error-source-failed" { status },
    OAuthRejected = "error-oauth-rejected" { error },
    WalletClosed = "error-wallet-closed" {},
    WalletInUse = "error-wallet-in-use" {},
    Storage = "error-storage" { reason },
    AmountNotPositive = "error-amount-not-positive" { field, amount },
    LimitExceeded = "error-limit-exceeded" { limit, allowed, requested },
    BelowMinimum = "error-below-minimum" { minimum_kind, minimum, requested },
    NotCashable = "error-not-cashable" { source_id, reason },
    NoFeeSchedule = "error-no-fee-schedule" {},
    QuoteExpired = "error-quote-expired" { quote_id },
    FeeScheduleStale = "error-fee-schedule-stale" { quote_version, current_version },
    QuoteMismatch = "error-quote-mismatch" { field, local, provider },
    AmountUnreachable = "error-amount-unreachable" { requested, nearest },
    CaptureRejected = "error-capture-rejected" { problem, detail },
    PayeeCoolingDown = "error-payee-cooling-down" { payee_id, until, small_amount },
    PayeeNotFound = "error-payee-not-found" { payee_id },
    IdempotencyConflict = "error-idempotency-conflict" {},
    CancelTooLate = "error-cancel-too-late" { withdrawal_id, state },
    PayeeNameMismatch = "error-payee-name-mismatch" { result },
    ReceiptNotReady = "error-receipt-not-ready" { withdrawal_id, state },
    ChargeMismatch = "error-charge-mismatch" { withdrawal_id, field, quoted, charged },
    ConservationBroken = "error-conservation-broken" { withdrawal_id, collected, paid_out, fee, returned },
    WithdrawalNotFound = "error-withdrawal-not-found" { withdrawal_id },
    AuthenticationFailed = "error-authentication-failed" { reason },
    RecentSimSwap = "error-recent-sim-swap" { hours },
    PayeeNotOwnName = "error-payee-not-own-name" {},
    ObjectClosed = "error-object-closed" { object_name },
    Internal = "error-internal" { reason },

    // Dates, times and durations (text/time.rs).
    DateTime = "date-time" { year, month, day, time, zone },
    Date = "date" { year, month, day },
    AboutMoments = "about-moments" {},
    AboutMinutes = "about-minutes" { count },
    AboutHours = "about-hours" { count },

    // The planner (fees/plan.rs): each leg, each source left out, advice.
    PlanLegAll = "plan-leg-all" { amount, source, rate, fee },
    PlanLegCut = "plan-leg-cut" { amount, available, source, rate, fee, limit, cap },
    PlanLegExpiring = "plan-leg-expiring" {},
    LeftOutNothing = "left-out-nothing" {},
    LeftOutKind = "left-out-kind" { kind },
    LeftOutBelowOwnMinimum = "left-out-below-own-minimum" { minimum },
    LeftOutLimitReached = "left-out-limit-reached" { limit, cap },
    LeftOutFitsBelowMinimum = "left-out-fits-below-minimum" { minimum },
    LeftOutCostsMore = "left-out-costs-more" { amount, fee },
    AdviceNothingCashable = "advice-nothing-cashable" { currency },
    AdviceLimitBelowMinimum = "advice-limit-below-minimum" { limit, cap, minimum },
    AdviceNoCombination = "advice-no-combination" { minimum },
    AdviceAddToMinimum = "advice-add-to-minimum" { total, minimum, short },
    AdviceFeeStuck = "advice-fee-stuck" { fee, gross, rate, target },
    AdviceFeeAdd = "advice-fee-add" { fee, gross, add, target },
    AdviceExpiring = "advice-expiring" { amount, source, date },

    // Refund rules applied to a balance (refunds/advise.rs).
    RefundSpendToUnlock = "refund-spend-to-unlock" { source, spend, refund },
    RefundNow = "refund-now" { source, amount },
    RefundCoolingOff = "refund-cooling-off" { source, amount, date },
    RefundExpiresSoon = "refund-expires-soon" { source, amount, date },
    RefundAfterExpiry = "refund-after-expiry" { percent, years },

    // Reminders (wallet/reminders.rs).
    ReminderReauth = "reminder-reauth" { source },
    ReminderCashOut = "reminder-cash-out" { net },

    // Which currencies the provider pays out (fees/payout_support.rs).
    PayoutPaidOut = "payout-paid-out" { currency },
    PayoutNotPaidOut = "payout-not-paid-out" { currency },
    PayoutUnknown = "payout-unknown" { currency },

    // Deleting the account (wallet/delete.rs).
    AccountDeleted = "account-deleted" { revoked, not_revoked },

    // What can become of a balance (sources/collection.rs, sources/mod.rs).
    CollectTrackedOnly = "collect-tracked-only" {},
    CollectNeedsReauth = "collect-needs-reauth" {},
    CollectReadOnly = "collect-read-only" {},
    CollectNoMethod = "collect-no-method" {},
    EligibleWallet = "eligible-wallet" {},
    EligibleBank = "eligible-bank" {},
    EligibleGameCredits = "eligible-game-credits" {},
    EligiblePoints = "eligible-points" {},
    EligibleCarrierBilling = "eligible-carrier-billing" {},
    NotSourceApi = "not-source-api" {},
    AwaitingFirstSync = "awaiting-first-sync" {},

    // A source's life (wallet/lifecycle.rs): what linking and removing did.
    LinkAdoptedTypedIn = "link-adopted-typed-in" { name },
    LinkOtherAccount = "link-other-account" { name },
    RemovedRevoked = "removed-revoked" { name },
    RemovedNotOffered = "removed-not-offered" { name },
    RemovedNoTokens = "removed-no-tokens" { name },
    RemovedRevokeFailed = "removed-revoke-failed" { name, reason },
    Overdrawn = "overdrawn" {},

    // ID capture advice (identity/capture.rs).
    CaptureTooSmall = "capture-too-small" {},
    CaptureTooBlurry = "capture-too-blurry" {},
    CaptureTooMuchGlare = "capture-too-much-glare" {},

    // Why a request to a server failed (sources/http.rs, sources/tls.rs): the reason in an error's sentence.
    NetUntrustedCertificate = "net-untrusted-certificate" {},
    NetCouldNotConnect = "net-could-not-connect" {},
    NetRequestFailed = "net-request-failed" {},
    NetNoTrustedRoots = "net-no-trusted-roots" {},
    NetTokenRefused = "net-token-refused" {},
    NetAccessRefused = "net-access-refused" {},
    NetRefreshRefused = "net-refresh-refused" {},
    NetUploadSessionRefused = "net-upload-session-refused" {},
    NetUploadAccessRefused = "net-upload-access-refused" {},

    // ID uploads (wallet/identity.rs): a refusal that retrying will not change.
    UploadFinal = "upload-final" { error },

    // Withdrawals: what became of each leg, and the confirmation prompts.
    WithdrawalRefused = "withdrawal-refused" { status },
    LegNotMoved = "leg-not-moved" {},
    PlatformRefused = "platform-refused" {},
    BankRejected = "bank-rejected" { status },
    LegReturnedPayoutFailed = "leg-returned-payout-failed" {},
    LegEndedBeforeCollected = "leg-ended-before-collected" {},
    LegArrivedLate = "leg-arrived-late" {},
    ConfirmNewKey = "confirm-new-key" {},
    ConfirmSend = "confirm-send" { amount, payee },
    StatementOnItsWay = "statement-on-its-way" { amount, source },
    StatementReached = "statement-reached" { amount, source },
    StatementKept = "statement-kept" { amount, source },
    StatementSentBack = "statement-sent-back" { amount, source },

    // The scam shield's built-in rules (risk/rules.json), by rule id.
    RiskRecentSimSwap = "risk-recent-sim-swap" {},
    RiskNewConfirmationKey = "risk-new-confirmation-key" {},
    RiskNewPayeeLargeAmount = "risk-new-payee-large-amount" {},
    RiskNewPayee = "risk-new-payee" {},
    RiskFirstCashOut = "risk-first-cash-out" {},
    RiskLargeAgainstHistory = "risk-large-against-history" {},
}
