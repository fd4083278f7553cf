package com.sweepwallet.app.presentation

import com.ibm.icu.text.RuleBasedNumberFormat
import com.ibm.icu.util.ULocale
import com.sweepwallet.core.InMemoryKeyProvider
import com.sweepwallet.core.ManualSource
import com.sweepwallet.core.MinorAmount
import com.sweepwallet.core.SourceKind
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.closeDatabase
import com.sweepwallet.core.walletConfig
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** Amounts as screen readers say them, in both languages (issue #16, item 4). */
class SpeechTest : ScopedTest() {
    private fun icu(language: String) = Spellout { RuleBasedNumberFormat(ULocale(language), RuleBasedNumberFormat.SPELLOUT).format(it) }

    private val korean = Speech(korean = true, spell = icu("ko"))
    private val english = Speech(korean = false, spell = icu("en"))

    @Test
    fun `won are read as words in Korean and in English`() {
        val won = MinorAmount(12_340L, "KRW")
        assertEquals("만 이천삼백사십 원", korean.amount(won))
        assertEquals("twelve thousand three hundred forty won", english.amount(won))
        assertEquals("십오만 원", korean.amount(MinorAmount(150_000L, "KRW")))
        assertEquals("마이너스 오백 원", korean.amount(MinorAmount(-500L, "KRW")))
    }

    @Test
    fun `currencies with cents read both parts, with singular units where English has them`() {
        assertEquals("one dollar and fifty cents", english.amount(MinorAmount(150L, "USD")))
        assertEquals("일 달러 오십 센트", korean.amount(MinorAmount(150L, "USD")))
        assertEquals("fifty-one pounds and ninety-five pence", english.amount(MinorAmount(5_195L, "GBP")))
        assertEquals("zero pounds and one penny", english.amount(MinorAmount(1L, "GBP")))
        assertEquals("two euros", english.amount(MinorAmount(200L, "EUR")))
    }

    @Test
    fun `the dashboard gives each balance a spoken label`() = runBlocking<Unit> {
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            wallet.addManualSource(ManualSource("Toss", SourceKind.WALLET, MinorAmount(12_340L, "KRW"), null))
            for ((speech, expected) in listOf(korean to "만 이천삼백사십 원", english to "twelve thousand three hundred forty won")) {
                DashboardStateHolder(wallet, scope, speech = speech).use { dashboard ->
                    dashboard.refresh().join()
                    val row = dashboard.state.value.sources.single()
                    assertEquals(expected, row.balanceLabel)
                    assertEquals("12,340원", row.balance, "what is shown stays as it was")
                }
            }
            DashboardStateHolder(wallet, scope).use { plain ->
                plain.refresh().join()
                assertEquals("12,340원", plain.state.value.sources.single().balanceLabel, "without spell-out rules: as shown")
            }
        } finally {
            closeDatabase(wallet)
            wallet.close()
        }
    }
}
