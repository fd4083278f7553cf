import Foundation
import SweepCore

// The iOS consumer example of docs/app-guide.md: a whole cash-out as an app
// makes one, from opening the wallet to the withdrawal's final state. The
// JVM twin (bindings/kotlin/.../ConsumerExample.kt) runs against the
// sandbox in `cargo xtask test`; this one is syntax-checked here and
// compiled by the hosted iOS workflow.

/// Where the example's servers are, and how the user signs in.
struct ExampleSetup: Sendable {
    let dataDir: String
    let sourceApi: String
    let issuer: String
    let provider: String
    /// Opens the sign-in page (ASWebAuthenticationSession) and returns the URL it sends the user back to.
    let signIn: @Sendable (String) async throws -> String
}

func cashOutExample(_ setup: ExampleSetup) async throws -> Withdrawal {
    // 1. Open: the Keychain key wraps the data key; every call is async.
    let keys = KeychainKeyProvider(service: "com.example.myapp", account: "sweep-wallet")
    let wallet = try await Wallet.open(config: WalletConfig(dataDir: setup.dataDir, locale: "ko-KR"), keyProvider: keys)
    defer { wallet.close() }

    // 2. First run: fees and tiers (again when a day old), and anything left unfinished.
    _ = try await wallet.ensureFeeSchedule(providerUrl: setup.provider, maxAgeSeconds: 86_400)
    _ = try await wallet.resumeWithdrawals()

    // 3. Link a source with OAuth + PKCE, asking to move its money, then sync.
    let oauth = OAuthConfig(
        issuer: setup.issuer,
        authorizeEndpoint: setup.issuer + "/authorize",
        tokenEndpoint: setup.issuer + "/token",
        clientId: "sweep-app",
        redirectUri: "com.sweepwallet.app:/oauth/callback",
        scopes: ["balances:read", "transfers:write"]
    )
    let request = LinkRequest(name: "Toss", kind: .wallet, endpoint: .sourceApi(baseUrl: setup.sourceApi), oauth: oauth)
    let linked = try await wallet.completeLink(callbackUrl: try await setup.signIn(try wallet.beginLink(request: request)))
    // Its id, and how: a new source, or a balance the user had typed in taken over (its money counts once).
    // When the outcome needs explaining, `note` is the sentence to show, in the wallet's language.
    if let note = linked.note {
        print(note)
    }
    _ = try await wallet.sync()

    // 4. Plan and lock a quote: the fee shown is the fee charged.
    _ = try await wallet.plan(request: PlanRequest(currencyCode: "KRW", speed: .standard, limits: nil, targetFeeBps: nil))
    let quote = try await wallet.quote(
        request: QuoteRequest(currencyCode: "KRW", goal: .everything, speed: .standard, destination: .bankAccount, limits: nil)
    )

    // 5. The user's own account, the scam shield, and the Secure Enclave confirmation key.
    let own = PayeeRequest(destination: .krBankAccount(bankCode: "088", accountNumber: "110123456789"), holderName: "Kim Minji")
    let payee = try await wallet.addPayee(request: own)
    let risk = try await wallet.assessCashOut(quote: quote, payeeId: payee.payeeId, simSwapped: nil)
    guard risk.level != .stepUp else {
        throw SweepError.AuthenticationFailed(reason: risk.reasons.map(\.text).joined(separator: " "))
    }
    let authenticator = SecureEnclaveAuthenticator(service: "com.example.myapp")
    try await wallet.registerAuthenticator(authenticator: authenticator)

    // 6. Withdraw (stored before anything is sent), then follow it to its end.
    var withdrawal = try await wallet.withdraw(quote: quote, payeeId: payee.payeeId, authenticator: authenticator, simCheck: nil)
    for await change in await wallet.withdrawalChanges() where change.withdrawalId == withdrawal.withdrawalId {
        withdrawal = change
        if [.completed, .failed, .returned].contains(change.state) { break }
    }
    return withdrawal
}
