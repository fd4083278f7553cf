package com.sweepwallet.core

import java.nio.file.Path
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * A [WithdrawalListener] written in Kotlin, across the FFI: it hears one
 * withdrawal's changes in order, the provider's from the Rust thread that
 * tracks it, up to `completed`; and once its subscription is cancelled or closed (the
 * handle freed), it hears nothing more.
 *
 * The sandbox's events feed is switched off, so the tracker falls back to
 * asking the provider about open withdrawals (every two seconds), and each
 * look moves the sandbox's payout one step: nothing but the tracker moves
 * the withdrawal on, so what the listener hears is the tracker's doing.
 */
class WithdrawalListenerTest {
    @TempDir
    lateinit var dir: Path

    private val everything = QuoteRequest("KRW", QuoteGoal.Everything, Speed.STANDARD, DestinationKind.BANK_ACCOUNT, null)

    /** Every change it is told, from whichever thread tells it. */
    class Heard : WithdrawalListener {
        val changes = CopyOnWriteArrayList<Withdrawal>()
        val threads = CopyOnWriteArrayList<Thread>()
        @Synchronized
        override fun onWithdrawal(withdrawal: Withdrawal) {
            threads.add(Thread.currentThread())
            changes.add(withdrawal)
        }
    }

    /** Where a state stands on the way `requested → processing → sent → completed`. */
    private fun rank(state: WithdrawalState) = listOf(
        WithdrawalState.REQUESTED,
        WithdrawalState.PROCESSING,
        WithdrawalState.SENT,
        WithdrawalState.COMPLETED,
    ).indexOf(state)

    @Test
    fun `a Kotlin listener hears a withdrawal to completed, in order, and nothing once cancelled or closed`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, """{"events_unavailable": true}""")
        val wallet = Wallet.open(walletConfig(dir.resolve("w")), InMemoryKeyProvider())
        val auth = P256Authenticator()
        try {
            linkSandboxToss(wallet, sandbox, 40_000L)
            wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1")
            val payee = wallet.addPayee(PayeeRequest(PayeeDestination.KrBankAccount("088", "110-123-456789"), "Kim Minji")).payeeId
            wallet.registerAuthenticator(auth)

            val heard = Heard()
            val subscription = wallet.trackWithdrawals(heard)
            assertTrue(subscription.isActive())
            val quote = wallet.quote(everything)
            val w = wallet.withdraw(quote, payee, auth, null)
            // Bounded: two fallback rounds of two seconds move it to completed.
            val deadline = System.nanoTime() + 30_000_000_000L
            while (heard.changes.none { it.state == WithdrawalState.COMPLETED } && System.nanoTime() < deadline) delay(50)

            val changes = heard.changes.toList()
            assertTrue(changes.isNotEmpty(), "the listener was told")
            assertEquals(setOf(w.withdrawalId), changes.map { it.withdrawalId }.toSet(), "only this withdrawal")
            val states = changes.map { it.state }
            // In order: never backwards, each state once (leg changes aside),
            // from where `withdraw` left it to sent, then completed.
            assertEquals(states.sortedBy(::rank), states, "in order: $states")
            val steps = states.distinct()
            assertTrue(rank(steps.first()) <= rank(WithdrawalState.PROCESSING), "it starts where withdraw left it: $states")
            assertEquals(listOf(WithdrawalState.SENT, WithdrawalState.COMPLETED), steps.takeLast(2), "$states")
            assertEquals(quote.breakdown.totalNet, changes.last().net, "the last word is the quoted payout")
            // What the tracker learnt from the provider it told from its own
            // thread (a leg's change during `withdraw` comes from that call).
            val tracked = changes.indices.filter { rank(changes[it].state) >= rank(WithdrawalState.SENT) }.map { heard.threads[it] }
            assertTrue(tracked.isNotEmpty() && tracked.none { it == Thread.currentThread() }, "told from the tracker's thread")
            assertEquals(WithdrawalState.COMPLETED, wallet.refreshWithdrawal(w.withdrawalId).state)

            // One subscription cancelled, one closed (its handle freed, which
            // drops it in Rust), and a live one as the control: a withdrawal's
            // leg is told to every live listener before `withdraw` returns.
            subscription.cancel()
            assertFalse(subscription.isActive(), "cancelled")
            val gone = Heard()
            wallet.trackWithdrawals(gone).close()
            val control = Heard()
            val live = wallet.trackWithdrawals(control)
            val toldBefore = heard.changes.size
            topUpSandbox(sandbox, "sandbox-toss", 40_000L)
            wallet.sync()
            val second = wallet.withdraw(wallet.quote(everything), payee, auth, null)
            assertTrue(control.changes.any { it.withdrawalId == second.withdrawalId }, "a live listener hears the leg collected")
            assertEquals(toldBefore, heard.changes.size, "the cancelled listener hears nothing more")
            assertEquals(emptyList<Withdrawal>(), gone.changes.toList(), "nor does the closed one")
            live.cancel()
            wallet.verifyLedger()
            closeDatabase(wallet)
        } finally {
            setSandboxKnobs(sandbox!!, "{}")
            wallet.close()
        }
    }
}
