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

/// What a balance may still give back, or lose, under Korea's refund rules
/// (the core's `RefundAdvice`): "Nexon: spend ₩1,100 more to unlock a refund
/// of ₩2,200.", with the rule it rests on.
struct AdviceLine: Identifiable, Equatable, Sendable {
    /// Its place in the list.
    let id: Int
    let sourceId: UInt64
    /// The core's sentence, in the wallet's language.
    let text: String
    /// `text` as VoiceOver says it, amounts in words.
    let label: String
    /// The rule's document and article, for a footnote.
    let basis: String
}

/// A typed-in balance's edit form, as the user fills it in. Saving replaces
/// the balance's name, kind, amount and account reference; the old amount
/// stays in the history.
struct TypedInForm: Equatable {
    let sourceId: UInt64
    var name: String
    /// The amount as the user types it ("7,500", "7,500원"), read in
    /// `currencyCode` and the wallet's locale.
    var amount: String
    /// The balance's currency (ISO 4217). Another currency is another
    /// balance: the core refuses it.
    var currencyCode: String
    let kind: SourceKind
    /// A new account reference to save with it; left empty, the stored one
    /// is kept (the core keeps it when none is given). The dashboard has the
    /// stored one only masked (`accountHint`), so the form starts empty.
    var accountRef: String = ""
    /// The stored account reference, masked ("•••• 5678"), to show beside `accountRef`.
    let accountHint: String?
    /// Why the last save failed; the form stays open.
    var problem: String?
}

/// A removal waiting for the user's yes: what to ask, and what removing does.
struct RemovalQuestion: Identifiable, Equatable, Sendable {
    /// The source to remove.
    let id: UInt64
    let question: String
    let explanation: String
}

