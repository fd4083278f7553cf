package com.sweepwallet.core

import java.nio.file.Path
import java.time.Instant
import java.time.temporal.ChronoUnit
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** The app's main path through the bindings: open, add, read, verify, close, reopen. */
class WalletFlowTest {
    @TempDir
    lateinit var dir: Path

    private val toss = ManualSource(
        name = "Toss wallet",
        kind = SourceKind.WALLET,
        balance = MinorAmount(12340L, "KRW"),
        accountRef = "010-1234-5678",
    )
    private val paypal = ManualSource(
        name = "PayPal",
        kind = SourceKind.WALLET,
        balance = MinorAmount(123456L, "USD"),
        accountRef = null,
    )
    private val phoneBill = ManualSource(
        name = "SKT micropayments",
        kind = SourceKind.CARRIER_BILLING,
        balance = MinorAmount(50000L, "KRW"),
        accountRef = "010-9876-4321",
    )

    @Test
    fun `sources, eligibility and cashable totals round-trip through the bindings`() = runBlocking<Unit> {
        val testThread = Thread.currentThread()
        val provider = InMemoryKeyProvider()
        val start = Instant.now().truncatedTo(ChronoUnit.MILLIS)
        val wallet = Wallet.open(walletConfig(dir), provider)
        try {
            // A new wallet: the core made a data key and asked us to wrap it, once, off our thread.
            assertEquals(1, provider.wrapCalls.get())
            assertEquals(0, provider.unwrapCalls.get())
            assertEquals(32, provider.dataKeys.single().size)
            assertEquals(InMemoryKeyProvider.IV_BYTES + 32 + 16, provider.wrappedKeys.single().size)
            assertFalse(provider.callThreads.contains(testThread), "the key provider ran on the caller's thread")

            val ids = listOf(toss, paypal, phoneBill).map { wallet.addManualSource(it) }
            assertEquals(3, ids.toSet().size, "ids must be distinct: $ids")
            val end = Instant.now()

            val dash = wallet.dashboard()
            assertEquals(3, dash.sources.size)
            // In the order they were added, with the ids addManualSource returned.
            assertEquals(listOf("Toss wallet", "PayPal", "SKT micropayments"), dash.sources.map { it.name })
            assertEquals(ids, dash.sources.map { it.sourceId })

            val (krw, usd, carrier) = dash.sources
            assertEquals(SourceKind.WALLET, krw.kind)
            assertEquals("manual", krw.provider)
            assertEquals(MinorAmount(12340L, "KRW"), krw.balance.amount)
            assertEquals("12,340원", krw.balance.formatted)
            assertEquals(krw.balance, krw.available, "nothing is held, so all of it is available")
            assertEquals(Eligibility.CASHABLE, krw.terms.eligibility)
            assertTrue(krw.terms.reason.isNotBlank())
            assertEquals(AuthState.LINKED, krw.authState)
            assertNull(krw.lastSynced)
            assertEquals("•••• 5678", krw.accountHint)
            for (s in dash.sources) {
                assertFalse(s.lastUpdated.isBefore(start) || s.lastUpdated.isAfter(end), "${s.name}: lastUpdated ${s.lastUpdated} outside $start..$end")
            }

            assertEquals(MinorAmount(123456L, "USD"), usd.balance.amount)
            assertEquals("US$1,234.56", usd.balance.formatted, "a Korean wallet writes dollars with CLDR's Korean symbol")
            assertNull(usd.accountHint, "no account ref given, so no hint")

            assertEquals(SourceKind.CARRIER_BILLING, carrier.kind)
            assertEquals(Eligibility.REFUND_TO_ORIGIN, carrier.terms.eligibility)
            assertTrue(carrier.terms.reason.isNotBlank())
            assertEquals("•••• 4321", carrier.accountHint)
            assertEquals("50,000원", carrier.balance.formatted)

            // Typed in, so tracked only: no cashable total, and each says why.
            assertEquals(Collectability.TRACKED_ONLY, krw.collection)
            assertEquals(Collectability.TRACKED_ONLY, usd.collection)
            assertEquals(Collectability.REFUND_TO_ORIGIN, carrier.collection, "phone-bill money only goes back")
            assertEquals(emptyList<FormattedAmount>(), dash.cashableTotals)

            val report = wallet.verifyLedger()
            assertEquals(3UL, report.entries)
            assertEquals(3UL, report.summaries)
            assertTrue(report.headFingerprint.matches(Regex("[0-9a-f]{16}")), "fingerprint: ${report.headFingerprint}")

            closeDatabase(wallet)
            closeDatabase(wallet) // documented as harmless
            assertThrowsSuspending<SweepException.WalletClosed>("from dashboard()") { wallet.dashboard() }
            assertThrowsSuspending<SweepException.WalletClosed>("from addManualSource()") { wallet.addManualSource(toss) }
            assertThrowsSuspending<SweepException.WalletClosed>("from verifyLedger()") { wallet.verifyLedger() }
        } finally {
            wallet.destroy()
        }
    }

    @Test
    fun `reopening with the same provider sees the data, another provider gets WrongKey`() = runBlocking<Unit> {
        val provider = InMemoryKeyProvider()
        val first = Wallet.open(walletConfig(dir), provider)
        val before: Dashboard
        val fingerprint: String
        try {
            listOf(toss, paypal, phoneBill).forEach { first.addManualSource(it) }
            before = first.dashboard()
            fingerprint = first.verifyLedger().headFingerprint
            closeDatabase(first)
        } finally {
            first.destroy()
        }

        // Another provider cannot unwrap the data key: a typed error, and nothing opened.
        val stranger = InMemoryKeyProvider()
        assertThrowsSuspending<SweepException.WrongKey> { Wallet.open(walletConfig(dir), stranger).destroy() }
        assertEquals(1, stranger.unwrapCalls.get())
        assertEquals(0, stranger.wrapCalls.get(), "an existing wallet must never get a new data key")

        // The failed attempt changed nothing: the right provider still opens the same wallet.
        val again = Wallet.open(walletConfig(dir), provider)
        try {
            assertEquals(1, provider.wrapCalls.get(), "reopening must unwrap the stored key, not make a new one")
            assertEquals(1, provider.unwrapCalls.get())
            assertArrayEquals(provider.dataKeys.single(), provider.wrappedKeys.single().let { provider.unwrapDataKey(it) })

            val after = again.dashboard()
            assertEquals(before, after, "the reopened wallet must show exactly what was written")
            assertEquals(listOf("Toss wallet", "PayPal", "SKT micropayments"), after.sources.map { it.name })
            assertEquals("•••• 5678", after.sources[0].accountHint)

            val report = again.verifyLedger()
            assertEquals(3UL, report.entries)
            assertEquals(fingerprint, report.headFingerprint, "the history must be unchanged by closing and reopening")

            // And it is still writable: a fourth source extends the same chain.
            val id = again.addManualSource(paypal.copy(name = "Wise", balance = MinorAmount(1L, "USD")))
            assertEquals(4, again.dashboard().sources.size)
            assertTrue(after.sources.none { it.sourceId == id }, "a new source must get a new id")
            assertNotEquals(fingerprint, again.verifyLedger().headFingerprint)
            closeDatabase(again)
        } finally {
            again.destroy()
        }
    }
}
