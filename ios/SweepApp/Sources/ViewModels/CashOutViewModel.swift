import Foundation
import SweepCore

/// The steps of a cash-out.
enum CashOutStep: Equatable {
    /// Amount and destination.
    case enter
    /// A locked quote: every fee is shown before the user confirms.
    case review
    /// Waiting for Face ID and the provider.
    case confirming
    /// A bank leg waits for the user to approve its payment at the bank.
    case approvingAtBank
    /// Submitted; follow it on the timeline.
    case submitted
}

/// The cash-out screen: the planner's suggestion, the amount, what is left
/// of the limits, instant payout priced before it is chosen, and the
/// destination; then a fee quote locked with the provider, the scam
/// shield's check (and the safety guide before a first cash-out), and
/// confirmation through the Secure Enclave authenticator (Face ID or
/// Touch ID).
@MainActor
final class CashOutViewModel: ObservableObject, ShowsErrors {
    @Published private(set) var step: CashOutStep = .enter
    @Published private(set) var busy = false
    /// What the user typed, in the wallet's locale; empty means everything cashable.
    @Published var amountText = ""
    @Published private(set) var payees: [Payee] = []
    @Published var payeeId: UInt64?
    /// The planner's suggestion: which balances, each in one sentence, and advice.
    @Published private(set) var suggestion: Plan?
    /// The locked quote under review.
    @Published private(set) var quote: Quote?
    @Published private(set) var withdrawal: Withdrawal?
    /// Pay out within minutes, for a premium.
    @Published var instant = false
    /// What instant adds to the fee for the amount entered, shown before
    /// the user chooses it; `nil` when it cannot be worked out.
    @Published private(set) var instantExtra: String?
    /// `instantExtra` as VoiceOver says it, the amount in words.
    @Published private(set) var instantExtraLabel: String?
    /// What is left of the user's limits, shown where the amount is chosen.
    @Published private(set) var limits: [String] = []
    /// Each of `limits` as VoiceOver says it, amounts in words.
    @Published private(set) var limitsLabels: [String] = []
    /// The scam shield's verdict on the quote under review.
    @Published private(set) var risk: RiskAssessment?
    /// The user read a step-up and chose to go ahead anyway.
    @Published private(set) var riskAccepted = false
    /// Before the first cash-out: the safety guide to show with the review; empty otherwise.
    @Published private(set) var safetyGuide: [String] = []
    @Published var error: String?

    private let wallet: Wallet
    private let browser: (any BrowserSignIn)?
    private let currency: String
    /// The wallet's locale: amounts are parsed, written and read aloud in it.
    let locale: String

    init(wallet: Wallet, browser: (any BrowserSignIn)? = nil, currency: String = "KRW", locale: String = "ko-KR") {
        self.wallet = wallet
        self.browser = browser
        self.currency = currency
        self.locale = locale
    }

    /// The speed chosen.
    var speed: Speed { instant ? .instant : .standard }

    /// A step-up the user has not yet accepted holds the confirmation back.
    var awaitsRiskAcceptance: Bool {
        risk?.level == .stepUp && !riskAccepted
    }

    /// Loads the payees, the planner's suggestion at the chosen speed and
    /// the remaining limits (offline once fees are cached), then prices
    /// instant payout.
    func load() async {
        await work {
            let payees = try await self.wallet.payees()
            let plan = try await self.wallet.plan(
                request: PlanRequest(currencyCode: self.currency, speed: self.speed, limits: nil, targetFeeBps: nil)
            )
            let limits = try await self.limitLines()
            self.payees = payees
            self.payeeId = self.payeeId ?? payees.first?.payeeId
            self.suggestion = plan
            self.limits = limits.map(\.text)
            self.limitsLabels = limits.map(\.label)
        }
        await priceInstant()
    }

    /// Works out, offline, what instant adds to the fee for the amount
    /// entered (or everything cashable). Nothing is shown when the amount
    /// cannot be priced yet.
    func priceInstant() async {
        do {
            let standard = try await wallet.estimate(request: request(speed: .standard)).totalFee.amount
            let fast = try await wallet.estimate(request: request(speed: .instant)).totalFee.amount
            let difference = MinorAmount(minorUnits: fast.minorUnits - standard.minorUnits, currencyCode: currency)
            instantExtra = L10n.text("cashOut.instantExtra", UserText.money(difference, locale: locale))
            instantExtraLabel = L10n.text("cashOut.instantExtra", Speech.amount(difference, locale: locale))
        } catch {
            instantExtra = nil
            instantExtraLabel = nil
        }
    }

    /// A new payee from the add-payee screen: listed and selected. Above a
    /// small amount it waits out a cool-down first.
    func added(_ payee: Payee) {
        payees.append(payee)
        payeeId = payee.payeeId
    }

