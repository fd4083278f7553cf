package com.sweepwallet.core

import java.nio.file.Path
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** Suspend calls overlapping on one wallet, from several JVM threads. */
class ConcurrentCallsTest {
    @TempDir
    lateinit var dir: Path

    private fun source(i: Int) = ManualSource(
        name = "Source $i",
        kind = if (i % 3 == 0) SourceKind.CARRIER_BILLING else SourceKind.WALLET,
        balance = MinorAmount(1000L * i, if (i % 2 == 0) "KRW" else "USD"),
        accountRef = "010-0000-%04d".format(i),
    )

    @Test
    fun `concurrent dashboard calls all agree`() = runBlocking<Unit> {
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            (1..5).forEach { wallet.addManualSource(source(it)) }
            val expected = wallet.dashboard()

            val results = coroutineScope {
                (1..16).map { async(Dispatchers.Default) { wallet.dashboard() } }.awaitAll()
            }

            assertEquals(16, results.size)
            results.forEachIndexed { i, d -> assertEquals(expected, d, "dashboard #$i differs") }
            assertEquals(5, expected.sources.size)
            closeDatabase(wallet)
        } finally {
            wallet.destroy()
        }
    }

    @Test
    fun `concurrent adds each get their own id and the ledger stays whole`() = runBlocking<Unit> {
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val ids = coroutineScope {
                (1..12).map { i -> async(Dispatchers.Default) { wallet.addManualSource(source(i)) } }.awaitAll()
            }

            assertEquals(12, ids.toSet().size, "duplicate ids: $ids")
            val dash = wallet.dashboard()
            assertEquals(ids.sorted(), dash.sources.map { it.sourceId }.sorted())
            assertEquals((1..12).map { "Source $it" }.toSet(), dash.sources.map { it.name }.toSet())
            // Typed in, so tracked only: every balance is shown, none is cashable.
            val tracked = mapOf(
                "KRW" to (1..12).filter { it % 2 == 0 }.sumOf { 1000L * it },
                "USD" to (1..12).filter { it % 2 != 0 }.sumOf { 1000L * it },
            )
            val shown = dash.sources.groupBy { it.balance.amount.currencyCode }.mapValues { (_, s) -> s.sumOf { it.balance.amount.minorUnits } }
            assertEquals(tracked, shown)
            assertEquals(emptyList<FormattedAmount>(), dash.cashableTotals)

            val report = wallet.verifyLedger()
            assertEquals(12UL, report.entries)
            assertEquals(12UL, report.summaries)
            closeDatabase(wallet)
        } finally {
            wallet.destroy()
        }
    }
}
