import Foundation
import SweepCore

/// One withdrawal in the history list.
struct HistoryRow: Identifiable, Equatable, Sendable {
    /// The withdrawal's id.
    let id: UInt64
    /// When the user asked for it.
    let askedAt: Date
    /// The same moment as the core writes it for the wallet's locale, on
    /// that locale's clock: "2026년 12월 5일 13:45".
    let askedAtText: String
    /// What the payee receives.
    let amount: String
    /// The amount as VoiceOver says it, in words, in the wallet's language.
    let amountLabel: String
    /// Where it stands, in a few words.
    let status: String
    /// It has not gone out yet: the screen offers Cancel.
    let canCancel: Bool
    /// It completed: its timeline ends with the receipt.
    let hasReceipt: Bool
}

/// The withdrawal history (Android's `HistoryStateHolder`): every
/// withdrawal, newest first, with when it was asked for, where it stands,
/// and what it allows (cancel while it has not gone out, the receipt once
/// completed). It follows changes live while the screen is up.
@MainActor
final class HistoryViewModel: ObservableObject, ShowsErrors {
    @Published private(set) var loading = true
    @Published private(set) var rows: [HistoryRow] = []
    @Published var error: String?

    private let wallet: Wallet
    private let locale: String

    init(wallet: Wallet, locale: String = "ko-KR") {
        self.wallet = wallet
        self.locale = locale
    }

    /// Shows the history and reads it again on every change the core's
    /// tracker reports. Run it from the view's `.task`; leaving the screen
    /// cancels it, which ends the subscription. It subscribes before it
    /// reads, so no change falls between the two.
    func run() async {
        let changes = await wallet.withdrawalChanges()
        await refresh()
        for await _ in changes {
            await refresh()
        }
    }

    /// Reads the history (no network).
    func refresh() async {
        do {
            let all = try await wallet.withdrawals()
            rows = all.sorted { $0.withdrawalId > $1.withdrawalId }.map { Self.row($0, locale: locale) }
        } catch {
            self.error = UserText.message(for: error)
        }
        loading = false
    }

    /// Asks the provider to cancel a withdrawal that has not gone out; a
    /// refusal (it went out meanwhile) shows the reason.
    func cancel(_ withdrawalId: UInt64) async {
        do {
            _ = try await wallet.cancelWithdrawal(withdrawalId: withdrawalId)
        } catch {
            self.error = UserText.message(for: error)
        }
        await refresh()
    }

    nonisolated private static func row(_ withdrawal: Withdrawal, locale: String) -> HistoryRow {
        HistoryRow(
            id: withdrawal.withdrawalId,
            askedAt: withdrawal.createdAt,
            askedAtText: UserText.time(withdrawal.createdAt, locale: locale),
            amount: withdrawal.net.formatted,
            amountLabel: Speech.amount(withdrawal.net.amount, locale: locale),
            status: UserText.status(withdrawal.state),
            canCancel: withdrawal.state == .requested || withdrawal.state == .processing,
            hasReceipt: withdrawal.state == .completed
        )
    }
}
