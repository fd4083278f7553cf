package com.sweepwallet.core

import java.nio.file.Path
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * Linking a source with OAuth (Authorization Code + PKCE) against the real
 * oidc-provider and the sandbox that `cargo xtask test` starts. The JDK's
 * HTTP client with a cookie jar plays the browser, as Custom Tabs would.
 */
class LinkTest {
    @TempDir
    lateinit var dir: Path

    private val redirect = "com.sweepwallet.app:/oauth/callback"

    @Test
    fun `link with PKCE, refuse a replayed callback, then sync`() = runBlocking<Unit> {
        val issuer = env("SWEEP_OIDC_ISSUER")
        val sandbox = env("SWEEP_SANDBOX_URL")
        if (issuer == null || sandbox == null) skip("SWEEP_OIDC_ISSUER/SWEEP_SANDBOX_URL not set (cargo xtask test sets them)")
        assumeTrue(issuer != null && sandbox != null)
        setSandboxKnobs(sandbox!!, """{"any_token_as": "sandbox-toss"}""")
        topUpSandbox(sandbox, "sandbox-toss", 12_340L) // other tests move the shared sandbox's balance

        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val oauth = OAuthConfig(
                issuer = issuer!!,
                authorizeEndpoint = "$issuer/auth",
                tokenEndpoint = "$issuer/token",
                clientId = "sweep-app",
                redirectUri = redirect,
                scopes = listOf("offline_access", "balances:read"),
            )
            val url = wallet.beginLink(LinkRequest("Toss wallet", SourceKind.WALLET, SourceEndpoint.SourceApi("$sandbox/sweep/v1"), oauth))
            assertTrue(url.contains("code_challenge_method=S256"))
            val callback = browse(url)
            val linked = wallet.completeLink(callback)
            assertEquals(LinkOutcome.Linked, linked.outcome, "a new source: nothing typed in to take over")
            assertNull(linked.note, "a plain link needs no explaining")
            val id = linked.sourceId

            val replay = assertThrows(SweepException.InvalidInput::class.java) { runBlocking { wallet.completeLink(callback) } }
            assertEquals("state", replay.field)

            val results = wallet.sync()
            assertTrue(results.single { it.sourceId == id }.synced)
            assertEquals("12,340원", wallet.dashboard().sources.single().balance.formatted)
            closeDatabase(wallet)
        } finally {
            wallet.close()
            setSandboxKnobs(sandbox, "{}")
        }
    }
}
