package com.sweepwallet.app.presentation

import com.sweepwallet.core.DestinationKind
import com.sweepwallet.core.FormattedAmount
import com.sweepwallet.core.InMemoryKeyProvider
import com.sweepwallet.core.MinorAmount
import com.sweepwallet.core.P256Authenticator
import com.sweepwallet.core.PayeeDestination
import com.sweepwallet.core.PayeeRequest
import com.sweepwallet.core.QuoteGoal
import com.sweepwallet.core.QuoteRequest
import com.sweepwallet.core.Speed
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.Withdrawal
import com.sweepwallet.core.WithdrawalState
import com.sweepwallet.core.closeDatabase
import com.sweepwallet.core.linkSandboxToss
import com.sweepwallet.core.sandboxOrSkip
import com.sweepwallet.core.walletConfig
import java.time.Instant
import java.time.ZoneId
import kotlinx.coroutines.cancel
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/** The history screen and the status notifications (issue #15, item 3). */
class HistoryTest : ScopedTest() {
    @Test
    fun `the history lists withdrawals newest first, in the user's time, with what each allows`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            linkSandboxToss(wallet, sandbox!!, 40_000L)
            wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1")
            val payee = wallet.addPayee(PayeeRequest(PayeeDestination.KrBankAccount("088", "110123456789"), "Kim Minji")).payeeId
            val auth = P256Authenticator()
            wallet.registerAuthenticator(auth)
            val everything = QuoteRequest("KRW", QuoteGoal.Everything, Speed.STANDARD, DestinationKind.BANK_ACCOUNT, null)
            val w = wallet.withdraw(wallet.quote(everything), payee, auth, null)

            val history = HistoryStateHolder(wallet, scope, ZoneId.of("Asia/Seoul"))
            history.refresh().join()
            val row = history.state.value.rows.single()
            assertEquals(w.withdrawalId, row.withdrawalId)
            assertEquals("₩38,700", row.amount)
            val kst = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Seoul"))
            val asked = kst.format(w.createdAt)
            assertEquals(asked, row.askedAt, "Korean time, not UTC")
            assertTrue(row.canCancel && !row.hasReceipt, "$row")

            // Sent by now at the sandbox: too late to cancel, and the screen says why.
            wallet.refreshWithdrawal(w.withdrawalId)
            history.cancel(w.withdrawalId).join()
            assertTrue(history.state.value.error!!.contains("can no longer be canceled"), history.state.value.error)
            repeat(5) { wallet.refreshWithdrawal(w.withdrawalId) }
            history.refresh().join()
            val done = history.state.value.rows.single()
            assertEquals("Arrived", done.status)
            assertTrue(done.hasReceipt && !done.canCancel)
            assertNull(history.state.value.error)
        } finally {
            closeDatabase(wallet)
            wallet.close()
        }
    }

    private fun withdrawal(id: ULong, state: WithdrawalState, reason: String? = null) = Withdrawal(
        withdrawalId = id,
        state = state,
        net = FormattedAmount(MinorAmount(48_000L, "KRW"), "₩48,000"),
        payeeId = 1uL,
        quoteId = "q-$id",
        reason = reason,
        eta = null,
        createdAt = Instant.parse("2026-12-04T09:00:00Z"),
        providerWithdrawalId = "p-$id",
        legs = emptyList(),
    )

    @Test
    fun `each moment the user cares about notifies once, and only those`() {
        val posted = mutableSetOf<String>()
        val notifier = StatusNotifier(posted)
        assertNull(notifier.on(withdrawal(7uL, WithdrawalState.REQUESTED)))
        assertNull(notifier.on(withdrawal(7uL, WithdrawalState.PROCESSING)))
        val sent = notifier.on(withdrawal(7uL, WithdrawalState.SENT))!!
        assertEquals("Cash-out on its way" to "₩48,000 is on its way to your account.", sent.title to sent.text)
        assertNull(notifier.on(withdrawal(7uL, WithdrawalState.SENT)), "once")
        assertEquals("Cash-out arrived", notifier.on(withdrawal(7uL, WithdrawalState.COMPLETED))!!.title)
        val failed = notifier.on(withdrawal(8uL, WithdrawalState.FAILED, "The account is closed."))!!
        assertEquals("The account is closed.", failed.text)
        assertEquals("Nothing was taken: your balances are back.", notifier.on(withdrawal(9uL, WithdrawalState.CANCELED))!!.text)
        // A restart with the keys the app kept posts nothing again.
        val again = StatusNotifier(posted.toMutableSet())
        assertNull(again.on(withdrawal(7uL, WithdrawalState.COMPLETED)))
        assertEquals(setOf("withdrawal-7-sent", "withdrawal-7-completed", "withdrawal-8-failed", "withdrawal-9-canceled"), posted)
    }
}

/** "Refund to my phone bill" on the dashboard (issue #15, item 3). */
class PhoneBillRefundTest : ScopedTest() {
    @Test
    fun `linked phone-bill money offers a refund to the bill, and only that`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val issuer = "$sandbox/oauth/sandbox-operator"
            val redirect = "com.sweepwallet.test:/oauth/callback"
            val oauth = com.sweepwallet.core.OAuthConfig(issuer, "$issuer/authorize", "$issuer/token", "sweep-test", redirect, listOf("carrier-billing"))
            val endpoint = com.sweepwallet.core.SourceEndpoint.CarrierBilling("$sandbox/carrier-billing/v0.5", "$sandbox/carrier-billing-refund/v0.3")
            val request = com.sweepwallet.core.LinkRequest("SKT", com.sweepwallet.core.SourceKind.CARRIER_BILLING, endpoint, oauth)
            val operator = wallet.completeLink(com.sweepwallet.core.browse(wallet.beginLink(request), redirect))
            wallet.sync()
            linkSandboxToss(wallet, sandbox!!, 5_000L)

            val dashboard = DashboardStateHolder(wallet, scope)
            dashboard.refresh().join()
            val rows = dashboard.state.value.sources
            assertEquals(listOf(true, false), rows.map { it.canRefundToBill }, "$rows")
            dashboard.refundToBill(operator).join()
            val told = dashboard.state.value.refunded!!
            assertTrue(Regex("Refunded ₩[1-9][0-9,]* to your phone bill \\([1-9][0-9]* payments\\)\\.").matches(told), told)
            // Refunded: the bill has nothing left to refund, and the row says so after the re-read.
            dashboard.refundToBill(operator).join()
            assertEquals("Nothing on this phone bill can be refunded now.", dashboard.state.value.refunded)
            assertNull(dashboard.state.value.error)
            dashboard.close()
        } finally {
            closeDatabase(wallet)
            wallet.close()
        }
    }
}
