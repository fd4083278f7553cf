import Foundation
import SweepCore

/// Words the screens show, in one place so every screen says the same thing
/// (and the same as the Android app). Amounts arrive already formatted by the
/// core in the wallet's locale.
enum UserText {
    /// Whether Sweep can cash a balance out now, or what stops it, in a few words.
    static func collection(_ collection: Collectability) -> String {
        switch collection {
        case .sourceApiTransfer: return "Can be cashed out"
        case .openBankingPayment: return "Can be cashed out: you approve it at your bank"
        case .trackedOnly: return "Tracked only: link it to cash it out"
        case .refundToOrigin: return "Can only be refunded to where it came from"
        case .spendOnly: return "Can only be spent where it is"
        case .blocked: return "Blocked"
        case .needsReauth: return "Sign in again to cash it out"
        case .readOnlyLink: return "Read only: link again and allow transfers"
        case .noCollectMethod: return "Shown only: Sweep cannot move it"
        }
    }

    /// How fresh a source's balance is, or what the user must do about it.
    static func freshness(_ source: SourceBalance, now: Date) -> String {
        switch source.authState {
        case .needsReauth:
            return "Sign in again to keep this balance fresh"
        case .revoked:
            return "Access was withdrawn; link it again"
        case .linked:
            if source.provider == "manual" {
                return "Entered by you"
            }
            guard let synced = source.lastSynced else { return "Not synced yet" }
            return "Synced \(ago(synced, now: now))"
        }
    }

    /// "just now", "5 min ago", "3 h ago", "2 days ago".
    static func ago(_ then: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(then)))
        switch seconds {
        case ..<60: return "just now"
        case ..<3_600: return "\(seconds / 60) min ago"
        case ..<86_400: return "\(seconds / 3_600) h ago"
        default: return "\(seconds / 86_400) days ago"
        }
    }

    /// How long a payout takes: "within minutes", "about 3 hours", "about 2 days".
    static func eta(seconds: UInt64) -> String {
        switch seconds {
        case ..<600: return "within minutes"
        case ..<7_200: return "about \(seconds / 60) minutes"
        case ..<172_800: return "about \(seconds / 3_600) hours"
        default: return "about \(seconds / 86_400) days"
        }
    }

    /// A withdrawal's state in the user's words.
    static func withdrawal(_ withdrawal: Withdrawal) -> String {
        switch withdrawal.state {
        case .requested: return "Requested"
        case .processing: return "The provider is processing it"
        case .sent: return "Sent to your bank"
        case .completed: return "\(withdrawal.net.formatted) arrived"
        case .failed: return "Failed: \(withdrawal.reason ?? "the provider gave no reason")"
        case .canceled: return "Canceled; the money is back in your balances"
        case .returned: return "Returned by the bank; the money is back in your balances"
        }
    }

    /// A withdrawal's state in a few words, for the history list.
    static func status(_ state: WithdrawalState) -> String {
        switch state {
        case .requested: return "Waiting to be sent"
        case .processing: return "Being processed"
        case .sent: return "On its way"
        case .completed: return "Arrived"
        case .failed: return "Did not go through"
        case .canceled: return "Canceled"
        case .returned: return "Sent back by the bank"
        }
    }

    /// An amount in the wallet's locale ("₩12,500"), formatted by the core;
    /// the bare figure and currency if the core cannot format it.
    static func money(_ amount: MinorAmount, locale: String) -> String {
        (try? formatMoney(amount: amount, locale: locale)) ?? "\(amount.minorUnits) \(amount.currencyCode)"
    }

    /// What every user should read before the first cash-out (the scam
    /// shield's guide), word for word as on Android.
    static let safetyGuide: [String] = [
        "Offers to turn phone-bill payments (소액결제) into cash are illegal in Korea; Sweep only refunds them to the bill.",
        "Sweep never asks for passwords or verification codes by phone or message.",
        "Nobody needs money from you first in order to pay you.",
        "To report fraud: the police cyber-crime report (ecrm.police.go.kr, 182) or the FSS illegal-finance report (fss.or.kr, 1332).",
    ]

    /// The message a screen shows for a failure. The core's errors are typed
    /// and carry no personal data; the common ones get a sentence here.
    static func message(for error: Error) -> String {
        guard let error = error as? SweepError else {
            return error.localizedDescription
        }
        switch error {
        case .Network, .Timeout:
            return "Could not reach the service. Check the connection and try again."
        case .RateLimited:
            return "The service asked us to slow down. Try again in a moment."
        case .AuthExpired, .AccessRevoked:
            return "This source needs you to sign in again."
        case .OAuthRejected(let code):
            return code == "access_denied" ? "Sign-in was declined." : "Sign-in failed (\(code)). Try again."
        case .KeyUnavailable:
            return "The wallet key is not available. Unlock the phone and try again."
        case .WrongKey:
            return "This wallet cannot be opened with the key on this phone."
        case .WalletClosed:
            return "The wallet was closed. Open the app again."
        case .NoFeeSchedule:
            return "Fees are not known yet. Connect to the internet once and try again."
        case .QuoteExpired:
            return "The quote expired. Get a new one."
        case .FeeScheduleStale:
            return "Fees changed since the quote. Get a new one."
        case .LimitExceeded(_, let allowed, _):
            return "That is above your limit (\(allowed))."
        case .BelowMinimum(_, let minimum, _):
            return "That is below the minimum (\(minimum))."
        case .AmountUnreachable(_, let nearest):
            return "Exactly that amount cannot arrive; the nearest is \(nearest)."
        case .NotCashable(_, let reason), .AuthenticationFailed(let reason):
            return capitalised(reason)
        case .PayeeCoolingDown(_, _, let smallAmount):
            return "This payee is new: until its waiting period ends it can receive at most \(smallAmount)."
        case .PayeeNameMismatch(_, let suggestedName):
            if let suggestedName {
                return "The account holder's name does not match. Did you mean \(suggestedName)?"
            }
            return "The account holder's name does not match the account."
        case .PayeeNotOwnName:
            // The core's warning: payouts go to the user's own accounts.
            return capitalised(error.sentence())
        case .CancelTooLate:
            return "It is too late to cancel: the money has already gone out."
        case .ReceiptNotReady:
            return "The receipt comes once the money has arrived."
        case .RecentSimSwap(let hours):
            return "Your SIM changed in the last \(hours) hours, so withdrawals wait for now."
        case .CaptureRejected(_, let detail):
            return capitalised(detail)
        case .InvalidInput(let field, let reason):
            return "Check \(field.replacingOccurrences(of: "_", with: " ")): \(reason)."
        case .NegativeAmount, .AmountNotPositive:
            return "Enter an amount above zero."
        case .UnparsableAmount:
            return "Enter an amount like 50,000."
        default:
            return "Something went wrong. Try again."
        }
    }

    private static func capitalised(_ sentence: String) -> String {
        guard let first = sentence.first else { return sentence }
        return first.uppercased() + sentence.dropFirst()
    }
}
