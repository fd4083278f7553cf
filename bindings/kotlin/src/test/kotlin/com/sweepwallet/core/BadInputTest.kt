package com.sweepwallet.core

import java.nio.file.Path
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir

/** Bad money and bad fields from Kotlin get typed errors, and write nothing. */
class BadInputTest {
    @TempDir
    lateinit var dir: Path

    private lateinit var wallet: Wallet

    private val good = ManualSource(
        name = "Toss wallet",
        kind = SourceKind.WALLET,
        balance = MinorAmount(12340L, "KRW"),
        accountRef = "010-1234-5678",
    )

    @BeforeEach
    fun open() = runBlocking<Unit> {
        wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        wallet.addManualSource(good)
        assertUnchanged()
    }

    @AfterEach
    fun close() {
        closeDatabase(wallet)
        wallet.destroy()
    }

    /** Still exactly the one good source, with one ledger entry behind it. */
    private suspend fun assertUnchanged() {
        val dash = wallet.dashboard()
        assertEquals(listOf("Toss wallet"), dash.sources.map { it.name })
        assertEquals(listOf(MinorAmount(12340L, "KRW")), dash.sources.map { it.balance.amount })
        assertEquals(emptyList<FormattedAmount>(), dash.cashableTotals, "typed in: tracked only")
        assertEquals(1UL, wallet.verifyLedger().entries)
    }

    @Test
    fun `a lower-case currency code is UnknownCurrency, not a guess`() = runBlocking<Unit> {
        val e = assertThrowsSuspending<SweepException.UnknownCurrency> {
            wallet.addManualSource(good.copy(balance = MinorAmount(100L, "krw")))
        }
        assertEquals("krw", e.code)
        assertUnchanged()
    }

    @Test
    fun `a code that is not ISO 4217 is UnknownCurrency`() = runBlocking<Unit> {
        for (code in listOf("", "WON", "KRWX", " KRW")) {
            val e = assertThrowsSuspending<SweepException.UnknownCurrency>("for '$code'") {
                wallet.addManualSource(good.copy(balance = MinorAmount(100L, code)))
            }
            assertEquals(code, e.code)
        }
        assertUnchanged()
    }

    @Test
    fun `a negative balance is NegativeAmount`() = runBlocking<Unit> {
        for (minor in listOf(-1L, -12340L, Long.MIN_VALUE)) {
            val e = assertThrowsSuspending<SweepException.NegativeAmount>("for $minor") {
                wallet.addManualSource(good.copy(balance = MinorAmount(minor, "KRW")))
            }
            assertEquals("balance", e.field)
        }
        assertUnchanged()
    }

    @Test
    fun `an empty or blank name is InvalidInput on name`() = runBlocking<Unit> {
        for (name in listOf("", "   ", "\t")) {
            val e = assertThrowsSuspending<SweepException.InvalidInput>("for name '$name'") {
                wallet.addManualSource(good.copy(name = name))
            }
            assertEquals("name", e.field)
        }
        assertUnchanged()
    }

    @Test
    fun `an over-long account reference is InvalidInput on account_ref`() = runBlocking<Unit> {
        val e = assertThrowsSuspending<SweepException.InvalidInput> {
            wallet.addManualSource(good.copy(accountRef = "1".repeat(65)))
        }
        assertEquals("account_ref", e.field)
        assertUnchanged()
        // The next good source still goes in: a refused one leaves no half-written state behind.
        wallet.addManualSource(good.copy(name = "Kakao Pay"))
        assertEquals(2, wallet.dashboard().sources.size)
    }

    @Test
    fun `times and payout times read as each locale says them`() {
        // 2026-12-04T15:30Z is already the 5th in Korea.
        assertEquals("2026년 12월 5일 00:30", formatTime(1_796_398_200_000L, "ko-KR"))
        assertEquals("Dec 4, 2026, 15:30 UTC", formatTime(1_796_398_200_000L, "en-US"))
        assertEquals("약 24시간", formatEta(86_400UL, "ko-KR"))
        assertEquals("about 24 hours", formatEta(86_400UL, "en-US"))
        assertThrows<SweepException.InvalidInput> { formatTime(-1L, "ko-KR") }
    }

    @Test
    fun `formatMoney formats and refuses bad codes`() {
        assertEquals("$1.50", formatMoney(MinorAmount(150L, "USD"), "en-US"))
        assertEquals("5,000원", formatMoney(MinorAmount(5000L, "KRW"), "ko-KR"))
        assertEquals("₩5,000", formatMoney(MinorAmount(5000L, "KRW"), "en-US"))
        assertEquals("1.234,50\u00A0€", formatMoney(MinorAmount(123450L, "EUR"), "de-DE"))
        // An unknown locale falls back rather than failing the app.
        assertEquals("$1.50", formatMoney(MinorAmount(150L, "USD"), "th-TH"))

        val e = assertThrows<SweepException.UnknownCurrency> { formatMoney(MinorAmount(150L, "usd"), "en-US") }
        assertEquals("usd", e.code)
        assertThrows<SweepException.UnknownCurrency> { formatMoney(MinorAmount(150L, "XYZ"), "en-US") }
    }

    @Test
    fun `currencyMinorUnits is ISO 4217's, for reading amounts aloud`() {
        assertEquals(0.toUByte(), currencyMinorUnits("KRW"))
        assertEquals(2.toUByte(), currencyMinorUnits("USD"))
        assertEquals(3.toUByte(), currencyMinorUnits("IQD"), "CLDR, which phones use, says none")
        assertThrows<SweepException.UnknownCurrency> { currencyMinorUnits("usd") }
    }

    @Test
    fun `parseMoney round-trips and refuses sub-minor input`() {
        assertEquals(MinorAmount(150L, "USD"), parseMoney("$1.50", "USD", "en-US"))
        assertEquals(MinorAmount(5000L, "KRW"), parseMoney(formatMoney(MinorAmount(5000L, "KRW"), "ko-KR"), "KRW", "ko-KR"))
        assertThrows<SweepException.SubMinorPrecision> { parseMoney("$1.505", "USD", "en-US") }
        assertThrows<SweepException.UnparsableAmount> { parseMoney("$1.5x", "USD", "en-US") }
        assertEquals("krw", assertThrows<SweepException.UnknownCurrency> { parseMoney("5,000", "krw", "ko-KR") }.code)
    }
}
