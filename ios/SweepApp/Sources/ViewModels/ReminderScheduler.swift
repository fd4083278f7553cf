import CryptoKit
import Foundation
import SweepCore

/// The reminders already shown, kept across launches (in the app,
/// `UserDefaultsShownReminders`). It holds `ReminderScheduler.shownKey`s,
/// not the reminders' ids: an id names a source, an amount and a date,
/// which the wallet keeps sealed.
protocol ShownReminders: Sendable {
    /// The keys saved last; empty the first time.
    func load() -> Set<String>
    /// Replaces the saved keys with `keys`.
    func save(_ keys: Set<String>)
}

/// The kind of news a reminder is: its notification's category and thread,
/// so the Notification Center groups each kind. The same ids as Android's
/// notification channels (`ReminderChannel`).
enum ReminderCategory: String, Sendable {
    /// Money that expires soon, and refunds that became possible.
    case money = "reminders-money"
    /// Sources whose sign-in lapsed.
    case signIn = "reminders-sign-in"
    /// A cash-out that became worth doing.
    case cashOut = "reminders-cash-out"
}

/// Where tapping a reminder's notification takes the user.
enum ReminderTarget: Equatable, Sendable {
    /// The dashboard, where the source's balance and its refund advice are.
    case balance(UInt64)
    /// Signing in to the source again.
    case relink(UInt64)
    /// The cash-out tab.
    case cashOut
    /// The dashboard, for a reminder about no one source.
    case dashboard

    /// The target as the notification's `userInfo` keeps it; `init(code:)` reads it back.
    var code: String {
        switch self {
        case .balance(let sourceId): return "balance:\(sourceId)"
        case .relink(let sourceId): return "relink:\(sourceId)"
        case .cashOut: return "cash-out"
        case .dashboard: return "dashboard"
        }
    }

    /// The target written as `code`; nil for anything else.
    init?(code: String) {
        if code == "cash-out" {
            self = .cashOut
            return
        }
        if code == "dashboard" {
            self = .dashboard
            return
        }
        let parts = code.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let sourceId = UInt64(parts[1]) else { return nil }
        switch parts[0] {
        case "balance": self = .balance(sourceId)
        case "relink": self = .relink(sourceId)
        default: return nil
        }
    }
}

/// A reminder to post as a local notification.
struct ReminderNotification: Equatable, Sendable {
    /// The reminder's `ReminderScheduler.shownKey`: the request's identifier,
    /// so posting it again replaces it and a later check can take it down.
    let key: String
    /// The core's id of the reminder.
    let id: String
    let category: ReminderCategory
    let title: String
    /// The core's sentence, in the wallet's language.
    let text: String
    let target: ReminderTarget
    /// When the fact stops holding (an expiry); nil when open-ended.
    let due: Date?
}

/// What one check found: reminders to post now, and the keys of those
/// shown before whose fact no longer holds (their notifications come down).
struct ReminderCheck: Equatable, Sendable {
    let post: [ReminderNotification]
    let gone: [String]

    static let nothing = ReminderCheck(post: [], gone: [])
}

/// Turns the core's reminders (`Wallet.reminders`: money expiring soon,
/// refunds that became possible, links to sign in to again, a cash-out
/// worth doing) into notifications, each once, as Android's
/// `ReminderScheduler` (android/presentation, tested on the JVM) does. The
/// core gives every fact an id that stays the same while the fact holds;
/// this keeps the ids shown in `shown`, posts only those not shown before,
/// and forgets those the core no longer lists, so the store holds only what
/// is listed now (and a fact that ends and comes back is told again).
///
/// A wallet that is closed or failing gives no notifications: the check
/// returns `.nothing` and leaves `shown` as it was.
struct ReminderScheduler: Sendable {
    let reminders: @Sendable (Date) async throws -> [Reminder]
    let shown: any ShownReminders
    let now: @Sendable () -> Date

    init(
        reminders: @escaping @Sendable (Date) async throws -> [Reminder],
        shown: any ShownReminders,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.reminders = reminders
        self.shown = shown
        self.now = now
    }

    /// Asks `wallet` (offline: it reads the store and the cached fee schedule).
    init(wallet: Wallet, shown: any ShownReminders, now: @escaping @Sendable () -> Date = { Date() }) {
        self.init(reminders: { at in try await wallet.reminders(now: at) }, shown: shown, now: now)
    }

    /// The reminders not shown yet, now marked shown; and those gone since the last check.
    func check() async -> ReminderCheck {
        let listed: [Reminder]
        do {
            listed = try await reminders(now())
        } catch {
            return .nothing
        }
        let before = shown.load()
        var current = Set<String>()
        var fresh: [ReminderNotification] = []
        for reminder in listed {
            let key = Self.shownKey(reminder.id)
            guard current.insert(key).inserted else { continue }
            if !before.contains(key) {
                fresh.append(Self.notification(for: reminder))
            }
        }
        shown.save(current)
        return ReminderCheck(post: fresh, gone: before.subtracting(current).sorted())
    }

    /// The notification for `reminder`: a title for its kind, the core's
    /// sentence, its category and where a tap goes.
    static func notification(for reminder: Reminder) -> ReminderNotification {
        let category: ReminderCategory
        let title: String
        var target: ReminderTarget = .dashboard
        switch reminder.kind {
        case .expiresSoon:
            category = .money
            title = L10n.text("remind.expiresSoonTitle")
            if let sourceId = reminder.sourceId { target = .balance(sourceId) }
        case .refundAvailable:
            category = .money
            title = L10n.text("remind.refundAvailableTitle")
            if let sourceId = reminder.sourceId { target = .balance(sourceId) }
        case .needsReauth:
            category = .signIn
            title = L10n.text("remind.needsReauthTitle")
            if let sourceId = reminder.sourceId { target = .relink(sourceId) }
        case .cashOutWorthIt:
            category = .cashOut
            title = L10n.text("remind.cashOutWorthItTitle")
            target = .cashOut
        }
        return ReminderNotification(
            key: shownKey(reminder.id),
            id: reminder.id,
            category: category,
            title: title,
            text: reminder.text,
            target: target,
            due: reminder.due
        )
    }

    /// What `shown` keeps for the reminder `id`: its SHA-256, in hex, as on
    /// Android. The same id gives the same key, and the store holds no
    /// amount or date.
    static func shownKey(_ id: String) -> String {
        SHA256.hash(data: Data(id.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