/// The dashboard screen: every source with its balance, what it may become
/// and how fresh it is, the currencies the provider does not pay out, a sync
/// with progress, and the refund of phone-bill money to the bill it came
/// from. Sources are managed here too: a typed-in
/// balance is edited (`startEdit`, `saveEdit`) and any source removed
/// (`askToRemove`, `confirmRemove`).
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
    /// The currencies the sources hold that the provider does not pay out,
    /// one line each in the core's words ("The provider does not pay out
    /// USD yet, so this money is tracked only."), in currency-code order:
    /// that money is tracked, never cashed out. Empty until a fee schedule
    /// has been fetched (before that, the core cannot tell). The lines hold
    /// a currency code but no figures, so VoiceOver reads them as they are.
    @Published private(set) var notPaidOut: [String] = []
    /// What balances may still give back, or lose soon, under the refund rules.
    @Published private(set) var refundAdvice: [AdviceLine] = []
    /// What the last refund to the phone bill did, for a message.
    @Published var refunded: String?
    /// `refunded` as VoiceOver says it, the amount in words.
    @Published private(set) var refundedLabel: String?
    /// The typed-in balance being edited, while its form is open (`nil` closes it).
    @Published var editing: TypedInForm?
    /// A save of `editing` is under way: the form disables its button.
    @Published private(set) var saving = false
    /// A removal waiting for the user's yes (`nil` keeps the source).
    @Published var removing: RemovalQuestion?
    /// What the last edit or removal did, for a message. After a removal it
    /// is the core's sentence: whether the issuer revoked Sweep's access and,
    /// where it could not, what the user should do.
    @Published var changed: String?
    /// `changed` as VoiceOver says it, amounts in words.
    @Published private(set) var changedLabel: String?
    @Published var error: String?

    private let wallet: Wallet
    private let locale: String
    private let now: @Sendable () -> Date
    /// The sources of the last read, for the edit form and the removal question.
    private var shown: [UInt64: SourceBalance] = [:]

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
            shown = Dictionary(home.sources.map { ($0.sourceId, $0) }, uniquingKeysWith: { _, last in last })
            let at = now()
            sources = home.sources.map { Self.row($0, now: at, locale: locale) }
            cashable = home.cashableTotals.map { SpokenAmount(text: $0.formatted, label: Speech.amount($0.amount, locale: locale)) }
            notPaidOut = home.payouts.filter { $0.support == .notPaidOut }.map(\.note)
            refundAdvice = home.refundAdvice.enumerated().map { index, advice in
                let amounts = [advice.amount] + (advice.spendFirst.map { [$0] } ?? [])
                return AdviceLine(
                    id: index,
                    sourceId: advice.sourceId,
                    text: advice.text,
                    label: Speech.sentence(advice.text, amounts: amounts, locale: locale),
                    basis: advice.basis
                )
            }
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

    /// Opens the edit form of the typed-in balance `sourceId` (a row that is
    /// not `connected`), filled in with what the dashboard last read. A
    /// linked balance is read from its source and is not edited.
    func startEdit(sourceId: UInt64) {
        guard let source = shown[sourceId] else {
            error = UserText.message(for: SweepError.SourceNotFound(sourceId: sourceId))
            return
        }
        guard source.provider == "manual" else {
            error = L10n.text("dashboard.onlyTypedIn")
            return
        }
        removing = nil
        editing = TypedInForm(
            sourceId: sourceId,
            name: source.name,
            amount: UserText.money(source.balance.amount, locale: locale),
            currencyCode: source.balance.amount.currencyCode,
            kind: source.kind,
            accountHint: source.accountHint,
            problem: nil
        )
    }

    /// Saves the form: the amount is read in the form's currency and the
    /// wallet's locale, and the balance replaced (the old amount stays in the
    /// history). On success the form closes and `changed` says what was
    /// saved; on failure it stays open with its `problem`.
    func saveEdit() async {
        guard let form = editing, !saving else { return }
        saving = true
        defer { saving = false }
        do {
            let amount = try parseMoney(text: form.amount, currencyCode: form.currencyCode, locale: locale)
            let accountRef = form.accountRef.trimmingCharacters(in: .whitespacesAndNewlines)
            let source = ManualSource(name: form.name, kind: form.kind, balance: amount, accountRef: accountRef.isEmpty ? nil : accountRef)
            try await wallet.editManualSource(sourceId: form.sourceId, source: source)
            let name = form.name.trimmingCharacters(in: .whitespacesAndNewlines)
            changed = L10n.text("dashboard.editSaved", name, UserText.money(amount, locale: locale))
            changedLabel = L10n.text("dashboard.editSaved", name, Speech.amount(amount, locale: locale))
            editing = nil
            error = nil
            await refresh()
        } catch SweepError.CurrencyMismatch(let expected, _) {
            // Another currency is another balance: remove this one and add that one.
            editFailed(form.sourceId, L10n.text("dashboard.otherCurrency", expected))
        } catch {
            editFailed(form.sourceId, UserText.message(for: error))
        }
    }

    private func editFailed(_ sourceId: UInt64, _ problem: String) {
        if editing?.sourceId == sourceId {
            editing?.problem = problem
        }
    }

    /// Asks the user to confirm removing `sourceId`: `removing` says what removing does.
    func askToRemove(sourceId: UInt64) {
        guard let source = shown[sourceId] else {
            error = UserText.message(for: SweepError.SourceNotFound(sourceId: sourceId))
            return
        }
        removing = RemovalQuestion(
            id: sourceId,
            question: L10n.text("dashboard.removeQuestion", source.name),
            explanation: L10n.text("dashboard.removeExplain")
        )
    }

    /// Removes the source the user confirmed: a linked source's access is
    /// revoked at its issuer first (where the issuer offers it), then its
    /// tokens are deleted; its history stays. `changed` gets the core's
    /// sentence on what was done, then the dashboard is read again.
    func confirmRemove() async {
        guard let asked = removing else { return }
        removing = nil
        do {
            let removal = try await wallet.removeSource(sourceId: asked.id)
            changed = removal.note
            changedLabel = removal.note
            if editing?.sourceId == asked.id {
                editing = nil
            }
            error = nil
        } catch SweepError.InvalidInput(let field, _) where field == "source_id" {
            // A source that exists is refused only while a cash-out still collects from it.
            error = L10n.text("dashboard.stillCollecting")
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
