package com.sweepwallet.core

import java.nio.file.Path
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** Logs reach a Kotlin [Logger], filtered by level, with personal data redacted. */
class LoggerTest {
    @TempDir
    lateinit var dir: Path

    private class Collecting : Logger {
        val records: MutableList<LogRecord> = CopyOnWriteArrayList()
        override fun log(record: LogRecord) {
            records += record
        }
    }

    @AfterEach
    fun clear() {
        // The logger is process-wide in the core: never leak it into other tests.
        clearLogger()
    }

    @Test
    fun `milestones arrive and names and numbers do not`() = runBlocking<Unit> {
        val sink = Collecting()
        setLogger(sink, LogLevel.INFO)

        val name = "Kim Minji's Toss"
        val phone = "010-1234-5678"
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val id = wallet.addManualSource(
                ManualSource(name = name, kind = SourceKind.WALLET, balance = MinorAmount(12340L, "KRW"), accountRef = phone),
            )
            wallet.verifyLedger()

            val records = sink.records.toList()
            val lines = records.joinToString("\n") { "${it.level} ${it.target}: ${it.line}" }
            val opened = records.firstOrNull { it.line.contains("wallet opened") }
            assertTrue(opened != null, "no 'wallet opened' record among:\n$lines")
            assertEquals(LogLevel.INFO, opened!!.level)
            assertTrue(opened.target.startsWith("sweep_core"), "target: ${opened.target}")
            assertTrue(
                records.any { it.line.contains("manual source added") && it.line.contains("source_id=$id") },
                "no 'manual source added source_id=$id' record among:\n$lines",
            )

            for (secret in listOf(name, "Kim Minji", phone, phone.filter(Char::isDigit))) {
                assertFalse(records.any { it.line.contains(secret) || it.target.contains(secret) }, "'$secret' leaked into:\n$lines")
            }
            // INFO means INFO and above.
            val allowed = setOf(LogLevel.ERROR, LogLevel.WARN, LogLevel.INFO)
            assertTrue(records.all { it.level in allowed }, "records below INFO arrived:\n$lines")

            // After clearLogger nothing more arrives.
            clearLogger()
            val before = sink.records.size
            wallet.addManualSource(
                ManualSource(name = "Second", kind = SourceKind.BANK, balance = MinorAmount(1L, "KRW"), accountRef = null),
            )
            wallet.verifyLedger()
            assertEquals(before, sink.records.size, "records arrived after clearLogger()")
            closeDatabase(wallet)
        } finally {
            wallet.destroy()
        }
    }
}
