package com.sweepwallet.app.presentation

import com.sweepwallet.core.DocumentType
import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Speed
import com.sweepwallet.core.QuoteRequest
import com.sweepwallet.core.QuoteGoal
import com.sweepwallet.core.DestinationKind
import com.sweepwallet.core.FormattedAmount
import com.sweepwallet.core.InMemoryKeyProvider
import com.sweepwallet.core.LegState
import com.sweepwallet.core.LinkRequest
import com.sweepwallet.core.ManualSource
import com.sweepwallet.core.MinorAmount
import com.sweepwallet.core.OAuthConfig
import com.sweepwallet.core.P256Authenticator
import com.sweepwallet.core.PayeeDestination
import com.sweepwallet.core.PayeeRequest
import com.sweepwallet.core.SourceEndpoint
import com.sweepwallet.core.SourceKind
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.Withdrawal
import com.sweepwallet.core.WithdrawalState
import com.sweepwallet.core.browse
import com.sweepwallet.core.closeDatabase
import com.sweepwallet.core.linkSandboxBank
import com.sweepwallet.core.linkSandboxToss
import com.sweepwallet.core.sandboxOrSkip
import com.sweepwallet.core.topUpSandbox
import com.sweepwallet.core.setSandboxKnobs
import com.sweepwallet.core.walletConfig
import com.sweepwallet.core.writeSampleCapture
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.time.Instant
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * The screens' state holders against the real library and the sandbox
 * provider: what each screen would show, step by step.
 */
class PresentationTest {
    @TempDir
    lateinit var dir: Path

    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

    @AfterEach
    fun stop() = scope.cancel()

    private fun krw(units: Long) = MinorAmount(units, "KRW")

    /** Waits, with a bound, until a state holder's state passes [done]. */
    private suspend fun <T> StateFlow<T>.until(what: String, done: (T) -> Boolean): T =
        try {
            withTimeout(30_000) {
                while (!done(value)) delay(20)
                value
            }
        } catch (e: kotlinx.coroutines.TimeoutCancellationException) {
            throw AssertionError("$what: still $value", e)
        }

    @Test
    fun `dashboard rows say what each balance may become and how fresh it is, in Korean and in English`() = runBlocking<Unit> {
        val cases = listOf(
            Triple("ko-KR", korean, listOf("잔액만 보여 줘요. 연결하면 현금으로 바꿀 수 있어요", "결제한 곳으로 환불만 할 수 있어요", "직접 입력한 잔액이에요")),
            Triple("en-US", english, listOf("Tracked only: link it to cash it out", "Can only be refunded to where it came from", "Entered by you")),
        )
        for ((locale, words, expected) in cases) {
            val wallet = Wallet.open(walletConfig(dir.resolve(locale), locale), InMemoryKeyProvider())
            wallet.addManualSource(ManualSource("Toss", SourceKind.WALLET, krw(12_340), null))
            wallet.addManualSource(ManualSource("Phone bill", SourceKind.CARRIER_BILLING, krw(8_500), null))
            DashboardStateHolder(wallet, scope, words).use { dashboard ->
                dashboard.refresh().join()
                val state = dashboard.state.value
                assertEquals(listOf("Toss", "Phone bill"), state.sources.map { it.name })
                assertEquals(expected.take(2), state.sources.map { it.eligibility }, locale)
                assertEquals(listOf(expected[2], expected[2]), state.sources.map { it.freshness }, locale)
                val shown = if (locale == "ko-KR") "12,340원" else "₩12,340"
                assertEquals(shown, state.sources.first().balance, "amounts as $locale writes them")
                assertEquals(emptyList<String>(), state.cashable, "typed-in money is tracked only, phone-bill money is never cash")
                dashboard.sync().join()
                assertEquals(0, dashboard.state.value.syncTotal, "typed-in balances are not synced")
                assertNull(dashboard.state.value.error)
            }
            closeDatabase(wallet)
            wallet.close()
        }
    }

