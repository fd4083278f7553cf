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
 * The fee calculator, the planner and quotes from Kotlin, against the
 * sandbox provider that `cargo xtask test` starts.
 */
class FeesTest {
    @TempDir
    lateinit var dir: Path

    private fun krw(units: Long) = MinorAmount(units, "KRW")

    private fun quoteRequest(goal: QuoteGoal, limits: RemainingLimits? = null) =
        QuoteRequest("KRW", goal, Speed.STANDARD, DestinationKind.BANK_ACCOUNT, limits)

    /**
     * KakaoPay typed in (id 1, tracked only), the sandbox's Toss wallet
     * linked with the transfer scope when a sandbox runs (id 2), and a
     * typed-in phone bill (id 3).
     */
    private suspend fun walletWithBalances(sandbox: String? = null): Wallet {
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        wallet.addManualSource(ManualSource("KakaoPay", SourceKind.WALLET, krw(4_870), null))
        if (sandbox != null) linkSandboxToss(wallet, sandbox, 12_340L, "Toss wallet")
        wallet.addManualSource(ManualSource("Phone bill", SourceKind.CARRIER_BILLING, krw(8_500), null))
        return wallet
    }

    @Test
    fun `without a schedule the calculator says so`() = runBlocking<Unit> {
        val wallet = walletWithBalances()
        try {
            assertThrows(SweepException.NoFeeSchedule::class.java) {
                runBlocking { wallet.plan(PlanRequest("KRW", Speed.STANDARD, null, null)) }
            }
            closeDatabase(wallet)
        } finally {
            wallet.close()
        }
    }

    @Test
    fun `plan, estimate and lock a quote, and refuse bad input`() = runBlocking<Unit> {
        val sandbox = System.getenv("SWEEP_SANDBOX_URL")?.takeIf { it.isNotBlank() }
        if (sandbox == null) skip("SWEEP_SANDBOX_URL not set (cargo xtask test sets it)")
        assumeTrue(sandbox != null)
        val wallet = walletWithBalances(sandbox)
        try {
            assertEquals("krw-2026-11", wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1").version)

            val plan = wallet.plan(PlanRequest("KRW", Speed.STANDARD, null, null))
            assertEquals(listOf("Toss wallet"), plan.legs.map { it.sourceName })
            assertEquals("11,870원" to "470원", plan.totalNet.formatted to plan.totalFee.formatted)
            assertTrue(plan.leftOut.any { it.sourceName == "Phone bill" }, "phone-bill money is never planned")
            assertTrue(plan.leftOut.any { it.sourceName == "KakaoPay" }, "typed-in money is tracked, never planned")
            assertEquals(Collectability.TRACKED_ONLY, wallet.dashboard().sources.first { it.name == "KakaoPay" }.collection)
            assertTrue(plan.worthIt)

            val exact = wallet.estimate(quoteRequest(QuoteGoal.ReceiveExactly(krw(10_000))))
            assertEquals(10_000L, exact.totalNet.amount.minorUnits)

            val quote = wallet.quote(quoteRequest(QuoteGoal.Everything))
            assertTrue(quote.quoteId.isNotEmpty())
            val b = quote.breakdown
            assertEquals(b.totalFee.amount.minorUnits, b.legs.sumOf { it.fee.amount.minorUnits } + b.withdrawalFee.amount.minorUnits)
            wallet.checkQuote(quote)

            val zero = assertThrows(SweepException.AmountNotPositive::class.java) {
                runBlocking { wallet.estimate(quoteRequest(QuoteGoal.Legs(listOf(LegRequest(1uL, krw(0)))))) }
            }
            assertEquals("leg amount", zero.field)
            val phone = assertThrows(SweepException.NotCashable::class.java) {
                runBlocking { wallet.estimate(quoteRequest(QuoteGoal.Legs(listOf(LegRequest(3uL, krw(8_500)))))) }
            }
            assertEquals(3uL, phone.sourceId)
            val typedIn = assertThrows(SweepException.NotCashable::class.java) {
                runBlocking { wallet.estimate(quoteRequest(QuoteGoal.Legs(listOf(LegRequest(1uL, krw(4_870)))))) }
            }
            assertEquals(1uL, typedIn.sourceId)
            val limits = RemainingLimits(null, krw(10_000), null)
            val over = assertThrows(SweepException.LimitExceeded::class.java) {
                runBlocking { wallet.quote(quoteRequest(QuoteGoal.SendExactly(krw(12_000)), limits)) }
            }
            assertEquals("daily", over.limit)
            val usd = MinorAmount(500L, "USD")
            assertThrows(SweepException.CurrencyMismatch::class.java) {
                runBlocking { wallet.estimate(quoteRequest(QuoteGoal.Legs(listOf(LegRequest(1uL, usd))))) }
            }

            // A quote priced with an older schedule, and one whose lock ran out.
            val older = quote.copy(breakdown = quote.breakdown.copy(scheduleVersion = "krw-2026-10"))
            val stale = assertThrows(SweepException.FeeScheduleStale::class.java) { runBlocking { wallet.checkQuote(older) } }
            assertEquals("krw-2026-10" to "krw-2026-11", stale.quoteVersion to stale.currentVersion)
            val late = quote.copy(expiresAt = java.time.Instant.parse("2026-01-01T00:00:00Z"))
            val expired = assertThrows(SweepException.QuoteExpired::class.java) { runBlocking { wallet.checkQuote(late) } }
            assertEquals(quote.quoteId, expired.quoteId)
            closeDatabase(wallet)
        } finally {
            wallet.close()
        }
    }
}
