package com.sweepwallet.app.presentation

import com.sweepwallet.core.InMemoryKeyProvider
import com.sweepwallet.core.ManualSource
import com.sweepwallet.core.MinorAmount
import com.sweepwallet.core.SourceKind
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.closeDatabase
import com.sweepwallet.core.walletConfig
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test
import org.opentest4j.AssertionFailedError

/** Every amount a state holder shows has a spoken label (the sandbox flows check it too: HistoryTest, PresentationTest). */
class LabelRulesTest : ScopedTest() {
    private data class Unlabelled(val total: String, val totalLabel: String? = null)

    private data class Digits(val total: String, val totalLabel: String)

    private data class Lines(val lines: List<String>)

    @Test
    fun `the rule catches an amount without words`() {
        assertThrows(AssertionFailedError::class.java) { assertAmountsLabelled(Unlabelled("12,340원")) }
        assertThrows(AssertionFailedError::class.java) { assertAmountsLabelled(Digits("₩12,340", "12340 won")) }
        assertThrows(AssertionFailedError::class.java) { assertAmountsLabelled(Lines(listOf("$1.50"))) }
        assertThrows(AssertionFailedError::class.java) { assertAmountsLabelled(Unlabelled("US$1.50")) }
        assertThrows(AssertionFailedError::class.java) { assertAmountsLabelled(Unlabelled("1.234,50\u00A0€")) }
        // Inside a sentence too: without a label, or with the amount still in figures.
        assertThrows(AssertionFailedError::class.java) { assertAmountsLabelled(Unlabelled("오늘 남은 한도 150,000원")) }
        assertThrows(AssertionFailedError::class.java) { assertAmountsLabelled(Digits("₩900 more in fees", "₩900 more in fees")) }
        assertAmountsLabelled(Digits("₩900 more in fees", "nine hundred won more in fees"))
        assertAmountsLabelled(Digits("결제 3건을 환불했어요: 3,000원", "결제 3건을 환불했어요: 삼천 원"))
        assertThrows(AssertionFailedError::class.java) { assertAmountsLabelled(Unlabelled("CHF\u00A05.00")) }
        assertThrows(AssertionFailedError::class.java) { assertAmountsLabelled(Unlabelled("Up to 50,000 ₫ per cash-out")) }
        // Not amounts: dates and times, counts, phone numbers.
        for (plain in listOf("Dec 4, 2026, 15:30 UTC", "2026년 12월 5일 00:30", "결제 3건", "+821012345678", "fss.or.kr, 1332", "40000")) {
            assertAmountsLabelled(Unlabelled(plain))
        }
        assertAmountsLabelled(Digits("₩12,340", "twelve thousand three hundred forty won"))
    }

    @Test
    fun `dashboard rows label their balances in both languages`() = runBlocking<Unit> {
        for ((locale, words) in listOf("ko-KR" to korean, "en-US" to english)) {
            val wallet = Wallet.open(walletConfig(dir.resolve(locale), locale), InMemoryKeyProvider())
            try {
                wallet.addManualSource(ManualSource("Toss", SourceKind.WALLET, MinorAmount(12_340L, "KRW"), null))
                DashboardStateHolder(wallet, scope, words).use { dashboard ->
                    dashboard.refresh().join()
                    assertAmountsLabelled(dashboard.state.value)
                }
            } finally {
                closeDatabase(wallet)
                wallet.close()
            }
        }
    }
}
