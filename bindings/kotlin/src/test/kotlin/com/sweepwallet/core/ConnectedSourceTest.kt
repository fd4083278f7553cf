package com.sweepwallet.core

import java.nio.file.Path
import java.time.Instant
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** A source implemented in Kotlin (an app's own credits), synced through the core. */
class ConnectedSourceTest {
    @TempDir
    lateinit var dir: Path

    /** The app's in-app credits; `suspend`, as real app code would be. */
    class InAppCredits(private val minorUnits: Long) : SourceConnector {
        val calls = AtomicInteger()

        override suspend fun fetchBalances(): List<ObservedBalance> {
            calls.incrementAndGet()
            delay(10)
            return listOf(
                ObservedBalance(
                    amount = MinorAmount(minorUnits, "KRW"),
                    terms = BalanceTerms(
                        eligibility = Eligibility.CASHABLE,
                        reason = "In-app credits can be cashed out.",
                        minWithdrawal = MinorAmount(1000L, "KRW"),
                        refundableAfterUsedPercent = null,
                        expiries = emptyList(),
                    ),
                ),
            )
        }

        /** One transaction, then nothing new after its cursor. */
        override suspend fun fetchTransactions(cursor: String?): TransactionPage {
            if (cursor == "after-top-up") return TransactionPage(emptyList(), null, false)
            val topUp = SourceTransaction(
                id = "top-up-1",
                occurredAt = Instant.parse("2026-11-20T09:00:00Z"),
                amount = MinorAmount(minorUnits, "KRW"),
                kind = TransactionKind.CREDIT,
                description = "Credits bought",
            )
            return TransactionPage(listOf(topUp), "after-top-up", false)
        }
    }

    /** A connector whose platform says the grant expired. */
    class Expired : SourceConnector {
        override suspend fun fetchBalances(): List<ObservedBalance> =
            throw SweepException.AuthExpired("token expired")

        override suspend fun fetchTransactions(cursor: String?): TransactionPage =
            throw SweepException.AuthExpired("token expired")
    }

    class Collect : BalanceListener {
        val results = CopyOnWriteArrayList<SyncResult>()
        override fun onSyncResult(result: SyncResult) {
            results.add(result)
        }
    }

    @Test
    fun `a Kotlin connector syncs, subscribers hear results, and the handle cancels`() = runBlocking<Unit> {
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val credits = InAppCredits(4200L)
            val id = wallet.addConnectedSource(ConnectedSource("Game credits", SourceKind.WALLET, "com.example.game"), credits)
            val expiredId = wallet.addConnectedSource(ConnectedSource("Old wallet", SourceKind.WALLET, "com.example.old"), Expired())
            val heard = Collect()
            val subscription = wallet.subscribeSyncResults(heard)

            val results = wallet.sync().associateBy { it.sourceId }
            assertTrue(results.getValue(id).synced)
            assertFalse(results.getValue(expiredId).synced)
            assertTrue(results.getValue(expiredId).needsReauth)
            assertEquals(2, heard.results.size)
            assertEquals(1u, results.getValue(id).newTransactions)
            val stored = wallet.transactions(id, 10u).single()
            assertEquals("top-up-1" to 4200L, stored.id to stored.amount.minorUnits)

            val home = wallet.dashboard()
            val row = home.sources.single { it.sourceId == id }
            assertEquals("4,200원", row.balance.formatted)
            assertEquals(1000L, row.terms.minWithdrawal?.minorUnits)
            // The app reads it, but Sweep has no way to move it: shown, not cashable.
            assertEquals(Collectability.NO_COLLECT_METHOD, row.collection)
            assertEquals(emptyList<FormattedAmount>(), home.cashableTotals)

            subscription.close() // AutoCloseable: drops the handle, which cancels
            wallet.sync()
            assertEquals(2, heard.results.size, "no results after the subscription closed")
            assertEquals(2, credits.calls.get())
            assertEquals(2UL, wallet.verifyLedger().entries)
            closeDatabase(wallet)
        } finally {
            wallet.close()
        }
    }

    @Test
    fun `bad balances from a Kotlin connector are refused and write nothing`() = runBlocking<Unit> {
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val id = wallet.addConnectedSource(ConnectedSource("Credits", SourceKind.WALLET, "com.example.game"), InAppCredits(-5L))
            val result = wallet.sync().single { it.sourceId == id }
            assertFalse(result.synced)
            assertTrue(result.error!!.contains("must not be negative"), result.error)
            assertTrue(wallet.dashboard().sources.isEmpty())
            assertEquals(0UL, wallet.verifyLedger().entries)
            closeDatabase(wallet)
        } finally {
            wallet.close()
        }
    }
}
