package com.sweepwallet.app.presentation

import com.sweepwallet.core.DestinationKind
import com.sweepwallet.core.InMemoryKeyProvider
import com.sweepwallet.core.LinkOutcome
import com.sweepwallet.core.LinkRequest
import com.sweepwallet.core.ManualSource
import com.sweepwallet.core.MinorAmount
import com.sweepwallet.core.OAuthConfig
import com.sweepwallet.core.P256Authenticator
import com.sweepwallet.core.PayeeDestination
import com.sweepwallet.core.PayeeRequest
import com.sweepwallet.core.QuoteGoal
import com.sweepwallet.core.QuoteRequest
import com.sweepwallet.core.SourceEndpoint
import com.sweepwallet.core.SourceKind
import com.sweepwallet.core.Speed
import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.browse
import com.sweepwallet.core.closeDatabase
import com.sweepwallet.core.linkSandboxToss
import com.sweepwallet.core.sandboxOrSkip
import com.sweepwallet.core.setSandboxKnobs
import com.sweepwallet.core.topUpSandbox
import com.sweepwallet.core.walletConfig
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/**
 * Managing sources on the dashboard: a typed-in balance edited (in its own
 * currency only), a source removed after the user says yes, with the core's
 * sentence on what became of its access, and a link that takes over a
 * typed-in balance telling the user so.
 */
class SourceManagementTest : ScopedTest() {
    private fun krw(units: Long) = MinorAmount(units, "KRW")

    /** Opens a wallet in [locale], runs [body] on it, and closes it. */
    private fun withWallet(locale: String = "ko-KR", body: suspend (Wallet) -> Unit) = runBlocking<Unit> {
        val wallet = Wallet.open(walletConfig(dir.resolve(locale), locale), InMemoryKeyProvider())
        try {
            body(wallet)
            closeDatabase(wallet)
        } finally {
            wallet.close()
        }
    }

    @Test
    fun `a typed-in balance is edited in its own currency, in Korean and in English`() {
        val cases = listOf(
            Triple("ko-KR", korean, listOf("5,000원", "'Coin jar' 항목을 저장했어요: 7,500원", "7,500원")),
            Triple("en-US", english, listOf("₩5,000", "Saved 'Coin jar': ₩7,500", "₩7,500")),
        )
        for ((locale, words, said) in cases) withWallet(locale) { wallet ->
            val jar = wallet.addManualSource(ManualSource("Cash jar", SourceKind.WALLET, krw(5_000L), null))
            DashboardStateHolder(wallet, scope, words).use { dashboard ->
                dashboard.refresh().join()
                dashboard.startEdit(jar)
                val form = dashboard.state.value.editing!!
                assertEquals(listOf("Cash jar", said[0], "KRW"), listOf(form.name, form.amountText, form.currencyCode), locale)
                assertEquals(SourceKind.WALLET, form.kind)

                dashboard.updateEdit(form.copy(name = "Coin jar", amountText = "7,500"))
                dashboard.saveEdit().join()
                val saved = dashboard.state.value
                assertNull(saved.editing, "the form closes once saved")
                assertEquals(said[1], saved.changed, locale)
                assertEquals(listOf("Coin jar" to said[2]), saved.sources.map { it.name to it.balance }, "the dashboard read it again")
                assertEquals(jar, saved.sources.single().sourceId, "the same source, edited in place")
                assertAmountsLabelled(saved)
            }
        }
    }

    @Test
    fun `another currency or an unreadable amount keeps the form open with its problem`() = withWallet { wallet ->
        val jar = wallet.addManualSource(ManualSource("Cash jar", SourceKind.WALLET, krw(5_000L), null))
        DashboardStateHolder(wallet, scope, korean).use { dashboard ->
            dashboard.refresh().join()
            dashboard.startEdit(jar)
            val form = dashboard.state.value.editing!!

            dashboard.updateEdit(form.copy(amountText = "$5.00", currencyCode = "USD"))
            dashboard.saveEdit().join()
            val otherCurrency = dashboard.state.value.editing!!
            assertEquals(
                "이 잔액은 KRW 통화로만 고칠 수 있어요. 다른 통화의 잔액은 이 항목을 지우고 새로 추가해 주세요.",
                otherCurrency.problem,
            )
            assertTrue(!otherCurrency.saving, "the button is back")

            dashboard.updateEdit(otherCurrency.copy(amountText = "abc", currencyCode = "KRW"))
            assertNull(dashboard.state.value.editing!!.problem, "typing again clears the problem")
            dashboard.saveEdit().join()
            assertNotNull(dashboard.state.value.editing!!.problem, "the core's sentence on an unreadable amount")

            dashboard.cancelEdit()
            assertNull(dashboard.state.value.editing)
            assertEquals(listOf("5,000원"), dashboard.state.value.sources.map { it.balance }, "nothing was written")
            assertEquals(1uL, wallet.verifyLedger().entries)
        }
    }

