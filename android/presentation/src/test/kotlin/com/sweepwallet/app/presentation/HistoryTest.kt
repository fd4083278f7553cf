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
import com.sweepwallet.core.StatusChange
import com.sweepwallet.core.StatusNotice
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.Withdrawal
import com.sweepwallet.core.WithdrawalState
import com.sweepwallet.core.closeDatabase
import com.sweepwallet.core.linkSandboxOperator
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
    /** 40,000원 at the sandbox's Toss, its fees, the user's own account and a confirmation key. */
    private suspend fun readyToWithdraw(wallet: Wallet, sandbox: String): Pair<ULong, P256Authenticator> {
        linkSandboxToss(wallet, sandbox, 40_000L)
        wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1")
        val payee = wallet.addPayee(PayeeRequest(PayeeDestination.KrBankAccount("088", "110123456789"), "Kim Minji")).payeeId
        val auth = P256Authenticator()
        wallet.registerAuthenticator(auth)
        return payee to auth
    }

    @Test
    fun `the history lists withdrawals newest first, in the user's time, with what each allows`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val (payee, auth) = readyToWithdraw(wallet, sandbox!!)
            val everything = QuoteRequest("KRW", QuoteGoal.Everything, Speed.STANDARD, DestinationKind.BANK_ACCOUNT, null)
            val w = wallet.withdraw(wallet.quote(everything), payee, auth, null)

            val history = HistoryStateHolder(wallet, scope, korean)
            history.refresh().join()
            val row = history.state.value.rows.single()
            assertEquals(w.withdrawalId, row.withdrawalId)
            assertEquals("38,700원", row.amount)
            assertEquals("삼만 팔천칠백 원", row.amountLabel, "read aloud as words")
            assertAmountsLabelled(history.state.value)
            val kst = java.time.format.DateTimeFormatter.ofPattern("yyyy년 M월 d일 HH:mm").withZone(ZoneId.of("Asia/Seoul"))
            val asked = kst.format(w.createdAt)
            assertEquals(asked, row.askedAt, "Korean time, not UTC")
            assertTrue(row.canCancel && !row.hasReceipt, "$row")

            // Sent by now at the sandbox: too late to cancel, and the screen says why.
            wallet.refreshWithdrawal(w.withdrawalId)
            history.cancel(w.withdrawalId).join()
            assertTrue(history.state.value.error!!.contains("취소할 수 없어요"), history.state.value.error)
            repeat(5) { wallet.refreshWithdrawal(w.withdrawalId) }
            history.refresh().join()
            val done = history.state.value.rows.single()
            assertEquals("입금됐어요", done.status)
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
        net = FormattedAmount(MinorAmount(48_000L, "KRW"), "48,000원"),
        payeeId = 1uL,
        quoteId = "q-$id",
        reason = reason,
        eta = null,
        createdAt = Instant.parse("2026-12-04T09:00:00Z"),
        providerWithdrawalId = "p-$id",
        legs = emptyList(),
    )

    private fun notice(id: ULong, change: StatusChange, state: WithdrawalState, reason: String? = null) =
        StatusNotice("withdrawal-$id-${state.name.lowercase()}", change, withdrawal(id, state, reason))

    @Test
    fun `each change reads as the user would say it`() {
        val inEnglish = StatusNotifier(english)
        val sent = inEnglish.of(notice(7uL, StatusChange.ON_ITS_WAY, WithdrawalState.SENT))
        assertEquals(
            StatusNotification("withdrawal-7-sent", "Cash-out on its way", "48,000원 is on its way to your account."),
            sent,
        )
        assertEquals("Cash-out arrived", inEnglish.of(notice(7uL, StatusChange.ARRIVED, WithdrawalState.COMPLETED)).title)
        val failed = inEnglish.of(notice(8uL, StatusChange.DID_NOT_GO_THROUGH, WithdrawalState.FAILED, "The account is closed."))
        assertEquals("The account is closed.", failed.text)
        val canceled = inEnglish.of(notice(9uL, StatusChange.CANCELED, WithdrawalState.CANCELED))
        assertEquals("Nothing was taken: your balances are back.", canceled.text)

        val inKorean = StatusNotifier(korean)
        assertEquals(
            StatusNotification("withdrawal-7-sent", "출금하고 있어요", "내 계좌로 48,000원 보내고 있어요."),
            inKorean.of(notice(7uL, StatusChange.ON_ITS_WAY, WithdrawalState.SENT)),
        )
        assertEquals("출금이 끝났어요", inKorean.of(notice(7uL, StatusChange.ARRIVED, WithdrawalState.COMPLETED)).title)
        assertEquals("빠져나간 돈은 없어요. 잔액은 그대로예요.", inKorean.of(notice(9uL, StatusChange.CANCELED, WithdrawalState.CANCELED)).text)
    }

    @Test
    fun `the background check posts each change once, as the core tells it`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val (payee, auth) = readyToWithdraw(wallet, sandbox!!)
            assertTrue(wallet.statusNotices().isEmpty(), "the first check, at the app's start")
            val request = QuoteRequest("KRW", QuoteGoal.SendExactly(MinorAmount(15_000L, "KRW")), Speed.STANDARD, DestinationKind.BANK_ACCOUNT, null)
            val id = wallet.withdraw(wallet.quote(request), payee, auth, null).withdrawalId
            // The sandbox moves a withdrawal one step each time it is asked.
            val notifier = StatusNotifier(korean)
            val posted = wallet.statusNotices().map(notifier::of)
            assertEquals(listOf("withdrawal-$id-sent" to "출금하고 있어요"), posted.map { it.key to it.title })
            assertEquals(listOf("출금이 끝났어요"), wallet.statusNotices().map { notifier.of(it).title })
            assertTrue(wallet.statusNotices().isEmpty(), "nothing twice")
        } finally {
            closeDatabase(wallet)
        }
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
            val operator = linkSandboxOperator(wallet, sandbox!!)
            linkSandboxToss(wallet, sandbox!!, 5_000L)

            val dashboard = DashboardStateHolder(wallet, scope, korean)
            dashboard.refresh().join()
            val rows = dashboard.state.value.sources
            assertEquals(listOf(true, false), rows.map { it.canRefundToBill }, "$rows")
            dashboard.refundToBill(operator).join()
            val told = dashboard.state.value.refunded!!
            assertTrue(Regex("휴대폰 요금으로 환불했어요: [1-9][0-9,]*원 \\(결제 [1-9][0-9]*건\\)").matches(told), told)
            // Refunded: the bill has nothing left to refund, and the row says so after the re-read.
            dashboard.refundToBill(operator).join()
            assertEquals("지금 이 휴대폰 요금에서 환불할 수 있는 결제가 없어요.", dashboard.state.value.refunded)
            assertNull(dashboard.state.value.error)
            dashboard.close()
        } finally {
            closeDatabase(wallet)
            wallet.close()
        }
    }
}
