import Foundation
import SweepCore
import UserNotifications

/// Reminders on iOS: with each status check (at start and in the background
/// refresh), `ReminderScheduler` asks the core what needs the user
/// (`Wallet.reminders`, offline) and this posts one local notification per
/// new reminder, with its key as the identifier, its kind as the category
/// and thread, and where a tap goes in `userInfo`; the notifications of
/// reminders that no longer hold come down. Android's counterpart is
/// `StatusWorker`'s reminders.
///
/// Nonisolated, like `StatusNotifications`: the notification center's
/// callbacks run on their own queues.
enum ReminderNotifications {
    /// The `userInfo` key of a reminder's tap target (`ReminderTarget.code`).
    static let targetKey = "sweep.reminderTarget"

    /// Posts what is new since the last check and takes down what ended. A
    /// closed or failing wallet posts nothing and forgets nothing.
    static func check(_ wallet: Wallet) async {
        let found = await ReminderScheduler(wallet: wallet, shown: UserDefaultsShownReminders()).check()
        if !found.gone.isEmpty {
            let center = UNUserNotificationCenter.current()
            center.removeDeliveredNotifications(withIdentifiers: found.gone)
            center.removePendingNotificationRequests(withIdentifiers: found.gone)
        }
        for reminder in found.post {
            await post(reminder)
        }
    }

    /// Posts one reminder now. Without the user's permission iOS drops it
    /// silently; it counts as shown either way, as on Android.
    static func post(_ reminder: ReminderNotification) async {
        let content = UNMutableNotificationContent()
        content.title = reminder.title
        content.body = reminder.text
        content.categoryIdentifier = reminder.category.rawValue
        content.threadIdentifier = reminder.category.rawValue
        content.userInfo = [targetKey: reminder.target.code]
        if reminder.category == .cashOut {
            // A suggestion, not news: into the Notification Center without a sound or a lit screen.
            content.interruptionLevel = .passive
        } else {
            content.sound = .default
        }
        let request = UNNotificationRequest(identifier: reminder.key, content: content, trigger: nil)
        try? await UNUserNotificationCenter.current().add(request)
    }

    /// Where a tapped notification points, if it is a reminder's.
    static func target(of response: UNNotificationResponse) -> ReminderTarget? {
        guard let code = response.notification.request.content.userInfo[targetKey] as? String else { return nil }
        return ReminderTarget(code: code)
    }
}

/// The keys of the reminders already shown, in the app's UserDefaults
/// (digests: no amount, date or source).
struct UserDefaultsShownReminders: ShownReminders {
    /// The defaults key.
    let key = "sweep.shownReminders"

    func load() -> Set<String> {
        Set(UserDefaults.standard.stringArray(forKey: key) ?? [])
    }

    func save(_ keys: Set<String>) {
        UserDefaults.standard.set(keys.sorted(), forKey: key)
    }
}
