package com.sweepwallet.core

import java.nio.file.Path
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * A source over time, from Kotlin: a typed-in balance edited (in its own
 * currency only) and removed, a linked sandbox source removed with its
 * tokens revoked at the issuer (RFC 7009), and a link that takes over a
 * typed-in balance so its money counts once. Removal keeps the history, so
 * the ledger still verifies.
 */
class SourceLifecycleTest {
    @TempDir
    lateinit var dir: Path

    private fun krw(units: Long) = MinorAmount(units, "KRW")

    @Test
    fun `a typed-in balance is edited in its own currency and removed with no tokens to revoke`() = runBlocking<Unit> {
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val jar = wallet.addManualSource(ManualSource("Cash jar", SourceKind.WALLET, krw(5_000L), null))

            wallet.editManualSource(jar, ManualSource("Coin jar", SourceKind.WALLET, krw(7_500L), null))
            val edited = wallet.dashboard().sources.single()
            assertEquals(jar, edited.sourceId, "the same source, edited in place")
            assertEquals("Coin jar" to "7,500원", edited.name to edited.balance.formatted)
            assertEquals(Collectability.TRACKED_ONLY, edited.collection, "still typed in: tracked only")

            // Another currency is another balance: refused, and nothing is written.
            val dollars = assertThrows(SweepException.CurrencyMismatch::class.java) {
                runBlocking { wallet.editManualSource(jar, ManualSource("Coin jar", SourceKind.WALLET, MinorAmount(500L, "USD"), null)) }
            }
            assertEquals("KRW" to "USD", dollars.expected to dollars.found)
            assertEquals("7,500원", wallet.dashboard().sources.single().balance.formatted)
            assertEquals(2uL, wallet.verifyLedger().entries, "typed in, then edited: both in the history")

            val removal = wallet.removeSource(jar)
            assertEquals(jar, removal.sourceId)
            assertEquals(TokenRevocation.NoTokens, removal.revocation, "a typed-in balance has no tokens")
            assertTrue(removal.note.isNotBlank() && "Coin jar" in removal.note, removal.note)
            val home = wallet.dashboard()
            assertTrue(home.sources.isEmpty() && home.cashableTotals.isEmpty(), "$home")
            assertEquals(2uL, wallet.verifyLedger().entries, "the history stays, and it verifies")

            // Gone for the user: neither removed again nor edited.
            assertThrows(SweepException.SourceNotFound::class.java) { runBlocking { wallet.removeSource(jar) } }
            assertThrows(SweepException.SourceNotFound::class.java) {
                runBlocking { wallet.editManualSource(jar, ManualSource("Coin jar", SourceKind.WALLET, krw(1L), null)) }
            }
            closeDatabase(wallet)
        } finally {
            wallet.close()
        }
    }

    @Test
    fun `removing a linked source revokes its tokens at the issuer and keeps its history`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, "{}")
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val toss = linkSandboxToss(wallet, sandbox, 12_340L)
            assertEquals(listOf("12,340원"), wallet.dashboard().cashableTotals.map { it.formatted })
            val edit = assertThrows(SweepException.InvalidInput::class.java) {
                runBlocking { wallet.editManualSource(toss, ManualSource("Toss", SourceKind.WALLET, krw(1L), null)) }
            }
            assertEquals("source_id", edit.field, "a linked balance is read from its source, not typed")
            val entries = wallet.verifyLedger().entries

            val removal = wallet.removeSource(toss)
            assertEquals(toss, removal.sourceId)
            assertEquals(TokenRevocation.Revoked, removal.revocation, "the sandbox's issuer offers RFC 7009 revocation")
            assertTrue(removal.note.isNotBlank() && "Toss" in removal.note, removal.note)

            val home = wallet.dashboard()
            assertTrue(home.sources.isEmpty() && home.cashableTotals.isEmpty(), "$home")
            assertEquals(0u, wallet.connectedSourceCount(), "its connector is dropped")
            assertTrue(wallet.sync().isEmpty(), "nothing left to read")
            assertEquals(entries, wallet.verifyLedger().entries, "the history stays, and it verifies")
            assertThrows(SweepException.SourceNotFound::class.java) { runBlocking { wallet.removeSource(toss) } }
            closeDatabase(wallet)
        } finally {
            wallet.close()
        }
    }

    @Test
    fun `linking the platform of a typed-in balance takes it over, so its money counts once`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, "{}")
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val typed = wallet.addManualSource(ManualSource("토스 지갑", SourceKind.WALLET, krw(12_000L), null))
            val phoneBill = wallet.addManualSource(ManualSource("Phone bill", SourceKind.CARRIER_BILLING, krw(8_500L), null))

            // Only a typed-in balance of the same kind can be taken over; refused before any token is issued.
            val wrongKind = assertThrows(SweepException.InvalidInput::class.java) {
                runBlocking { linkSandboxPlatformResult(wallet, sandbox, "sandbox-toss", 12_340L, "Toss", replacesSourceId = phoneBill) }
            }
            assertEquals("replaces_source_id", wrongKind.field)

            val linked = linkSandboxPlatformResult(wallet, sandbox, "sandbox-toss", 12_340L, "Toss", replacesSourceId = typed)
            assertEquals(typed, linked.sourceId, "the typed-in source keeps its id")
            assertEquals(LinkOutcome.AdoptedTypedIn, linked.outcome)
            assertTrue(linked.note!!.contains("토스 지갑"), "the note names the balance taken over: ${linked.note}")

            val home = wallet.dashboard()
            val toss = home.sources.single { it.sourceId == typed }
            assertEquals(listOf(typed, phoneBill), home.sources.map { it.sourceId }.sorted(), "one Toss source, not a typed-in and a linked one")
            assertEquals("12,340원" to Collectability.SOURCE_API_TRANSFER, toss.balance.formatted to toss.collection)
            assertEquals(listOf("12,340원"), home.cashableTotals.map { it.formatted }, "the platform's balance, once")
            // Typed in 12,000, phone bill 8,500, then Toss read as 12,340: one history.
            assertEquals(3uL, wallet.verifyLedger().entries)
            closeDatabase(wallet)
        } finally {
            wallet.close()
        }
    }
}
