package com.sweepwallet.app.presentation

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
    private val koreanSpeech = icuSpeech(java.util.Locale.KOREA)
    private val englishSpeech = icuSpeech(java.util.Locale.US)

    @Test
    fun `won are read as words in Korean and in English`() {
        val won = MinorAmount(12_340L, "KRW")
        assertEquals("만 이천삼백사십 원", koreanSpeech.amount(won))
        assertEquals("twelve thousand three hundred forty won", englishSpeech.amount(won))
        assertEquals("십오만 원", koreanSpeech.amount(MinorAmount(150_000L, "KRW")))
        assertEquals("마이너스 오백 원", koreanSpeech.amount(MinorAmount(-500L, "KRW")))
    }

    @Test
    fun `currencies with cents read both parts, with singular units where English has them`() {
        assertEquals("one dollar and fifty cents", englishSpeech.amount(MinorAmount(150L, "USD")))
        assertEquals("일 달러 오십 센트", koreanSpeech.amount(MinorAmount(150L, "USD")))
        assertEquals("fifty-one pounds and ninety-five pence", englishSpeech.amount(MinorAmount(5_195L, "GBP")))
        assertEquals("one penny", englishSpeech.amount(MinorAmount(1L, "GBP")), "no zero pounds")
        assertEquals("오 센트", koreanSpeech.amount(MinorAmount(5L, "USD")))
        assertEquals("영 원", koreanSpeech.amount(MinorAmount(0L, "KRW")), "zero as Koreans say an amount")
        assertEquals("zero won", englishSpeech.amount(MinorAmount(0L, "KRW")))
        assertEquals("two euros", englishSpeech.amount(MinorAmount(200L, "EUR")))
        assertEquals("minus one dollar and one cent", englishSpeech.amount(MinorAmount(-101L, "USD")))
    }

    @Test
    fun `currencies without names here read their decimals digit by digit, never dropped`() {
        assertEquals("one point five zero CAD", englishSpeech.amount(MinorAmount(150L, "CAD")))
        assertEquals("일 점 오 공 CAD", koreanSpeech.amount(MinorAmount(150L, "CAD")))
        assertEquals("one point two three four BHD", englishSpeech.amount(MinorAmount(1_234L, "BHD")), "three decimals")
        assertEquals("fifty thousand VND", englishSpeech.amount(MinorAmount(50_000L, "VND")), "no decimals")
        assertEquals("two CHF", englishSpeech.amount(MinorAmount(200L, "CHF")))
        // ISO 4217's three decimals for the Iraqi dinar (CLDR, which phones use, says none).
        assertEquals("one point five zero zero IQD", englishSpeech.amount(MinorAmount(1_500L, "IQD")))
    }

    @Test
    fun `the dashboard gives each balance a spoken label`() = runBlocking<Unit> {
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            wallet.addManualSource(ManualSource("Toss", SourceKind.WALLET, MinorAmount(12_340L, "KRW"), null))
            for ((speech, expected) in listOf(koreanSpeech to "만 이천삼백사십 원", englishSpeech to "twelve thousand three hundred forty won")) {
                DashboardStateHolder(wallet, scope, Words("ko-KR", XmlCatalog(java.util.Locale.KOREA), speech)).use { dashboard ->
                    dashboard.refresh().join()
                    val row = dashboard.state.value.sources.single()
                    assertEquals(expected, row.balanceLabel)
                    assertEquals("12,340원", row.balance, "what is shown stays as it was")
                }
            }
            DashboardStateHolder(wallet, scope, Words("ko-KR", XmlCatalog(java.util.Locale.KOREA))).use { plain ->
                plain.refresh().join()
                assertEquals("12,340원", plain.state.value.sources.single().balanceLabel, "without spell-out rules: as shown")
            }
        } finally {
            closeDatabase(wallet)
            wallet.close()
        }
    }
}
