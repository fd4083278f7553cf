import Foundation
import SweepCore

/// The app's own words, from `Resources/Localizable.xcstrings` in the
/// language iOS picked for the app (Korean or English). Every sentence a
/// view model makes comes through here, by a semantic key ("cashOut.limitToday")
/// whose English and Korean both live in the catalog; the views look the
/// same keys up with `Text("key")`. `bindings/swift/tests/test_ios_strings.py`
/// reads every `L10n.text("…")` call and checks the catalog has that key,
/// in both languages, with as many arguments as the call passes.
enum L10n {
    /// The text for `key`, its positional placeholders (`%1$@` for text,
    /// `%1$lld` for a whole number: pass `Int`) filled in with `arguments`.
    /// A key with plural forms picks the form for its number (the catalog
    /// compiles to a `.stringsdict`, which `String(format:locale:arguments:)`
    /// applies). The key is a literal (`StaticString`), so the test can find
    /// every one.
    static func text(_ key: StaticString, _ arguments: CVarArg...) -> String {
        let format = Bundle.main.localizedString(forKey: "\(key)", value: nil, table: nil)
        guard !arguments.isEmpty else { return format }
        return String(format: format, locale: Locale.current, arguments: arguments)
    }
}

/// Words the screens show, in one place so every screen says the same thing
/// (and the same as the Android app). Amounts and times arrive formatted by
/// the core in the wallet's locale; sentences the core makes (plan reasons,
/// terms, a failure's reason) are shown as the core gives them.
enum UserText {
    /// Whether Sweep can cash a balance out now, or what stops it, in a few words.
    static func collection(_ collection: Collectability) -> String {
        switch collection {
        case .sourceApiTransfer: return L10n.text("collection.sourceApiTransfer")
        case .openBankingPayment: return L10n.text("collection.openBankingPayment")
        case .trackedOnly: return L10n.text("collection.trackedOnly")
        case .refundToOrigin: return L10n.text("collection.refundToOrigin")
        case .spendOnly: return L10n.text("collection.spendOnly")
        case .blocked: return L10n.text("collection.blocked")
        case .needsReauth: return L10n.text("collection.needsReauth")
        case .readOnlyLink: return L10n.text("collection.readOnlyLink")
        case .noCollectMethod: return L10n.text("collection.noCollectMethod")
        }
    }

    /// How fresh a source's balance is, or what the user must do about it.
    static func freshness(_ source: SourceBalance, now: Date) -> String {
        switch source.authState {
        case .needsReauth:
            return L10n.text("freshness.needsReauth")
        case .revoked:
            return L10n.text("freshness.revoked")
        case .linked:
            if source.provider == "manual" {
                return L10n.text("freshness.manual")
            }
            guard let synced = source.lastSynced else { return L10n.text("freshness.never") }
            return L10n.text("freshness.synced", ago(synced, now: now))
        }
    }

