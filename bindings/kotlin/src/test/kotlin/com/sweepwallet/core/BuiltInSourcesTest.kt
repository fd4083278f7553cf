package com.sweepwallet.core

import java.nio.file.Path
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * The core's own connectors built from Kotlin against the sandbox that
 * `cargo xtask test` starts: a Source API platform with its transaction
 * feed, and an Open Banking bank's consent and accounts.
 */
class BuiltInSourcesTest {
    @TempDir
    lateinit var dir: Path

    private fun sandbox(): String {
        val url = System.getenv("SWEEP_SANDBOX_URL")?.takeIf { it.isNotBlank() }
        if (url == null) skip("SWEEP_SANDBOX_URL not set (cargo xtask test sets it)")
        assumeTrue(url != null)
        return url!!
    }

    @Test
    fun `a built-in connector syncs balances and pages through the transaction feed`() = runBlocking<Unit> {
        val sandbox = sandbox()
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            topUpSandbox(sandbox, "sandbox-toss", 12_340L) // other tests move the shared sandbox's balance
            val toss = sourceConnector(SourceEndpoint.SourceApi("$sandbox/sweep/v1"), "sandbox-toss")
            val id = wallet.addConnectedSource(ConnectedSource("Toss wallet", SourceKind.WALLET, "source-api"), toss)
            val first = wallet.sync().single()
            assertEquals(true to 6u, first.synced to first.newTransactions)
            assertEquals(0u, wallet.sync().single().newTransactions, "only new transactions are fetched")
            val latest = wallet.transactions(id, 2u)
            assertEquals(listOf("tx-0006", "tx-0005"), latest.map { it.id })
            assertEquals("12,340원", wallet.dashboard().sources.single().balance.formatted)
            closeDatabase(wallet)
        } finally {
            wallet.close()
        }
    }

    @Test
    fun `open banking consents and accounts from Kotlin`() = runBlocking<Unit> {
        val aisp = "${sandbox()}/open-banking/v4.0/aisp"
        val consent = openBankingCreateConsent(aisp, "tpp-token", null)
        assertEquals(ConsentStatus.AWAITING_AUTHORISATION, consent.status)
        assertEquals(listOf("acc-1001", "acc-1002", "acc-1003"), openBankingAccounts(aisp, "psu-token").map { it.accountId })
        val bad = assertThrows(SweepException.InvalidInput::class.java) {
            sourceConnector(SourceEndpoint.OpenBanking("http://bank.example/aisp", null), "t")
        }
        assertEquals("base_url", bad.field)
    }
}
