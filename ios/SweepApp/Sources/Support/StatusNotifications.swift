import BackgroundTasks
import Foundation
import SweepCore
import UserNotifications

/// Status notifications on iOS: a background app refresh (`BGAppRefreshTask`,
/// requested through `BGTaskScheduler`) asks the core which withdrawal
/// changes are news (`Wallet.statusNotices`, which also carries unfinished
/// withdrawals on) and posts one local notification per notice, with the
/// notice's key as its identifier. Android's counterpart is `StatusWorker`.
///
/// Everything here is nonisolated: the notification center's and the
/// scheduler's callbacks run on their own queues, so nothing may assume the
/// main actor.
enum StatusNotifications {
    /// The background task's identifier; project.yml lists it under
    /// `BGTaskSchedulerPermittedIdentifiers` (with `UIBackgroundModes: fetch`).
    static let refreshTask = "com.sweepwallet.app.status-refresh"

    /// The soonest iOS may run the next refresh: Android's 15-minute period.
    /// iOS decides when it really runs, often later, never while the app is
    /// force-quit.
    static let refreshInterval: TimeInterval = 15 * 60

    /// Asks iOS for the next background refresh. A new request replaces the
    /// pending one, so calling this at start, on going to the background and
    /// from the refresh itself keeps exactly one. The Simulator refuses it.
    static func scheduleRefresh() {
        let request = BGAppRefreshTaskRequest(identifier: refreshTask)
        request.earliestBeginDate = Date(timeIntervalSinceNow: refreshInterval)
        try? BGTaskScheduler.shared.submit(request)
    }

    /// Asks the core what the user has not been told yet and posts it. A
    /// wallet's first call only records what already happened, so it posts
    /// nothing; a failure (offline, say) waits for the next check.
    /// With `askingProvider` false, only what the wallet already knows is
    /// posted (`pendingStatusNotices`): for right after the app carried its
    /// withdrawals on itself, so the provider is not asked twice.
    static func check(_ wallet: Wallet, askingProvider: Bool = true) async {
        let found: [StatusNotice]?
        if askingProvider {
            found = try? await wallet.statusNotices()
        } else {
            found = try? await wallet.pendingStatusNotices()
        }
        guard let notices = found else { return }
        for notice in notices {
            await post(StatusNotifier.notification(for: notice))
        }
    }

    /// Posts one notification now. Without the user's permission iOS drops
    /// it silently; the core has marked it told either way, as on Android.
    static func post(_ notification: StatusNotification) async {
        let content = UNMutableNotificationContent()
        content.title = notification.title
        content.body = notification.text
        content.sound = .default
        let request = UNNotificationRequest(identifier: notification.key, content: content, trigger: nil)
        try? await UNUserNotificationCenter.current().add(request)
    }

    /// Asks once for permission to notify. Called when the user has just
    /// submitted a cash-out, so the prompt comes with a reason; iOS shows it
    /// only the first time and answers from the user's choice afterwards.
    static func requestPermission() async {
        _ = try? await UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .sound])
    }

    /// Shows notices posted while the app is open (for example by the check
    /// at start) as banners too; iOS hides them otherwise. Call once at launch.
    static func showWhileOpen() {
        UNUserNotificationCenter.current().delegate = presenter
    }

    /// The notification center keeps its delegate weakly: this keeps it.
    private static let presenter = ForegroundPresenter()
}

/// Presents the app's own notifications while it is in the foreground, and
/// takes a tapped reminder where it points.
private final class ForegroundPresenter: NSObject, UNUserNotificationCenterDelegate, Sendable {
    func userNotificationCenter(
        _ center: UNUserNotificationCenter, willPresent notification: UNNotification
    ) async -> UNNotificationPresentationOptions {
        [.banner, .list, .sound]
    }

    func userNotificationCenter(
        _ center: UNUserNotificationCenter, didReceive response: UNNotificationResponse
    ) async {
        guard let target = ReminderNotifications.target(of: response) else { return }
        await AppModel.shared.show(target)
    }
}
