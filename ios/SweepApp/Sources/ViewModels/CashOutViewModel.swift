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

/// The cash-out screen: the planner's suggestion, the amount and the
/// destination, a fee quote locked with the provider, then confirmation
/// through the Secure Enclave authenticator (Face ID or Touch ID).
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
    @Published var error: String?

    private let wallet: Wallet
    private let browser: (any BrowserSignIn)?
    private let currency: String
    private let locale: String
    private let speed: Speed

    init(
        wallet: Wallet, browser: (any BrowserSignIn)? = nil, currency: String = "KRW", locale: String = "ko-KR",
        speed: Speed = .standard
    ) {
        self.wallet = wallet
        self.browser = browser
        self.currency = currency
        self.locale = locale
        self.speed = speed
    }

    /// Loads the payees and the planner's suggestion (offline once fees are cached).
    func load() async {
        await work {
            let payees = try await self.wallet.payees()
            let plan = try await self.wallet.plan(
                request: PlanRequest(currencyCode: self.currency, speed: self.speed, limits: nil, targetFeeBps: nil)
            )
            self.payees = payees
            self.payeeId = self.payeeId ?? payees.first?.payeeId
            self.suggestion = plan
        }
    }

    /// Adds a Korean bank account as a payee and selects it. The provider
    /// checks the holder's name; a new payee waits out a cool-down above a
    /// small amount.
    func addBankAccount(bankCode: String, accountNumber: String, holderName: String) async {
        await work {
            let destination = PayeeDestination.krBankAccount(bankCode: bankCode, accountNumber: accountNumber)
            let payee = try await self.wallet.addPayee(request: PayeeRequest(destination: destination, holderName: holderName))
            self.payees.append(payee)
            self.payeeId = payee.payeeId
        }
    }

    /// Locks a quote for the amount (or everything cashable) and shows it.
    func requestQuote() async {
        await work {
            let text = self.amountText.trimmingCharacters(in: .whitespaces)
            let goal: QuoteGoal
            if text.isEmpty {
                goal = .everything
            } else {
                let amount = try parseMoney(text: text, currencyCode: self.currency, locale: self.locale)
                goal = .receiveExactly(amount: amount)
            }
            let request = QuoteRequest(
                currencyCode: self.currency, goal: goal, speed: self.speed, destination: .bankAccount, limits: nil
            )
            let quote = try await self.wallet.quote(request: request)
            self.quote = quote
            self.step = .review
        }
    }

    /// Back from the review, for another amount.
    func edit() {
        step = .enter
        quote = nil
    }

    /// Confirms the quote under review: the authenticator signs the exact
    /// amount, payee and quote (the user sees Face ID with the core's
    /// prompt), then the withdrawal is stored and sent. An expired quote is
    /// refused before any prompt.
    func confirm(with authenticator: any Authenticator) async {
        guard let quote else { return }
        guard let payeeId else {
            error = "Choose where the money goes."
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
        error = nil
        defer { busy = false }
        do {
            try await body()
        } catch {
            self.error = UserText.message(for: error)
            if step == .confirming {
                step = .review
            } else if step == .approvingAtBank {
                // Stored and sent: it carries on; the timeline can ask again.
                step = .submitted
            }
        }
    }
}
