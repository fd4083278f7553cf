package com.sweepwallet.core

// The JVM consumer example of docs/app-guide.md, compiled and run by
// `cargo xtask test` (ConsumerExampleTest): a whole cash-out as an app
// makes one, from opening the wallet to the withdrawal's final state.

/** What the example needs from its surroundings. */
class ExampleSetup(
    /** A private directory for the wallet. */
    val dataDir: String,
    /** The app's key provider (Android: `KeystoreKeyProvider`). */
    val keys: KeyProvider,
    /** The app's confirmation (Android: `BiometricKeystoreAuthenticator`). */
    val authenticator: Authenticator,
    /** The source's Source API and OAuth issuer, and the provider. */
    val sourceApi: String,
    val issuer: String,
    val provider: String,
    /** Opens the sign-in page and returns the URL it sends the user back to (Android: Custom Tabs). */
    val signIn: suspend (authorizeUrl: String) -> String,
)

suspend fun cashOutExample(setup: ExampleSetup): Withdrawal {
    // 1. Open: creates the wallet on first use; every call below suspends off the main thread.
    val wallet = Wallet.open(WalletConfig(dataDir = setup.dataDir, locale = "ko-KR"), setup.keys)
    try {
        // 2. First run: fees and tiers (again when a day old), and anything left unfinished.
        wallet.ensureFeeSchedule(setup.provider, 86_400uL)
        wallet.resumeWithdrawals()

        // 3. Link a source with OAuth + PKCE, asking to move its money, then sync.
        val redirect = "com.sweepwallet.app:/oauth/callback"
        val oauth = OAuthConfig(
            issuer = setup.issuer,
            authorizeEndpoint = "${setup.issuer}/authorize",
            tokenEndpoint = "${setup.issuer}/token",
            clientId = "sweep-app",
            redirectUri = redirect,
            scopes = listOf("balances:read", "transfers:write"),
        )
        val request = LinkRequest("Toss", SourceKind.WALLET, SourceEndpoint.SourceApi(setup.sourceApi), oauth)
        val linked = wallet.completeLink(setup.signIn(wallet.beginLink(request)))
        // Its id, and how: a new source, or a balance the user had typed in taken over (its money counts once).
        // When the outcome needs explaining, `note` is the sentence to show, in the wallet's language.
        linked.note?.let { println(it) }
        check(wallet.sync().all { it.synced })

        // 4. Plan and lock a quote: the fee shown is the fee charged.
        val plan = wallet.plan(PlanRequest("KRW", Speed.STANDARD, null, null))
        check(plan.legs.isNotEmpty()) { plan.advice.joinToString { it.text } }
        val quote = wallet.quote(QuoteRequest("KRW", QuoteGoal.Everything, Speed.STANDARD, DestinationKind.BANK_ACCOUNT, null))

        // 5. The user's own account (name-checked), the scam shield, and the confirmation key.
        val own = PayeeRequest(PayeeDestination.KrBankAccount("088", "110123456789"), "Kim Minji")
        val payee = wallet.addPayee(own).payeeId
        val risk = wallet.assessCashOut(quote, payee, null)
        check(risk.level != RiskLevel.STEP_UP) { risk.reasons.joinToString { it.text } }
        wallet.registerAuthenticator(setup.authenticator)

        // 6. Withdraw (stored before anything is sent), then follow it to its end.
        var withdrawal = wallet.withdraw(quote, payee, setup.authenticator, null)
        repeat(20) {
            if (withdrawal.state in setOf(WithdrawalState.COMPLETED, WithdrawalState.FAILED, WithdrawalState.RETURNED)) {
                return withdrawal
            }
            withdrawal = wallet.refreshWithdrawal(withdrawal.withdrawalId)
        }
        return withdrawal
    } finally {
        wallet.closeDatabase()
        wallet.close()
    }
}