    /// "just now", "5 minutes ago", "3 hours ago", "2 days ago" ("방금",
    /// "5분 전"...); a clock a little behind the server's says "just now".
    static func ago(_ then: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(then)))
        switch seconds {
        case ..<60: return L10n.text("ago.justNow")
        case ..<3_600: return L10n.text("ago.minutes", seconds / 60)
        case ..<86_400: return L10n.text("ago.hours", seconds / 3_600)
        default: return L10n.text("ago.days", seconds / 86_400)
        }
    }

    /// How long a payout takes, as the core says it in the wallet's locale:
    /// "약 24시간", "about 24 hours", "in moments".
    static func eta(seconds: UInt64, locale: String) -> String {
        formatEta(seconds: seconds, locale: locale)
    }

    /// A moment as the core writes it for the wallet's locale, on that
    /// locale's clock ("2026년 12월 5일 13:45", "Dec 5, 2026, 04:45 UTC");
    /// the phone's own format for a moment the core refuses (before 1970).
    static func time(_ date: Date, locale: String) -> String {
        let epochMs = Int64((date.timeIntervalSince1970 * 1_000).rounded())
        return (try? formatTime(epochMs: epochMs, locale: locale)) ?? date.formatted(date: .abbreviated, time: .shortened)
    }

    /// A withdrawal's state in the user's words, as a step of its timeline.
    static func withdrawal(_ withdrawal: Withdrawal) -> String {
        switch withdrawal.state {
        case .requested: return L10n.text("timeline.requested")
        case .processing: return L10n.text("timeline.processing")
        case .sent: return L10n.text("timeline.sent")
        case .completed: return L10n.text("timeline.completed", withdrawal.net.formatted)
        case .failed: return L10n.text("timeline.failed", withdrawal.reason ?? L10n.text("timeline.noReason"))
        case .canceled: return L10n.text("timeline.canceled")
        case .returned: return L10n.text("timeline.returned")
        }
    }

    /// A withdrawal's state in a few words, for the history list.
    static func status(_ state: WithdrawalState) -> String {
        switch state {
        case .requested: return L10n.text("status.requested")
        case .processing: return L10n.text("status.processing")
        case .sent: return L10n.text("status.sent")
        case .completed: return L10n.text("status.completed")
        case .failed: return L10n.text("status.failed")
        case .canceled: return L10n.text("status.canceled")
        case .returned: return L10n.text("status.returned")
        }
    }

    /// An amount in the wallet's locale ("12,500원", "₩12,500"), formatted by
    /// the core; the bare figure and currency if the core cannot format it.
    static func money(_ amount: MinorAmount, locale: String) -> String {
        (try? formatMoney(amount: amount, locale: locale)) ?? "\(amount.minorUnits) \(amount.currencyCode)"
    }

    /// What every user should read before the first cash-out (the scam
    /// shield's guide), in the same words as Android and the terminal wallet.
    static var safetyGuide: [String] {
        [
            L10n.text("guide.carrierBilling"),
            L10n.text("guide.noCodes"),
            L10n.text("guide.noAdvance"),
            L10n.text("guide.report"),
        ]
    }

    /// The message a screen shows for a failure. The core's errors are typed
    /// and carry no personal data; the common ones get a sentence here, and
    /// those that carry the core's own reason show it as the core words it.
    static func message(for error: Error) -> String {
        guard let error = error as? SweepError else {
            return error.localizedDescription
        }
        switch error {
        case .Network, .Timeout:
            return L10n.text("error.network")
        case .RateLimited:
            return L10n.text("error.rateLimited")
        case .AuthExpired, .AccessRevoked:
            return L10n.text("error.signInAgain")
        case .OAuthRejected(let code):
            return code == "access_denied" ? L10n.text("error.signInDeclined") : L10n.text("error.signInFailed", code)
        case .KeyUnavailable:
            return L10n.text("error.keyUnavailable")
        case .WrongKey:
            return L10n.text("error.wrongKey")
        case .WalletClosed:
            return L10n.text("error.walletClosed")
        case .NoFeeSchedule:
            return L10n.text("error.noFees")
        case .QuoteExpired:
            return L10n.text("error.quoteExpired")
        case .FeeScheduleStale:
            return L10n.text("error.feesChanged")
        case .LimitExceeded(_, let allowed, _):
            return L10n.text("error.aboveLimit", allowed)
        case .BelowMinimum(_, let minimum, _):
            return L10n.text("error.belowMinimum", minimum)
        case .AmountUnreachable(_, let nearest):
            return L10n.text("error.amountUnreachable", nearest)
        case .NotCashable(_, let reason), .AuthenticationFailed(let reason):
            return capitalised(reason)
        case .PayeeCoolingDown(_, _, let smallAmount):
            return L10n.text("error.payeeCoolingDown", smallAmount)
        case .PayeeNameMismatch(_, let suggestedName):
            if let suggestedName {
                return L10n.text("error.nameMismatchSuggest", suggestedName)
            }
            return L10n.text("error.nameMismatch")
        case .PayeeNotOwnName:
            // The core's warning: payouts go to the user's own accounts.
            return capitalised(error.sentence())
        case .CancelTooLate:
            return L10n.text("error.cancelTooLate")
        case .ReceiptNotReady:
            return L10n.text("error.receiptNotReady")
        case .RecentSimSwap(let hours):
            return L10n.text("error.simSwap", Int(hours))
        case .CaptureRejected(_, let detail):
            return capitalised(detail)
        case .InvalidInput(let field, let reason):
            return L10n.text("error.checkField", field.replacingOccurrences(of: "_", with: " "), reason)
        case .NegativeAmount, .AmountNotPositive:
            return L10n.text("error.amountNotPositive")
        case .UnparsableAmount:
            return L10n.text("error.unparsableAmount")
        default:
            // The core's own sentence, in the wallet's language.
            let sentence = error.sentence()
            return sentence.isEmpty ? L10n.text("error.unknown") : capitalised(sentence)
        }
    }

    private static func capitalised(_ sentence: String) -> String {
        guard let first = sentence.first else { return sentence }
        return first.uppercased() + sentence.dropFirst()
    }
}
