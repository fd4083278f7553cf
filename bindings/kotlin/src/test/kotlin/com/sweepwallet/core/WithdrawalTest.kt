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
 * Withdrawals from Kotlin against the sandbox: submit, track to completed,
 * cancel, and a failure that releases its hold. The authenticator signs
 * with a P-256 key, as one backed by Android Keystore and BiometricPrompt
 * would.
 */
class WithdrawalTest {
    @TempDir
    lateinit var dir: Path

    private val everything = QuoteRequest("KRW", QuoteGoal.Everything, Speed.STANDARD, DestinationKind.BANK_ACCOUNT, null)

    @Test
    fun `submit, track, cancel and a failure`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        val wallet = Wallet.open(walletConfig(dir.resolve("w")), InMemoryKeyProvider())
        val auth = P256Authenticator()
        try {
            linkSandboxToss(wallet, sandbox!!, 40_000L)
            wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1")
            val shinhan = PayeeDestination.KrBankAccount("088", "110-123-456789")
            val close = assertThrows(SweepException.PayeeNameMismatch::class.java) {
                runBlocking { wallet.addPayee(PayeeRequest(shinhan, "Minji Kim")) }
            }
            assertEquals("close_match", close.result)
            assertEquals("Kim Minji", close.suggestedName, "the app can offer the account's name")
            val payee = wallet.addPayee(PayeeRequest(shinhan, "Kim Minji")).payeeId
            wallet.registerAuthenticator(auth)

            assertEquals(MinorAmount(300_000L, "KRW"), wallet.remainingLimits("KRW")?.dailyRemaining)
            val quote = wallet.quote(everything)
            val first = wallet.withdraw(quote, payee, auth, null)
            assertEquals(WithdrawalState.PROCESSING, first.state)
            assertEquals(MinorAmount(260_000L, "KRW"), wallet.remainingLimits("KRW")?.dailyRemaining, "today's limit counts it")
            assertEquals("Shinhan •••• 6789 계좌로 38,700원 보낼까요?", auth.prompts.single())
            assertEquals(WithdrawalState.SENT, wallet.refreshWithdrawal(first.withdrawalId).state)
            val late = assertThrows(SweepException.CancelTooLate::class.java) { runBlocking { wallet.cancelWithdrawal(first.withdrawalId) } }
            assertEquals("sent", late.state)
            assertEquals(WithdrawalState.COMPLETED, wallet.refreshWithdrawal(first.withdrawalId).state)
            val receipt = wallet.withdrawalReceipt(first.withdrawalId)
            assertEquals(quote.breakdown.totalFee, receipt.fee, "the receipt's fee is the quote's")
            assertEquals("38,700원", receipt.net.formatted)

            // A top-up at Toss, seen by the next sync.
            topUpSandbox(sandbox!!, "sandbox-toss", 40_000L)
            wallet.sync()
            val second = wallet.withdraw(wallet.quote(everything), payee, auth, null)
            assertEquals(WithdrawalState.CANCELED, wallet.cancelWithdrawal(second.withdrawalId).state)
            wallet.sync() // the cancel sent the collected money back to Toss

            setSandboxKnobs(sandbox!!, """{"withdrawal_outcome": "fail"}""")
            val third = wallet.withdraw(wallet.quote(everything), payee, auth, null)
            val failed = wallet.refreshWithdrawal(third.withdrawalId)
            assertEquals(WithdrawalState.FAILED, failed.state)
            assertEquals("받는 계좌가 해지됐어요.", failed.reason)
            // The leg was collected before the payout failed: the provider sent
            // it back to Toss, and the next sync sees it there.
            assertEquals(listOf(LegState.RETURNED), failed.legs.map { it.state })
            wallet.sync()
            val home = wallet.dashboard()
            assertEquals(listOf("40,000원"), home.cashableTotals.map { it.formatted }, "the failed withdrawal's money is back")
            wallet.verifyLedger()
            closeDatabase(wallet)
        } finally {
            setSandboxKnobs(sandbox!!, "{}")
            wallet.close()
        }
    }

    /** Hears every change, leg changes included, as the app's timeline would. */
    class Heard : WithdrawalListener {
        val changes = java.util.concurrent.CopyOnWriteArrayList<Withdrawal>()
        override fun onWithdrawal(withdrawal: Withdrawal) {
            changes.add(withdrawal)
        }
    }

    @Test
    fun `a two-leg withdrawal loses a leg, and the listener hears each leg`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, "{}")
        val wallet = Wallet.open(walletConfig(dir.resolve("legs")), InMemoryKeyProvider())
        val auth = P256Authenticator()
        try {
            val toss = linkSandboxToss(wallet, sandbox, 12_340L)
            val kakao = linkSandboxPlatform(wallet, sandbox, "sandbox-kakaopay", 4_870L, "KakaoPay")
            wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1")
            val payee = wallet.addPayee(PayeeRequest(PayeeDestination.KrBankAccount("088", "110-123-456789"), "Kim Minji")).payeeId
            wallet.registerAuthenticator(auth)
            val heard = Heard()
            val subscription = wallet.trackWithdrawals(heard)

            val quote = wallet.quote(everything)
            assertEquals(listOf(toss, kakao), quote.breakdown.legs.map { it.sourceId })
            // A quote edited in Kotlin cannot name another net or another split.
            val net = quote.breakdown.totalNet
            val richer = quote.copy(breakdown = quote.breakdown.copy(totalNet = net.copy(amount = MinorAmount(net.amount.minorUnits + 1_000L, "KRW"))))
            val cheaperLeg = quote.breakdown.legs[1].let { it.copy(fee = it.fee.copy(amount = MinorAmount(it.fee.amount.minorUnits - 1L, "KRW"))) }
            val resplit = quote.copy(breakdown = quote.breakdown.copy(legs = listOf(quote.breakdown.legs[0], cheaperLeg)))
            for (edited in listOf(richer, resplit)) {
                val refused = assertThrows(SweepException.InvalidInput::class.java) { runBlocking { wallet.withdraw(edited, payee, auth, null) } }
                assertEquals("quote", refused.field)
            }
            setSandboxKnobs(sandbox, """{"refuse_transfers_from": "sandbox-kakaopay"}""")
            val w = wallet.withdraw(quote, payee, auth, null)
            assertEquals(listOf(LegState.COLLECTED, LegState.FAILED), w.legs.map { it.state })
            assertEquals(listOf("12,340원", "4,870원"), w.legs.map { it.amount.formatted })
            assertEquals("플랫폼이 이 잔액을 옮기는 것을 거절했어요.", w.legs[1].reason)
            // Each leg's change reached the listener as it happened.
            val told = heard.changes.filter { it.withdrawalId == w.withdrawalId }.map { c -> c.legs.map { it.state } }
            // The tracker may also catch the first leg in flight (INSTRUCTED)
            // while it is being collected; nothing else comes before it.
            val firstCollected = told.indexOf(listOf(LegState.COLLECTED, LegState.PENDING))
            assertTrue(firstCollected >= 0, "the first leg first: $told")
            assertTrue(told.take(firstCollected).all { it == listOf(LegState.INSTRUCTED, LegState.PENDING) }, "only the first leg in flight before it: $told")
            assertEquals(listOf(LegState.COLLECTED, LegState.FAILED), told.last(), "then the second: $told")

            var now = wallet.refreshWithdrawal(w.withdrawalId)
            repeat(5) { if (now.state != WithdrawalState.COMPLETED) now = wallet.refreshWithdrawal(w.withdrawalId) }
            assertEquals(WithdrawalState.COMPLETED, now.state)
            val receipt = wallet.withdrawalReceipt(w.withdrawalId)
            // The partial collection rule: only Toss's quoted fee share is charged.
            val tossFee = quote.breakdown.legs.first { it.sourceId == toss }.fee
            assertEquals(tossFee, receipt.fee)
            assertEquals(12_340L - tossFee.amount.minorUnits, receipt.net.amount.minorUnits)
            assertEquals(receipt.net, now.net, "the withdrawal shows what the rule paid")
            // Where every won went, adding up.
            val statement = wallet.statement(w.withdrawalId)
            assertEquals(listOf(12_340L, 0L), statement.lines.map { it.collected.amount.minorUnits })
            assertEquals(statement.collected.amount.minorUnits, statement.paidOut.amount.minorUnits + statement.fee.amount.minorUnits)
            assertEquals(0L, statement.sentBack.amount.minorUnits + statement.inFlight.amount.minorUnits)
            subscription.cancel()
            wallet.sync()
            assertEquals(listOf("0원", "4,870원"), wallet.dashboard().sources.map { it.available.formatted })
            wallet.verifyLedger()
            closeDatabase(wallet)
        } finally {
            setSandboxKnobs(sandbox, "{}")
            wallet.close()
        }
    }

    @Test
    fun `a bank leg is paid once the user approves it at the bank`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, "{}")
        val wallet = Wallet.open(walletConfig(dir.resolve("bank-leg")), InMemoryKeyProvider())
        val auth = P256Authenticator()
        try {
            linkSandboxToss(wallet, sandbox, 12_340L)
            val bank = linkSandboxBank(wallet, sandbox, 9_500L)
            wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1")
            val payee = wallet.addPayee(PayeeRequest(PayeeDestination.KrBankAccount("088", "110-123-456789"), "Kim Minji")).payeeId
            wallet.registerAuthenticator(auth)
            val quote = wallet.quote(everything)
            val w = wallet.withdraw(quote, payee, auth, null)
            val index = w.legs.indexOfFirst { it.sourceId == bank }
            assertTrue(w.legs[index].needsAuthorisation, "the bank waits for the user")
            val url = wallet.beginBankLeg(w.withdrawalId, index.toUInt())
            assertTrue(url.contains("openbanking_intent_id="), url)
            val paid = wallet.completeBankLeg(browse(url, "com.sweepwallet.test:/oauth/callback"))
            assertEquals(LegState.COLLECTED, paid.legs[index].state)
            assertThrows(SweepException.InvalidInput::class.java) { runBlocking { wallet.beginBankLeg(w.withdrawalId, index.toUInt()) } }
            var now = wallet.refreshWithdrawal(w.withdrawalId)
            repeat(5) { if (now.state != WithdrawalState.COMPLETED) now = wallet.refreshWithdrawal(w.withdrawalId) }
            assertEquals(WithdrawalState.COMPLETED, now.state)
            assertEquals(quote.breakdown.totalNet, wallet.withdrawalReceipt(w.withdrawalId).net)
            wallet.verifyLedger()
        } finally {
            setSandboxKnobs(sandbox, "{}")
            wallet.close()
        }
    }
}