    /// Locks a quote for the amount (or everything cashable) and shows it
    /// with the scam shield's verdict on it.
    func requestQuote() async {
        await work {
            let quote = try await self.wallet.quote(request: self.request(speed: self.speed))
            var risk: RiskAssessment?
            if let payeeId = self.payeeId {
                risk = try await self.wallet.assessCashOut(quote: quote, payeeId: payeeId, simSwapped: nil)
            }
            let first = risk?.reasons.contains { $0.ruleId == "first_cash_out" } ?? false
            self.quote = quote
            self.risk = risk
            self.riskAccepted = false
            self.safetyGuide = first ? UserText.safetyGuide : []
            self.step = .review
        }
    }

    /// The user read the shield's step-up and goes ahead anyway.
    func acceptRisk() {
        riskAccepted = true
    }

    /// Back from the review, for another amount.
    func edit() {
        step = .enter
        quote = nil
        risk = nil
        riskAccepted = false
        safetyGuide = []
    }

    /// The request for the amount typed (in the wallet's locale), or for
    /// everything cashable when it is empty.
    private func request(speed: Speed) throws -> QuoteRequest {
        let text = amountText.trimmingCharacters(in: .whitespaces)
        let goal: QuoteGoal
        if text.isEmpty {
            goal = .everything
        } else {
            goal = .receiveExactly(amount: try parseMoney(text: text, currencyCode: currency, locale: locale))
        }
        return QuoteRequest(currencyCode: currency, goal: goal, speed: speed, destination: destination, limits: nil)
    }

    /// What the chosen payee is: a quote is priced for a bank account or a
    /// wallet, and the core pays only a payee of that kind.
    private var destination: DestinationKind {
        payees.first { $0.payeeId == payeeId }?.destinationKind ?? .bankAccount
    }

    /// What is left of the limits, one line each, as shown and in words;
    /// none when no limit applies.
    private func limitLines() async throws -> [SpokenAmount] {
        guard let left = try await wallet.remainingLimits(currencyCode: currency) else { return [] }
        let locale = self.locale
        return [
            left.perWithdrawal.map { SpokenAmount(
                text: L10n.text("cashOut.limitPerWithdrawal", UserText.money($0, locale: locale)),
                label: L10n.text("cashOut.limitPerWithdrawal", Speech.amount($0, locale: locale))
            ) },
            left.dailyRemaining.map { SpokenAmount(
                text: L10n.text("cashOut.limitToday", UserText.money($0, locale: locale)),
                label: L10n.text("cashOut.limitToday", Speech.amount($0, locale: locale))
            ) },
            left.monthlyRemaining.map { SpokenAmount(
                text: L10n.text("cashOut.limitMonth", UserText.money($0, locale: locale)),
                label: L10n.text("cashOut.limitMonth", Speech.amount($0, locale: locale))
            ) },
        ].compactMap { $0 }
    }

    /// Confirms the quote under review: the authenticator signs the exact
    /// amount, payee and quote (the user sees Face ID with the core's
    /// prompt), then the withdrawal is stored and sent. An expired quote is
    /// refused before any prompt.
    func confirm(with authenticator: any Authenticator) async {
        guard let quote else { return }
        guard let payeeId else {
            error = L10n.text("cashOut.noPayee")
            return
        }
        guard !awaitsRiskAcceptance else {
            error = L10n.text("cashOut.readShield")
            return
        }
        await work {
            try await self.wallet.checkQuote(quote: quote)
            self.step = .confirming
            var withdrawal = try await self.wallet.withdraw(
                quote: quote, payeeId: payeeId, authenticator: authenticator, simCheck: nil
            )
            self.withdrawal = withdrawal
            withdrawal = try await self.approveBankLegs(withdrawal)
            self.withdrawal = withdrawal
            self.step = .submitted
        }
    }

    /// Has the user approve each bank leg at their bank (the same
    /// ASWebAuthenticationSession as linking); each is paid once approved.
    private func approveBankLegs(_ start: Withdrawal) async throws -> Withdrawal {
        var withdrawal = start
        while let index = withdrawal.legs.firstIndex(where: { $0.needsAuthorisation }), let browser {
            step = .approvingAtBank
            let address = try await wallet.beginBankLeg(withdrawalId: withdrawal.withdrawalId, legIndex: UInt32(index))
            guard let url = URL(string: address) else { throw CancellationError() }
            let callback = try await browser.signIn(at: url, callbackScheme: url.scheme ?? "https")
            withdrawal = try await wallet.completeBankLeg(callbackUrl: callback.absoluteString)
        }
        return withdrawal
    }

    /// Runs a step with the busy flag, turning failures into a message; a
    /// failed confirmation goes back to the review.
    private func work(_ body: () async throws -> Void) async {
        busy = true
        defer { busy = false }
        if await attempt(body) {
            return
        }
        if step == .confirming {
            step = .review
        } else if step == .approvingAtBank {
            // Stored and sent: it carries on; the timeline can ask again.
            step = .submitted
        }
    }
}
