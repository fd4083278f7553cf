import SweepCore

/// A notification to post.
struct StatusNotification: Equatable, Sendable {
    /// Stable for this withdrawal and change (`notice.key`): the request's
    /// identifier, so posting it again replaces it instead of adding another.
    let key: String
    let title: String
    let text: String
}

/// The words of a status notification, from the string catalog, the same
/// as Android's `StatusNotifier` (android/presentation). Which changes
/// notify, and each only once across restarts, is the core's call
/// (`Wallet.statusNotices`); the app only says them.
enum StatusNotifier {
    /// The notification for `notice`.
    static func notification(for notice: StatusNotice) -> StatusNotification {
        let withdrawal = notice.withdrawal
        let title: String
        let text: String
        switch notice.change {
        case .onItsWay:
            title = L10n.text("notify.onItsWayTitle")
            text = L10n.text("notify.onItsWayText", withdrawal.net.formatted)
        case .arrived:
            title = L10n.text("notify.arrivedTitle")
            text = L10n.text("notify.arrivedText", withdrawal.net.formatted)
        case .didNotGoThrough:
            title = L10n.text("notify.failedTitle")
            text = withdrawal.reason ?? L10n.text("notify.nothingTaken")
        case .sentBack:
            title = L10n.text("notify.sentBackTitle")
            text = withdrawal.reason ?? L10n.text("notify.sentBackText")
        case .canceled:
            title = L10n.text("notify.canceledTitle")
            text = L10n.text("notify.nothingTaken")
        }
        return StatusNotification(key: notice.key, title: title, text: text)
    }
}
