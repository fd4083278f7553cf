import SweepCore

/// A notification to post.
struct StatusNotification: Equatable, Sendable {
    /// Stable for this withdrawal and change (`notice.key`): the request's
    /// identifier, so posting it again replaces it instead of adding another.
    let key: String
    let title: String
    let text: String
}

/// The words of a status notification, the same as Android's
/// `StatusNotifier` (android/presentation). Which changes notify, and each
/// only once across restarts, is the core's call (`Wallet.statusNotices`);
/// the app only says them.
enum StatusNotifier {
    /// The notification for `notice`.
    static func notification(for notice: StatusNotice) -> StatusNotification {
        let withdrawal = notice.withdrawal
        let title: String
        let text: String
        switch notice.change {
        case .onItsWay:
            title = "Cash-out on its way"
            text = "\(withdrawal.net.formatted) is on its way to your account."
        case .arrived:
            title = "Cash-out arrived"
            text = "\(withdrawal.net.formatted) arrived in your account."
        case .didNotGoThrough:
            title = "Cash-out did not go through"
            text = withdrawal.reason ?? "Nothing was taken: your balances are back."
        case .sentBack:
            title = "Cash-out sent back"
            text = withdrawal.reason ?? "The bank sent it back: your balances are back."
        case .canceled:
            title = "Cash-out canceled"
            text = "Nothing was taken: your balances are back."
        }
        return StatusNotification(key: notice.key, title: title, text: text)
    }
}
