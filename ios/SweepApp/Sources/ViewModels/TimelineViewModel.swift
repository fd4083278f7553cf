import Foundation
import SweepCore

/// One step of a withdrawal, as the user saw it happen.
struct TimelineEntry: Identifiable, Equatable, Sendable {
    let id: Int
    let state: WithdrawalState
    let label: String
    /// `label` as VoiceOver says it, an amount in words.
    let spokenLabel: String
    let at: Date
}

/// The withdrawal timeline: each state the provider reports, once, in
/// order, and the receipt at the end.
@MainActor
final class TimelineViewModel: ObservableObject, ShowsErrors {
    @Published private(set) var withdrawal: Withdrawal?
    @Published private(set) var entries: [TimelineEntry] = []
    /// Once completed: the receipt, checked against the quote by the core.
    @Published private(set) var receipt: String?
    /// `receipt` as VoiceOver says it, amounts in words.
    @Published private(set) var receiptLabel: String?
    @Published var error: String?

    let withdrawalId: UInt64
    /// The wallet's locale: the amount is read aloud in it.
    let locale: String
    private let wallet: Wallet
    private let now: @Sendable () -> Date

    init(wallet: Wallet, withdrawalId: UInt64, locale: String = "ko-KR", now: @escaping @Sendable () -> Date = { Date() }) {
        self.wallet = wallet
        self.withdrawalId = withdrawalId
        self.locale = locale
        self.now = now
    }

    /// Whether the user may still try to cancel it.
    var cancellable: Bool {
        guard let state = withdrawal?.state else { return false }
        return state == .requested || state == .processing
    }

    /// Shows where the withdrawal stands and follows it live while the
    /// screen is up. Run it from the view's `.task`; leaving the screen
    /// cancels it, which ends the tracking. It subscribes before it reads,
    /// so no change can fall between the two; a change the read already
    /// overtook is dropped by `apply`.
    func run() async {
        // SweepCore's stream: subscribed before the read below, cancelled with this task.
        let changes = await wallet.withdrawalChanges()
        do {
            if let current = try await wallet.withdrawals().first(where: { $0.withdrawalId == withdrawalId }) {
                await apply(current)
            }
        } catch {
            self.error = UserText.message(for: error)
        }
        for await change in changes where change.withdrawalId == withdrawalId {
            await apply(change)
        }
    }

    /// Pull to refresh: asks the provider now, as well as following it live.
    func refresh() async {
        do {
            let current = try await wallet.refreshWithdrawal(withdrawalId: withdrawalId)
            await apply(current)
        } catch {
            self.error = UserText.message(for: error)
        }
    }

    /// Asks the provider to cancel; too late once the money was sent.
    func cancel() async {
        do {
            let canceled = try await wallet.cancelWithdrawal(withdrawalId: withdrawalId)
            await apply(canceled)
        } catch {
            self.error = UserText.message(for: error)
        }
    }

    /// Records a change once per state; on completion, loads the receipt.
    /// A withdrawal only moves forward, so a state behind the one shown is
    /// stale and changes nothing.
    private func apply(_ change: Withdrawal) async {
        if let shown = withdrawal?.state, Self.stage(change.state) < Self.stage(shown) {
            return
        }
        withdrawal = change
        guard entries.last?.state != change.state else { return }
        let spoken = change.state == .completed
            ? L10n.text("timeline.completed", Speech.amount(change.net.amount, locale: locale))
            : UserText.withdrawal(change)
        entries.append(TimelineEntry(id: entries.count, state: change.state, label: UserText.withdrawal(change), spokenLabel: spoken, at: now()))
        if change.state == .completed {
            await loadReceipt()
        }
    }

    /// How far along a state is: every move goes to a later stage.
    static func stage(_ state: WithdrawalState) -> Int {
        switch state {
        case .requested: return 0
        case .processing: return 1
        case .sent: return 2
        case .completed, .failed, .canceled, .returned: return 3
        }
    }

    private func loadReceipt() async {
        do {
            let receipt = try await wallet.withdrawalReceipt(withdrawalId: withdrawalId)
            self.receipt = L10n.text("timeline.receipt", receipt.net.formatted, receipt.payee, receipt.fee.formatted)
            self.receiptLabel = L10n.text(
                "timeline.receipt",
                Speech.amount(receipt.net.amount, locale: locale),
                receipt.payee,
                Speech.amount(receipt.fee.amount, locale: locale)
            )
        } catch {
            self.error = UserText.message(for: error)
        }
    }
}