    @Test
    fun `removing asks first, then says what was done, and the history stays`() = withWallet { wallet ->
        val jar = wallet.addManualSource(ManualSource("Cash jar", SourceKind.WALLET, krw(5_000L), null))
        DashboardStateHolder(wallet, scope, korean).use { dashboard ->
            dashboard.refresh().join()
            dashboard.askToRemove(jar)
            val asked = dashboard.state.value.removing!!
            assertEquals("출처 'Cash jar' 항목을 지울까요?", asked.question)
            assertEquals("지난 기록은 남아 있어요. 연결된 출처라면 발급처에 Sweep의 접근 권한 취소도 요청해요.", asked.explanation)
            dashboard.cancelRemove()
            assertNull(dashboard.state.value.removing)
            dashboard.confirmRemove().join()
            assertEquals(1, dashboard.state.value.sources.size, "nothing is removed without a yes")

            dashboard.askToRemove(jar)
            dashboard.confirmRemove().join()
            val state = dashboard.state.value
            assertEquals("출처 'Cash jar' 항목을 지웠어요. 지난 기록은 남아 있어요.", state.changed, "the core's sentence")
            assertEquals(emptyList<SourceRow>(), state.sources)
            assertNull(state.error)
            assertEquals(1uL, wallet.verifyLedger().entries, "its history stays, and it verifies")

            // Asked about a source no longer there: said, not thrown.
            dashboard.askToRemove(jar)
            assertNull(dashboard.state.value.removing)
            assertNotNull(dashboard.state.value.error)
        }
    }

    @Test
    fun `a linked source is not edited, and removing it revokes its access at the issuer`() = withWallet { wallet ->
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, "{}")
        val toss = linkSandboxToss(wallet, sandbox, 12_340L)
        DashboardStateHolder(wallet, scope, korean).use { dashboard ->
            dashboard.refresh().join()
            assertEquals(listOf("12,340원"), dashboard.state.value.cashable)
            dashboard.startEdit(toss)
            assertNull(dashboard.state.value.editing)
            assertEquals("직접 입력한 잔액만 고칠 수 있어요. 연결된 출처의 잔액은 출처에서 읽어 와요.", dashboard.state.value.error)

            dashboard.askToRemove(toss)
            dashboard.confirmRemove().join()
            val state = dashboard.state.value
            assertEquals("출처 'Toss' 항목을 지우고 발급처에서 접근 권한도 취소했어요. 지난 기록은 남아 있어요.", state.changed)
            assertEquals(emptyList<SourceRow>() to emptyList<String>(), state.sources to state.cashable)
            assertNull(state.error)
            assertAmountsLabelled(state)
        }
        wallet.verifyLedger()
    }

    @Test
    fun `a source a cash-out still collects from is kept, and the user is told why`() = withWallet { wallet ->
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, "{}")
        val toss = linkSandboxToss(wallet, sandbox, 40_000L)
        wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1")
        val payee = wallet.addPayee(PayeeRequest(PayeeDestination.KrBankAccount("088", "110-123-456789"), "Kim Minji")).payeeId
        val auth = P256Authenticator()
        wallet.registerAuthenticator(auth)
        val quote = wallet.quote(QuoteRequest("KRW", QuoteGoal.Everything, Speed.STANDARD, DestinationKind.BANK_ACCOUNT, null))
        try {
            // The provider is down: the withdrawal is stored, its hold on Toss kept for the next start.
            setSandboxKnobs(sandbox, """{"provider_down": true}""")
            assertThrows(SweepException::class.java) { runBlocking { wallet.withdraw(quote, payee, auth, null) } }
        } finally {
            setSandboxKnobs(sandbox, "{}")
        }
        DashboardStateHolder(wallet, scope, korean).use { dashboard ->
            dashboard.refresh().join()
            dashboard.askToRemove(toss)
            dashboard.confirmRemove().join()
            val state = dashboard.state.value
            assertEquals("이 출처에서 아직 돈을 모으고 있는 출금이 있어요. 출금이 끝난 뒤에 지워 주세요.", state.error)
            assertNull(state.changed)
            assertEquals(listOf(toss), state.sources.map { it.sourceId }, "the source and its tokens stay")
        }
    }

    @Test
    fun `linking the platform of a typed-in balance says it was taken over`() = withWallet { wallet ->
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, "{}")
        topUpSandbox(sandbox, "sandbox-toss", 12_340L)
        val typed = wallet.addManualSource(ManualSource("토스 지갑", SourceKind.WALLET, krw(12_000L), null))
        val issuer = "$sandbox/oauth/sandbox-toss"
        val oauth = OAuthConfig(issuer, "$issuer/authorize", "$issuer/token", "sweep-demo", "com.sweepwallet.app:/oauth/callback", emptyList())
        val link = LinkSourceStateHolder(wallet, scope, korean)
        link.begin(LinkRequest("Toss wallet", SourceKind.WALLET, SourceEndpoint.SourceApi("$sandbox/sweep/v1"), oauth, replacesSourceId = typed))
        link.onRedirect(browse((link.state.value as LinkState.OpenBrowser).url)).join()
        val linked = link.state.value as LinkState.Linked
        assertEquals(typed to LinkOutcome.AdoptedTypedIn, linked.sourceId to linked.outcome)
        assertEquals("직접 입력해 둔 출처 '토스 지갑' 항목을 이 연결로 바꿨어요. 기록은 그대로 두고 금액은 한 번만 세요.", linked.note)

        wallet.sync()
        DashboardStateHolder(wallet, scope, korean).use { dashboard ->
            dashboard.refresh().join()
            val row = dashboard.state.value.sources.single()
            assertEquals(Triple(typed, "Toss wallet", "12,340원"), Triple(row.sourceId, row.name, row.balance), "one source, read from the platform")
            assertTrue(row.connected)
        }
    }
}