    @Test
    fun `the dashboard names the currencies the provider does not pay out, once a fee schedule says so`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        val cases = listOf(
            Triple("ko-KR", korean, "지금 제공사는 USD 출금을 지원하지 않아요. 이 돈은 기록만 해요."),
            Triple("en-US", english, "The provider does not pay out USD yet, so this money is tracked only."),
        )
        for ((locale, words, note) in cases) {
            val wallet = Wallet.open(walletConfig(dir.resolve(locale), locale), InMemoryKeyProvider())
            try {
                wallet.addManualSource(ManualSource("Cash jar", SourceKind.WALLET, krw(5_000), null))
                wallet.addManualSource(ManualSource("Travel cash", SourceKind.WALLET, MinorAmount(2_550L, "USD"), null))
                DashboardStateHolder(wallet, scope, words).use { dashboard ->
                    dashboard.refresh().join()
                    assertEquals(emptyList<String>(), dashboard.state.value.notPaidOut, "before a fee schedule Sweep cannot tell")

                    // The sandbox provider prices KRW only.
                    wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1")
                    dashboard.refresh().join()
                    val state = dashboard.state.value
                    assertEquals(listOf(note), state.notPaidOut, "$locale: USD once, in the wallet's language; KRW is paid out")
                    assertNull(state.error)
                    assertAmountsLabelled(state)
                }
                closeDatabase(wallet)
            } finally {
                wallet.close()
            }
        }
    }

    @Test
    fun `link a source in the browser, then sync it with progress`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        topUpSandbox(sandbox!!, "sandbox-toss", 12_340L) // other tests move the shared sandbox's balance
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        val issuer = "$sandbox/oauth/sandbox-toss"
        val oauth = OAuthConfig(issuer, "$issuer/authorize", "$issuer/token", "sweep-demo", "com.sweepwallet.app:/oauth/callback", emptyList())
        val link = LinkSourceStateHolder(wallet, scope, korean)
        link.begin(LinkRequest("Toss wallet", SourceKind.WALLET, SourceEndpoint.SourceApi("$sandbox/sweep/v1"), oauth))
        val open = link.state.value as LinkState.OpenBrowser
        assertTrue(open.url.contains("code_challenge_method=S256"), open.url)
        link.onRedirect(browse(open.url)).join()
        val linked = link.state.value as LinkState.Linked

        DashboardStateHolder(wallet, scope, korean, now = { Instant.now().plusSeconds(5) }).use { dashboard ->
            dashboard.refresh().join()
            assertEquals(emptyList<SourceRow>(), dashboard.state.value.sources, "a linked source shows once it has a balance")
            dashboard.sync().join()
            val state = dashboard.state.value
            assertEquals(1 to 1, state.synced to state.syncTotal, "the progress counted the one source")
            val row = state.sources.single()
            assertEquals(linked.sourceId, row.sourceId)
            assertEquals("12,340원" to "동기화: 방금", row.balance to row.freshness)
            assertAmountsLabelled(state)
        }
        // A replayed redirect is refused, and the screen says so.
        link.onRedirect("com.sweepwallet.app:/oauth/callback?code=x&state=replayed").join()
        assertTrue(link.state.value is LinkState.Failed)
        closeDatabase(wallet)
        wallet.close()
    }

    /** What the cash-out screens say in one language, written out by hand. */
    private class Said(
        val locale: String,
        val words: Words,
        val cashable: Pair<String, String>,
        val planStart: String,
        val limitToday: (String) -> Boolean,
        val instantExtra: String,
        val guideWord: String,
        val prompt: (String) -> String,
        val arrived: (String) -> String,
        val receiptEnd: (String) -> String,
    )

    private val inKorean = Said(
        "ko-KR", korean, "40,000원" to "사만 원", "Toss에서 40,000원 전부를 옮겨요",
        { it.startsWith("오늘 남은 한도 ") && it.endsWith("원") }, "수수료 900원 추가", "불법",
        { net -> "Shinhan •••• 6789 계좌로 $net 보낼까요?" }, { net -> "입금 완료: $net" }, { fee -> "수수료 $fee (견적 그대로)" },
    )

    private val inEnglish = Said(
        "en-US", english, "₩40,000" to "forty thousand won", "Sweep all ₩40,000 from Toss",
        { it.startsWith("₩") && it.endsWith(" left today") }, "₩900 more in fees", "illegal",
        { net -> "Send $net to Shinhan •••• 6789?" }, { net -> "$net arrived" }, { fee -> "fee $fee, exactly as quoted" },
    )

    @Test
    fun `cash out shows the fee before the biometric prompt, then the timeline to the receipt, in Korean`() = cashOutFlow(inKorean)

    @Test
    fun `cash out shows the fee before the biometric prompt, then the timeline to the receipt, in English`() = cashOutFlow(inEnglish)

    private fun cashOutFlow(said: Said) = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, "{}")
        val wallet = Wallet.open(walletConfig(dir, said.locale), InMemoryKeyProvider())
        linkSandboxToss(wallet, sandbox, 40_000L)
        wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1")
        wallet.addPayee(PayeeRequest(PayeeDestination.KrBankAccount("088", "110-123-456789"), "Kim Minji"))
        val auth = P256Authenticator()
        wallet.registerAuthenticator(auth)

        DashboardStateHolder(wallet, scope, said.words).use { dashboard ->
            dashboard.refresh().join()
            val home = dashboard.state.value
            assertEquals(listOf(said.cashable.first) to listOf(said.cashable.second), home.cashable to home.cashableLabels)
            assertAmountsLabelled(home)
        }
        val cashOut = CashOutStateHolder(wallet, scope, said.words)
        cashOut.load().join()
        val suggestion = cashOut.state.value.suggestion!!
        assertTrue(suggestion.legs.single().explanation.startsWith(said.planStart), suggestion.legs.toString())
        // Where the amount is chosen: the limits left, and what instant would add.
        val entering = cashOut.state.value
        assertTrue(entering.limits.any(said.limitToday), "${entering.limits}")
        assertEquals(said.instantExtra, entering.instantExtra, "1% more and 500원 on 40,000원")
        cashOut.setInstant(true)
        cashOut.requestQuote().join()
        assertEquals(Speed.INSTANT, cashOut.state.value.quote!!.breakdown.speed)
        cashOut.edit()
        cashOut.setInstant(false)
        cashOut.setAmount("abc")
        cashOut.requestQuote().join()
        assertEquals(CashOutStep.REVIEW, cashOut.state.value.step, "no digits means everything")
        val quote = cashOut.state.value.quote!!
        // A first cash-out to a payee added minutes ago: the shield warns, and says why.
        val risk = cashOut.state.value.risk!!
        assertEquals(listOf("new_payee", "first_cash_out"), risk.reasons.map { it.ruleId })
        val guide = cashOut.state.value.safetyGuide
        assertTrue(guide.any { said.guideWord in it } && guide.any { "1332" in it }, "the safety guide before the first cash-out: $guide")
        assertAmountsLabelled(cashOut.state.value)
        assertTrue(auth.prompts.isEmpty(), "the fee is shown before anything is signed")
        cashOut.confirm(auth).join()
        val state = cashOut.state.value
        assertNull(state.error)
        assertEquals(CashOutStep.SUBMITTED, state.step)
        assertEquals(listOf(said.prompt(quote.breakdown.totalNet.formatted)), auth.prompts)

        val withdrawal = state.withdrawal!!
        TimelineStateHolder(wallet, scope, withdrawal.withdrawalId, said.words).use { timeline ->
            timeline.start().join()
            timeline.state.until("the timeline starts where the withdrawal is") { it.entries.isNotEmpty() }
            // Pull to refresh, twice: the sandbox provider moves it along as it is asked.
            timeline.refresh().join()
            timeline.refresh().join()
            val done = timeline.state.until("completed, with its receipt") { it.receipt != null }
            assertEquals(listOf(WithdrawalState.PROCESSING, WithdrawalState.SENT, WithdrawalState.COMPLETED), done.entries.map { it.state })
            assertEquals(said.arrived(quote.breakdown.totalNet.formatted), done.entries.last().step)
            assertAmountsLabelled(done)
            assertTrue(done.receipt!!.endsWith(said.receiptEnd(quote.breakdown.totalFee.formatted)), done.receipt)
        }
        closeDatabase(wallet)
        wallet.close()
    }

    @Test
    fun `a bank leg asks the user to approve it at the bank before it is submitted`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, "{}")
        val wallet = Wallet.open(walletConfig(dir.resolve("bank")), InMemoryKeyProvider())
        linkSandboxToss(wallet, sandbox, 12_340L)
        linkSandboxBank(wallet, sandbox, 9_500L)
        wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1")
        wallet.addPayee(PayeeRequest(PayeeDestination.KrBankAccount("088", "110-123-456789"), "Kim Minji"))
        val auth = P256Authenticator()
        wallet.registerAuthenticator(auth)
        assertEquals("현금으로 바꿀 수 있어요. 은행에서 승인해 주세요", korean.collection(wallet.dashboard().sources.last().collection))

        val cashOut = CashOutStateHolder(wallet, scope, korean)
        cashOut.load().join()
        cashOut.requestQuote().join()
        cashOut.confirm(auth).join()
        val approving = cashOut.state.value
        assertNull(approving.error)
        assertEquals(CashOutStep.APPROVE_AT_BANK, approving.step)
        val url = approving.bankApprovalUrl!!
        assertTrue(url.contains("openbanking_intent_id="), url)
        cashOut.onBankRedirect(browse(url, "com.sweepwallet.test:/oauth/callback")).join()
        val done = cashOut.state.value
        assertNull(done.error)
        assertEquals(CashOutStep.SUBMITTED, done.step)
        assertNull(done.bankApprovalUrl)
        assertEquals(listOf(LegState.COLLECTED, LegState.COLLECTED), done.withdrawal!!.legs.map { it.state })
        closeDatabase(wallet)
        wallet.close()
    }

    @Test
    fun `a restart carries on a withdrawal the provider never took`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, "{}")
        val config = walletConfig(dir.resolve("restart"))
        val keys = InMemoryKeyProvider()
        var wallet = Wallet.open(config, keys)
        assertTrue(carryOn(wallet, korean).nothing, "a new wallet has nothing to carry on")
        linkSandboxToss(wallet, sandbox, 40_000L)
        wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1")
        val payee = wallet.addPayee(PayeeRequest(PayeeDestination.KrBankAccount("088", "110-123-456789"), "Kim Minji")).payeeId
        val auth = P256Authenticator()
        wallet.registerAuthenticator(auth)
        val quote = wallet.quote(QuoteRequest("KRW", QuoteGoal.Everything, Speed.STANDARD, DestinationKind.BANK_ACCOUNT, null))
        try {
            setSandboxKnobs(sandbox, """{"provider_down": true}""")
            assertThrows(SweepException::class.java) { runBlocking { wallet.withdraw(quote, payee, auth, null) } }
            setSandboxKnobs(sandbox, "{}")
            closeDatabase(wallet)
            wallet.close()

            wallet = Wallet.open(config, keys)
            val carried = carryOn(wallet, korean)
            assertNull(carried.problem)
            assertEquals(1, carried.withdrawals.size, "the stored withdrawal is sent at start")
            assertEquals(WithdrawalState.PROCESSING, carried.withdrawals.single().state)
            assertNotNull(carried.withdrawals.single().providerWithdrawalId)
        } finally {
            setSandboxKnobs(sandbox, "{}")
            closeDatabase(wallet)
            wallet.close()
        }
    }

    @Test
    fun `ID capture checks the photo, shows upload progress and the outcome`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, "{}")
        val wallet = Wallet.open(walletConfig(dir.resolve("w")), InMemoryKeyProvider())
        linkSandboxToss(wallet, sandbox, 1_000L)
        wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1")
        val capture = IdCaptureStateHolder(wallet, scope, korean, DocumentType.NATIONAL_ID)
        capture.start().join()
        assertNotNull(capture.state.value.session)

        val junk = dir.resolve("not-a-photo.jpg").also { Files.write(it, ByteArray(64) { 7 }) }
        capture.submit(junk.toString()).join()
        assertEquals(CapturePhase.FAILED, capture.state.value.phase)
        assertNotNull(capture.state.value.error)

        val photo = dir.resolve("id.jpg").toString()
        writeSampleCapture(photo, true)
        capture.submit(photo).join()
        val uploaded = capture.state.value
        assertEquals(CapturePhase.PROCESSING, uploaded.phase, uploaded.error ?: "")
        assertEquals(1f, uploaded.progress, "the progress bar reached the end")
        capture.refreshStatus().join()
        capture.refreshStatus().join()
        assertEquals(CapturePhase.VERIFIED, capture.state.value.phase)
        closeDatabase(wallet)
        wallet.close()
    }

    @Test
    fun `a change the first read already overtook is not drawn`() = runBlocking<Unit> {
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        val timeline = TimelineStateHolder(wallet, scope, withdrawalId = 7uL, words = korean)
        fun withdrawal(state: WithdrawalState) = Withdrawal(
            withdrawalId = 7uL,
            state = state,
            net = FormattedAmount(krw(48_000), "48,000원"),
            payeeId = 1uL,
            quoteId = "q-7",
            reason = null,
            eta = null,
            createdAt = java.time.Instant.parse("2026-12-04T09:00:00Z"),
            providerWithdrawalId = "p-7",
            legs = emptyList(),
        )
        timeline.apply(withdrawal(WithdrawalState.SENT))
        // Told by the tracker before the read, delivered after it.
        timeline.apply(withdrawal(WithdrawalState.PROCESSING))
        timeline.apply(withdrawal(WithdrawalState.SENT))
        assertEquals(listOf(WithdrawalState.SENT), timeline.state.value.entries.map { it.state })
        assertEquals(WithdrawalState.SENT, timeline.state.value.withdrawal?.state)
        timeline.apply(withdrawal(WithdrawalState.RETURNED))
        assertEquals(listOf(WithdrawalState.SENT, WithdrawalState.RETURNED), timeline.state.value.entries.map { it.state })
        timeline.close()
        closeDatabase(wallet)
        wallet.close()
    }

    @Test
    fun `freshness reads like a person would say it`() {
        val now = Instant.parse("2026-11-25T12:00:00Z")
        assertEquals("just now", english.ago(now.minusSeconds(30), now))
        assertEquals("1 minute ago", english.ago(now.minus(Duration.ofSeconds(119)), now))
        assertEquals("5 minutes ago", english.ago(now.minus(Duration.ofMinutes(5)), now))
        assertEquals("3 hours ago", english.ago(now.minus(Duration.ofHours(3)), now))
        assertEquals("1 day ago", english.ago(now.minus(Duration.ofHours(47)), now))
        assertEquals("2 days ago", english.ago(now.minus(Duration.ofDays(2)), now))
        assertEquals("just now", english.ago(now.plusSeconds(60), now), "a clock a little behind the server's")
        assertEquals("방금", korean.ago(now.minusSeconds(30), now))
        assertEquals("1분 전", korean.ago(now.minus(Duration.ofSeconds(119)), now))
        assertEquals("3시간 전", korean.ago(now.minus(Duration.ofHours(3)), now))
        assertEquals("2일 전", korean.ago(now.minus(Duration.ofDays(2)), now))
    }
}
