package com.sweepwallet.core

import java.nio.file.Path
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * An app that shows `e.message` shows the core's sentence, for every error,
 * fieldless ones included, and the typed fields stay (issue #15, item 1).
 * The sentences are written out here, not read from the core. They
 * speak the language of the wallet opened last, or of `setTextLocale`
 * (issue #16): each test says which it expects.
 */
class ErrorMessageTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun `errors without fields read as a sentence`() {
        setTextLocale("en-US")
        assertEquals("wrong key: the key provider's key does not open this wallet", SweepException.WrongKey().message)
        assertEquals("the wallet is closed", SweepException.WalletClosed().message)
        assertEquals(
            "no fee schedule is cached yet; refresh it from the provider first",
            SweepException.NoFeeSchedule().message,
        )
    }

    @Test
    fun `in Korean, an error reads as its Korean sentence`() {
        setTextLocale("ko-KR")
        try {
            assertEquals("지갑이 닫혀 있어요.", SweepException.WalletClosed().message)
            val e = SweepException.LimitExceeded(limit = "daily", allowed = "₩100,000", requested = "₩150,000")
            assertEquals("요청한 금액(₩150,000)이 오늘 남은 한도(₩100,000)를 넘어요.", e.message)
        } finally {
            setTextLocale("en-US")
        }
    }

    @Test
    fun `an error with fields reads as its sentence and keeps its fields`() {
        setTextLocale("en-US")
        val e = SweepException.LimitExceeded(limit = "daily", allowed = "₩100,000", requested = "₩150,000")
        assertEquals("₩150,000 is above the daily limit of ₩100,000", e.message)
        assertEquals("daily", e.limit)
        assertEquals(e.message, e.toString())
        assertEquals(e.message, e.localizedMessage)
    }

    @Test
    fun `a ko-KR wallet's failing call throws the Korean sentence`() = runBlocking<Unit> {
        val wallet = Wallet.open(walletConfig(dir, "ko-KR"), InMemoryKeyProvider())
        try {
            val e = assertThrowsSuspending<SweepException.NoFeeSchedule> {
                wallet.plan(PlanRequest("KRW", Speed.STANDARD, null, null))
            }
            assertEquals("아직 수수료표가 없어요. 먼저 제공사에서 수수료표를 받아 주세요.", e.message)
            assertEquals("no fee schedule is cached yet; refresh it from the provider first", e.sentenceIn("en-US"))
        } finally {
            closeDatabase(wallet)
            wallet.close()
            setTextLocale("en-US")
        }
    }

    @Test
    fun `a failing call throws the sentence`() = runBlocking<Unit> {
        val wallet = Wallet.open(walletConfig(dir, "en-US"), InMemoryKeyProvider())
        try {
            val e = assertThrowsSuspending<SweepException.NoFeeSchedule> {
                wallet.plan(PlanRequest("KRW", Speed.STANDARD, null, null))
            }
            assertEquals("no fee schedule is cached yet; refresh it from the provider first", e.message)
            closeDatabase(wallet)
            val closed = assertThrowsSuspending<SweepException.WalletClosed> { wallet.dashboard() }
            assertEquals("the wallet is closed", closed.message)
        } finally {
            wallet.close()
        }
    }

    /** A key store that fails the way Android's does when the device is locked. */
    private class LockedKeyProvider : KeyProvider {
        override fun wrapDataKey(dataKey: ByteArray): ByteArray = throw IllegalStateException("Keystore is locked")
        override fun unwrapDataKey(wrappedKey: ByteArray): ByteArray = throw IllegalStateException("Keystore is locked")
        override fun deleteWrappingKey() = throw IllegalStateException("Keystore is locked")
    }

    @Test
    fun `a key provider that throws is KeyUnavailable with its reason`() = runBlocking<Unit> {
        val e = assertThrowsSuspending<SweepException.KeyUnavailable> {
            Wallet.open(walletConfig(dir, "en-US"), LockedKeyProvider())
        }
        assertTrue(e.reason.contains("Keystore is locked"), e.reason)
        assertTrue(e.message!!.startsWith("key unavailable: "), e.message)
    }

    @Test
    fun `a closed object throws a SweepException, not an IllegalStateException`() = runBlocking<Unit> {
        val wallet = Wallet.open(walletConfig(dir, "en-US"), InMemoryKeyProvider())
        closeDatabase(wallet)
        wallet.close() // AutoCloseable: frees the handle
        val e = assertThrowsSuspending<SweepException.ObjectClosed> { wallet.dashboard() }
        assertEquals("Wallet", e.objectName)
        assertEquals("this Wallet was closed and cannot be used again; open a new one", e.message)
    }
}
