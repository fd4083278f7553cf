package com.sweepwallet.core

import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * The user's rights to their data from Kotlin, against the sandbox: the
 * export (masked, and in full at the user's choice) and deleting the
 * account (the provider's part, the tokens, the key, the files).
 */
class DataRightsTest {
    @TempDir
    lateinit var dir: Path

    private val everything = QuoteRequest("KRW", QuoteGoal.Everything, Speed.STANDARD, DestinationKind.BANK_ACCOUNT, null)
    private val shinhan = PayeeDestination.KrBankAccount("088", "110-123-456789")

    /** The files an export holds, the JSON document first (docs/export-schema.json). */
    private val exportFiles = listOf(
        "sweep-export.json",
        "sources.csv",
        "balance_history.csv",
        "transactions.csv",
        "withdrawals.csv",
        "withdrawal_legs.csv",
        "payees.csv",
    )

    /** A wallet with Toss linked, the provider's schedule, a payee and an authenticator; returns the payee. */
    private suspend fun ready(wallet: Wallet, sandbox: String, auth: P256Authenticator): ULong {
        linkSandboxToss(wallet, sandbox, 40_000L)
        wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1")
        val payee = wallet.addPayee(PayeeRequest(shinhan, "Kim Minji")).payeeId
        wallet.registerAuthenticator(auth)
        return payee
    }

    /** Withdraws everything and follows it to completed. */
    private suspend fun cashOut(wallet: Wallet, payee: ULong, auth: P256Authenticator): Withdrawal {
        val w = wallet.withdraw(wallet.quote(everything), payee, auth, null)
        var now = wallet.refreshWithdrawal(w.withdrawalId)
        repeat(5) { if (now.state != WithdrawalState.COMPLETED) now = wallet.refreshWithdrawal(w.withdrawalId) }
        assertEquals(WithdrawalState.COMPLETED, now.state)
        return now
    }

    /** Every file's text in [folder]. */
    private fun everythingIn(folder: Path): String =
        folder.toFile().listFiles()!!.sortedBy { it.name }.joinToString("\n") { it.readText() }

    /** Rows below the header of a CSV file whose fields hold no line breaks. */
    private fun csvRows(folder: Path, name: String): Int {
        val text = folder.resolve(name).toFile().readText()
        assertTrue(text.startsWith("\uFEFF"), "$name starts with a byte-order mark for spreadsheet apps")
        return text.removePrefix("\uFEFF").lines().count { it.isNotBlank() } - 1
    }

    @Test
    fun `the export holds everything, masked unless asked in full`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, "{}")
        val wallet = Wallet.open(walletConfig(dir.resolve("w")), InMemoryKeyProvider())
        val auth = P256Authenticator()
        try {
            val payee = ready(wallet, sandbox, auth)
            val done = cashOut(wallet, payee, auth)
            wallet.withdrawalReceipt(done.withdrawalId)
            val typed = wallet.addManualSource(ManualSource("용돈 통장", SourceKind.WALLET, MinorAmount(5_000L, "KRW"), "010-1234-5678"))
            wallet.removeSource(typed)

            val masked = dir.resolve("export/masked")
            val summary = wallet.exportData(masked.toString(), false)
            assertEquals(1u, summary.version)
            assertEquals(exportFiles, summary.files.map { File(it).name }, "the JSON document first, then a CSV file per table")
            assertEquals(exportFiles.sorted(), masked.toFile().list()!!.sorted(), "nothing else is left in the folder")
            assertEquals(2u, summary.sources, "the removed source too")
            assertEquals(1u, summary.withdrawals)
            assertEquals(1u, summary.payees)
            assertEquals(wallet.verifyLedger().entries, summary.balanceEntries.toULong(), "every ledger entry")
            val toss = wallet.dashboard().sources.single().sourceId
            val transactions = wallet.transactions(toss, 1_000u).size
            assertTrue(transactions > 0, "the sandbox's feed was read")
            assertEquals(transactions.toUInt(), summary.transactions)
            for ((file, count) in listOf("sources.csv" to summary.sources, "withdrawals.csv" to summary.withdrawals, "payees.csv" to summary.payees)) {
                assertEquals(count.toInt(), csvRows(masked, file), file)
            }
            assertEquals(1, csvRows(masked, "withdrawal_legs.csv"))
            val json = masked.resolve("sweep-export.json").toFile().readText()
            assertTrue(json.contains("\"format\": \"sweep-export\"") && json.contains("\"in_full\": false"), json.take(200))
            assertTrue(json.contains("\"state\": \"removed\""), "the removed source is in the export")

            // Masked: no account number, holder name or typed-in number in any file, yet recognisable.
            val maskedText = everythingIn(masked)
            for (secret in listOf("110123456789", "110-123-456789", "Kim Minji", "010-1234-5678", "01012345678")) {
                assertFalse(maskedText.contains(secret), "$secret is in the masked export")
            }
            assertTrue(maskedText.contains("••••6789") && maskedText.contains("••••5678"), "masked, yet recognisable")

            // In full, at the user's choice.
            val full = dir.resolve("export/full")
            val fullSummary = wallet.exportData(full.toString(), true)
            assertEquals(summary.copy(files = fullSummary.files), fullSummary, "the same rows")
            val fullText = everythingIn(full)
            assertTrue(fullText.contains("\"in_full\": true"))
            for (secret in listOf("110123456789", "Kim Minji", "010-1234-5678")) {
                assertTrue(fullText.contains(secret), "$secret is in the full export")
            }

            // A folder that already holds files is refused and left as it was; so is no path at all.
            val refused = assertThrowsSuspending<SweepException.InvalidInput> { wallet.exportData(full.toString(), false) }
            assertEquals("path", refused.field)
            assertEquals(fullText, everythingIn(full))
            assertEquals("path", assertThrowsSuspending<SweepException.InvalidInput> { wallet.exportData("  ", false) }.field)
            closeDatabase(wallet)
        } finally {
            wallet.close()
        }
    }

    @Test
    fun `deleting the account leaves nothing readable and closes the wallet`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, "{}")
        val data = dir.resolve("delete-me")
        val keys = InMemoryKeyProvider()
        val wallet = Wallet.open(walletConfig(data), keys)
        val auth = P256Authenticator()
        try {
            val payee = ready(wallet, sandbox, auth)
            // A verification session with its ID photo, for the provider to delete.
            val session = wallet.startVerification(DocumentType.NATIONAL_ID)
            val photo = dir.resolve("id.jpg").toString()
            writeSampleCapture(photo, true)
            wallet.submitCapture(CaptureSubmission(photo, DocumentType.NATIONAL_ID, DocumentSide.FRONT, session.uploadUrl), null)
            val done = cashOut(wallet, payee, auth)
            wallet.addManualSource(ManualSource("Secret jar", SourceKind.WALLET, MinorAmount(77_777L, "KRW"), "010-9876-5432"))

            // A copy of the files as they are now, as a backup or a thief would have it.
            val copy = Files.createDirectories(dir.resolve("copy"))
            data.toFile().listFiles()!!.forEach { it.copyTo(copy.resolve(it.name).toFile()) }

            val deleted = wallet.deleteAccount(keys)
            val provider = deleted.provider
            assertTrue(provider is ProviderDeletion.Done, "the provider was asked: $deleted")
            provider as ProviderDeletion.Done
            assertTrue(provider.requestId.isNotBlank())
            assertEquals(1u to 1u, provider.verificationSessions to provider.captures, "the session and its ID photo")
            val kept = provider.retained.single()
            assertEquals(done.providerWithdrawalId, kept.withdrawalId, "the completed cash-out is kept as the law requires")
            assertTrue(kept.reason.contains("제22조"), kept.reason)
            assertTrue(kept.retainUntil.isNotBlank())
            assertEquals(1u to 0u, deleted.tokensRevoked to deleted.tokensNotRevoked, "Toss's token was revoked")
            assertTrue(deleted.note.startsWith("계정을 삭제했어요.") && deleted.note.contains("1곳"), deleted.note)
            assertTrue(keys.deleted, "the key provider deleted the wrapping key")
            assertTrue(deleted.filesRemoved.any { it.endsWith("sweep-wallet.db") }, "${deleted.filesRemoved}")

            // Nothing is left in the data folder, and the wallet is closed.
            assertEquals(emptyList<String>(), data.toFile().list()?.toList() ?: emptyList<String>())
            assertThrowsSuspending<SweepException.WalletClosed> { wallet.dashboard() }
            assertThrowsSuspending<SweepException.WalletClosed> { wallet.exportData(dir.resolve("late").toString(), false) }

            // The earlier copy never opens: its key is gone.
            assertThrowsSuspending<SweepException.KeyUnavailable> { Wallet.open(walletConfig(copy), keys).close() }
            // The data folder opens only as a new, empty wallet.
            val fresh = Wallet.open(walletConfig(data), keys)
            try {
                assertEquals(emptyList<SourceBalance>(), fresh.dashboard().sources)
                assertEquals(emptyList<Withdrawal>(), fresh.withdrawals())
                closeDatabase(fresh)
            } finally {
                fresh.close()
            }
        } finally {
            wallet.close()
        }
    }

    @Test
    fun `nothing is deleted while money moves or the provider is away`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, "{}")
        val data = dir.resolve("keep-me")
        val keys = InMemoryKeyProvider()
        val wallet = Wallet.open(walletConfig(data), keys)
        val auth = P256Authenticator()
        try {
            val payee = ready(wallet, sandbox, auth)
            val w = wallet.withdraw(wallet.quote(everything), payee, auth, null)
            assertEquals(WithdrawalState.PROCESSING, w.state)
            val refused = assertThrowsSuspending<SweepException.InvalidInput> { wallet.deleteAccount(keys) }
            assertEquals("account", refused.field)
            assertFalse(keys.deleted)
            var now = wallet.refreshWithdrawal(w.withdrawalId)
            repeat(5) { if (now.state != WithdrawalState.COMPLETED) now = wallet.refreshWithdrawal(w.withdrawalId) }
            assertEquals(WithdrawalState.COMPLETED, now.state)

            setSandboxKnobs(sandbox, """{"provider_down": true}""")
            assertThrowsSuspending<SweepException>("while the provider is down") { wallet.deleteAccount(keys) }
            assertFalse(keys.deleted, "the key is kept")
            assertTrue(data.resolve("sweep-wallet.db").toFile().exists(), "the files are kept")
            wallet.verifyLedger()
            assertEquals(1, wallet.dashboard().sources.size, "the wallet is whole and open")
            closeDatabase(wallet)
        } finally {
            setSandboxKnobs(sandbox, "{}")
            wallet.close()
        }
    }
}
