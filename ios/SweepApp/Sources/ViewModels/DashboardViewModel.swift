import Foundation
import SweepCore

/// One source on the dashboard.
struct SourceRow: Identifiable, Equatable, Sendable {
    let id: UInt64
    let name: String
    let balance: String
    /// The balance as VoiceOver says it, in words, in the wallet's language.
    let balanceLabel: String
    let eligibility: String
    /// The source's own terms, for example "refundable after 60% used".
    let terms: String
    let freshness: String
    /// The user must sign in again before this balance refreshes.
    let needsAttention: Bool
    /// Read by a connector (a sync refreshes it), not typed in.
    let connected: Bool
    /// Linked phone-bill money: the screen offers "Refund to my phone bill",
    /// its only legal way out (소액결제 현금화 is illegal).
    let canRefundToBill: Bool
}

/// An amount as the screen shows it and as VoiceOver says it.
struct SpokenAmount: Hashable, Sendable {
    /// As shown: "12,340원".
    let text: String
    /// In words, in the wallet's language: "만 이천삼백사십 원".
    let label: String
}

/// The dashboard screen: every source with its balance, what it may become
/// and how fresh it is, a sync with progress, and the refund of phone-bill
/// money to the bill it came from.
@MainActor
final class DashboardViewModel: ObservableObject, ShowsErrors {
    @Published private(set) var loading = true
    @Published private(set) var syncing = false
    /// Sources whose sync finished in the current run, for a progress bar.
    @Published private(set) var synced = 0
    @Published private(set) var syncTotal = 0
    @Published private(set) var sources: [SourceRow] = []
    /// What can be cashed out, one line per currency.
    @Published private(set) var cashable: [SpokenAmount] = []
    /// What the last refund to the phone bill did, for a message.
    @Published var refunded: String?
    /// `refunded` as VoiceOver says it, the amount in words.
    @Published private(set) var refundedLabel: String?
    @Published var error: String?

    private let wallet: Wallet
    private let locale: String
    private let now: @Sendable () -> Date

    init(wallet: Wallet, locale: String = "ko-KR", now: @escaping @Sendable () -> Date = { Date() }) {
        self.wallet = wallet
        self.locale = locale
        self.now = now
    }

    /// Shows the dashboard and counts sync results while the screen is up.
    /// Run it from the view's `.task`: leaving the screen cancels it, which
    /// ends the subscription.
    func run() async {
        // SweepCore's stream: subscribed now, cancelled with this task.
        let results = wallet.syncResults()
        await refresh()
        for await _ in results {
            synced += 1
        }
    }

    /// Reads the dashboard again (no network).
    func refresh() async {
        do {
            let home = try await wallet.dashboard()
            let at = now()
            sources = home.sources.map { Self.row($0, now: at, locale: locale) }
            cashable = home.cashableTotals.map { SpokenAmount(text: $0.formatted, label: Speech.amount($0.amount, locale: locale)) }
        } catch {
            self.error = UserText.message(for: error)
        }
        loading = false
    }

    /// Syncs every connected source, then reads the dashboard again.
    func sync() async {
        guard !syncing else { return }
        syncing = true
        synced = 0
        syncTotal = sources.filter(\.connected).count
        error = nil
        defer { syncing = false }
        do {
            let results = try await wallet.sync()
            await refresh()
            let failed = results.filter { !$0.synced }.count
            if failed > 0 {
                error = L10n.text("dashboard.syncFailed", failed, results.count)
            }
        } catch {
            self.error = UserText.message(for: error)
        }
    }

    /// Refunds a linked phone bill's refundable payments to the bill they
    /// came from (phone-bill money never becomes cash), then reads the
    /// dashboard again.
    func refundToBill(sourceId: UInt64) async {
        do {
            let refunds = try await wallet.refundCarrierBilling(sourceId: sourceId)
            if let currency = refunds.first?.amount.currencyCode {
                let total = refunds.reduce(Int64(0)) { $0 + $1.amount.minorUnits }
                let amount = MinorAmount(minorUnits: total, currencyCode: currency)
                refunded = L10n.text("dashboard.refunded", UserText.money(amount, locale: locale), refunds.count)
                refundedLabel = L10n.text("dashboard.refunded", Speech.amount(amount, locale: locale), refunds.count)
            } else {
                refunded = L10n.text("dashboard.nothingToRefund")
                refundedLabel = refunded
            }
            error = nil
        } catch {
            self.error = UserText.message(for: error)
        }
        await refresh()
    }

    nonisolated private static func row(_ source: SourceBalance, now: Date, locale: String) -> SourceRow {
        SourceRow(
            id: source.sourceId,
            name: source.name,
            balance: source.balance.formatted,
            balanceLabel: Speech.amount(source.balance.amount, locale: locale),
            eligibility: UserText.collection(source.collection),
            terms: source.terms.reason,
            freshness: UserText.freshness(source, now: now),
            needsAttention: source.authState != .linked,
            connected: source.provider != "manual",
            canRefundToBill: source.collection == .refundToOrigin && source.provider != "manual"
        )
    }
}
