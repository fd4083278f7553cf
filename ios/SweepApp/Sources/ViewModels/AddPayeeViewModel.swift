import Foundation
import SweepCore

/// The add-payee screen: the user's own Korean bank account or wallet (a
/// provider such as Toss or KakaoPay, by handle). The core checks
/// the details before anything is sent, the provider checks the holder's
/// name, and once the user's ID is verified the core refuses an account in
/// someone else's name (`PayeeNotOwnName`): payouts go to the user's own
/// accounts, because sending to another's is how many scams take money.
/// Like Android, the app does not offer `addPayeeInAnotherName`.
@MainActor
final class AddPayeeViewModel: ObservableObject, ShowsErrors {
    /// A wallet rather than a bank account.
    @Published var toWallet = false
    /// The bank's three-digit code ("088"), or the wallet provider ("toss").
    @Published var bankCode = ""
    /// The account number (hyphens are allowed; the core drops them), or the handle at the wallet.
    @Published var accountNumber = ""
    /// The user's own name, as the bank has it.
    @Published var holderName = ""
    @Published private(set) var busy = false
    /// On a close match, the name the bank has for the account, to offer.
    @Published private(set) var suggestedName: String?
    @Published var error: String?

    private let wallet: Wallet

    init(wallet: Wallet) {
        self.wallet = wallet
    }

    /// Every field is filled in and nothing is under way.
    var canAdd: Bool {
        !busy && [bankCode, accountNumber, holderName].allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// Adds the account; returns the new payee, or `nil` with the reason in
    /// `error` (and, on a close match, the bank's name in `suggestedName`).
    func add() async -> Payee? {
        busy = true
        error = nil
        suggestedName = nil
        defer { busy = false }
        let first = bankCode.trimmingCharacters(in: .whitespaces)
        let second = accountNumber.trimmingCharacters(in: .whitespaces)
        let destination = toWallet
            ? PayeeDestination.walletHandle(provider: first, handle: second)
            : PayeeDestination.krBankAccount(bankCode: first, accountNumber: second)
        let request = PayeeRequest(destination: destination, holderName: holderName.trimmingCharacters(in: .whitespaces))
        do {
            return try await wallet.addPayee(request: request)
        } catch {
            if case .PayeeNameMismatch(_, let suggested)? = error as? SweepError {
                suggestedName = suggested
            }
            self.error = UserText.message(for: error)
            return nil
        }
    }

    /// Takes the bank's name for the account; the user adds it again.
    func useSuggestedName() {
        guard let suggestedName else { return }
        holderName = suggestedName
        self.suggestedName = nil
    }
}
