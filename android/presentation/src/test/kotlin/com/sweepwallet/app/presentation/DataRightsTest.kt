package com.sweepwallet.app.presentation

import com.sweepwallet.core.DestinationKind
import com.sweepwallet.core.InMemoryKeyProvider
import com.sweepwallet.core.KeyProvider
import com.sweepwallet.core.ManualSource
import com.sweepwallet.core.MinorAmount
import com.sweepwallet.core.P256Authenticator
import com.sweepwallet.core.PayeeDestination
import com.sweepwallet.core.PayeeRequest
import com.sweepwallet.core.QuoteGoal
import com.sweepwallet.core.QuoteRequest
import com.sweepwallet.core.SourceKind
import com.sweepwallet.core.Speed
import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.WithdrawalState
import com.sweepwallet.core.closeDatabase
import com.sweepwallet.core.linkSandboxToss
import com.sweepwallet.core.sandboxOrSkip
import com.sweepwallet.core.setSandboxKnobs
import com.sweepwallet.core.walletConfig
import java.io.File
import java.time.Instant
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/**
 * "Your data": the export (masked or in full, at the user's choice; only
 * the latest kept on the phone) and deleting the account (an explicit yes,
 * progress, the core's note and the records the provider keeps, then a
 * fresh start), in Korean and in English.
 */
class DataRightsTest : ScopedTest() {
    private val at = Instant.parse("2026-12-05T00:30:00Z")

    /** A key provider that notes what the screen showed when the core deleted the key. */
    private class WatchedKeys(private val inner: InMemoryKeyProvider = InMemoryKeyProvider()) : KeyProvider by inner {
        var holder: DataRightsStateHolder? = null
        var shownWhileDeleting: String? = null
        val deleted get() = inner.deleted

        override fun deleteWrappingKey() {
            shownWhileDeleting = holder?.state?.value?.deleting
            inner.deleteWrappingKey()
        }
    }

    private fun textIn(folder: String): String = File(folder).listFiles()!!.sortedBy { it.name }.joinToString("\n") { it.readText() }

    private data class ExportSaid(
        val locale: String,
        val words: Words,
        val question: String,
        val exported: String,
        val warning: String,
    )

    @Test
    fun `the export asks masked or in full, says what it wrote and keeps only the latest`() {
        val cases = listOf(
            ExportSaid(
                "ko-KR", korean, "내보낼 파일에 계좌번호와 이름을 어떻게 담을까요?",
                "출처, 잔액 기록, 거래 내역, 출금 내역, 받는 계좌를 파일 7개로 내보냈어요.",
                "이 파일에는 계좌번호와 이름이 암호화되지 않은 채로 모두 들어 있어요. 믿을 수 있는 사람과 장소에만 공유해 주세요.",
            ),
            ExportSaid(
                "en-US", english, "How should the export show account numbers and names?",
                "Exported your sources, balance history, transactions, cash-outs and payees as 7 files.",
                "These files hold your account numbers and names in full, unencrypted. Share them only with people and places you trust.",
            ),
        )
        for (said in cases) runBlocking<Unit> {
            val wallet = Wallet.open(walletConfig(dir.resolve("w-${said.locale}"), said.locale), InMemoryKeyProvider())
            try {
                wallet.addManualSource(ManualSource("용돈 통장", SourceKind.WALLET, MinorAmount(5_000L, "KRW"), "010-1234-5678"))
                val root = dir.resolve("exports-${said.locale}").toFile()
                // Something of the app's own beside the exports is left alone.
                File(root, "other").apply { mkdirs() }
                val holder = DataRightsStateHolder(wallet, scope, said.words, InMemoryKeyProvider(), root) { at }

                holder.askToExport()
                val question = holder.state.value.exportQuestion!!
                assertEquals(said.question, question.question, said.locale)
                assertTrue(question.maskedExplanation.isNotBlank() && question.inFullExplanation.isNotBlank())
                holder.cancelExport()
                assertNull(holder.state.value.exportQuestion)

                holder.askToExport()
                holder.export(inFull = false).join()
                val masked = holder.state.value.exported!!
                assertNull(holder.state.value.exportQuestion, "the question closes")
                assertNull(holder.state.value.error)
                assertEquals(said.exported, masked.message)
                assertNull(masked.warning, "nothing to warn about when masked")
                assertEquals(File(root, "sweep-export-20261205-003000").path, masked.folder)
                assertEquals("sweep-export.json", File(masked.files.first()).name)
                assertEquals(7, masked.files.size)
                assertTrue(masked.files.all { File(it).parentFile.path == masked.folder })
                val maskedText = textIn(masked.folder)
                assertFalse(maskedText.contains("010-1234-5678") || maskedText.contains("01012345678"), "masked")
                assertTrue(maskedText.contains("••••5678"), "yet recognisable")

                holder.export(inFull = true).join()
                val full = holder.state.value.exported!!
                assertTrue(full.inFull)
                assertEquals(said.warning, full.warning)
                assertTrue(textIn(full.folder).contains("010-1234-5678"), "in full")
                assertEquals(listOf("other", "sweep-export-20261205-003000"), root.list()!!.sorted(), "only the latest export stays")
                closeDatabase(wallet)
            } finally {
                wallet.close()
            }
        }
    }

    @Test
    fun `deleting asks for an explicit yes, shows progress, then what was done and a fresh start`() {
        for ((locale, words) in listOf("ko-KR" to korean, "en-US" to english)) runBlocking<Unit> {
            val data = dir.resolve("delete-$locale")
            val keys = WatchedKeys()
            val wallet = Wallet.open(walletConfig(data, locale), keys)
            try {
                wallet.addManualSource(ManualSource("Secret jar", SourceKind.WALLET, MinorAmount(77_777L, "KRW"), "010-9876-5432"))
                val root = dir.resolve("exports-$locale").toFile()
                val holder = DataRightsStateHolder(wallet, scope, words, keys, root) { at }
                keys.holder = holder
                holder.export(inFull = true).join()
                assertNotNull(holder.state.value.exported)

                holder.askToDelete()
                val question = holder.state.value.deletion!!
                assertEquals(words.say(Msg.DATA_DELETE_QUESTION), question.question)
                assertEquals(words.say(Msg.DATA_DELETE_EXPLAIN), question.explanation)
                assertEquals(words.say(Msg.DATA_DELETE_EXPORT_FIRST), question.exportFirst)
                assertFalse(question.understood)
                holder.cancelDelete()
                assertNull(holder.state.value.deletion, "kept")

                // Without the explicit "I understand", nothing happens.
                holder.askToDelete()
                holder.confirmDelete().join()
                assertEquals(words.say(Msg.DATA_DELETE_NOT_CONFIRMED), holder.state.value.error)
                assertFalse(keys.deleted)
                assertEquals(1, wallet.dashboard().sources.size, "the wallet is as it was")

                holder.setUnderstood(true)
                assertTrue(holder.state.value.deletion!!.understood)
                holder.confirmDelete().join()
                val done = holder.state.value
                assertEquals(words.say(Msg.DATA_DELETING), keys.shownWhileDeleting, "progress while the core deletes")
                assertNull(done.deleting)
                assertNull(done.error)
                assertNull(done.deletion)
                assertTrue(done.startFresh, "the app starts over")
                val deleted = done.deleted!!
                val noteStart = if (locale == "ko-KR") "계정을 삭제했어요." else "Your account is deleted."
                assertTrue(deleted.note.startsWith(noteStart), deleted.note)
                assertEquals(words.say(Msg.DATA_PROVIDER_NOT_CONTACTED), deleted.provider, "this wallet never used a provider")
                assertNull(deleted.retainedIntro)
                assertEquals(emptyList<String>(), deleted.retained)
                assertTrue(keys.deleted, "the key was deleted")
                assertNull(done.exported)
                assertEquals(emptyList<String>(), root.list()?.toList().orEmpty(), "the plain-text export went too")
                assertEquals(emptyList<String>(), data.toFile().list()?.toList().orEmpty(), "the wallet's files are gone")
                assertThrows(SweepException.WalletClosed::class.java) { runBlocking { wallet.dashboard() } }

                // Nothing more to do here but start again.
                holder.askToExport()
                holder.askToDelete()
                assertNull(holder.state.value.exportQuestion)
                assertNull(holder.state.value.deletion)
                val fresh = Wallet.open(walletConfig(data, locale), keys)
                try {
                    assertEquals(0, fresh.dashboard().sources.size, "a fresh first run")
                    closeDatabase(fresh)
                } finally {
                    fresh.close()
                }
            } finally {
                wallet.close()
            }
        }
    }

    @Test
    fun `the provider's records kept by law are shown, and nothing goes while money moves or the provider is away`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        setSandboxKnobs(sandbox!!, "{}")
        val keys = WatchedKeys()
        val wallet = Wallet.open(walletConfig(dir.resolve("w")), keys)
        try {
            linkSandboxToss(wallet, sandbox, 40_000L)
            wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1")
            val payee = wallet.addPayee(PayeeRequest(PayeeDestination.KrBankAccount("088", "110-123-456789"), "Kim Minji")).payeeId
            val auth = P256Authenticator()
            wallet.registerAuthenticator(auth)
            val everything = QuoteRequest("KRW", QuoteGoal.Everything, Speed.STANDARD, DestinationKind.BANK_ACCOUNT, null)
            var w = wallet.withdraw(wallet.quote(everything), payee, auth, null)
            assertEquals(WithdrawalState.PROCESSING, w.state)
            val holder = DataRightsStateHolder(wallet, scope, korean, keys, dir.resolve("exports").toFile()) { at }
            suspend fun delete() {
                holder.askToDelete()
                holder.setUnderstood(true)
                holder.confirmDelete().join()
            }

            delete()
            assertEquals("아직 진행 중인 출금이 있어요. 출금이 끝난 뒤에 계정을 삭제해 주세요.", holder.state.value.error)
            assertFalse(holder.state.value.startFresh)
            assertFalse(keys.deleted)
            repeat(6) { if (w.state != WithdrawalState.COMPLETED) w = wallet.refreshWithdrawal(w.withdrawalId) }
            assertEquals(WithdrawalState.COMPLETED, w.state)

            setSandboxKnobs(sandbox, """{"provider_down": true}""")
            delete()
            val away = holder.state.value
            assertTrue(away.error!!.startsWith("아무것도 지우지 않았고 지갑은 그대로예요: "), away.error)
            assertFalse(away.startFresh)
            assertFalse(keys.deleted)
            wallet.verifyLedger()
            setSandboxKnobs(sandbox, "{}")

            delete()
            val done = holder.state.value
            assertNull(done.error)
            assertTrue(done.startFresh)
            val deleted = done.deleted!!
            assertTrue(deleted.note.startsWith("계정을 삭제했어요. 연결 1곳의 접근 권한을 취소했고"), deleted.note)
            assertEquals("제공사가 신분증 인증 기록 0건과 신분증 사진 0장을 지웠어요.", deleted.provider)
            assertEquals("제공사는 법에 따라 다음 기록을 보관해요:", deleted.retainedIntro)
            val kept = deleted.retained.single()
            assertTrue(kept.startsWith("출금 ${w.providerWithdrawalId}: "), kept)
            assertTrue(Regex("\\d{4}년 \\d{1,2}월 \\d{1,2}일.*까지 보관해요\\. 전자금융거래법 제22조").containsMatchIn(kept), kept)
        } finally {
            setSandboxKnobs(sandbox, "{}")
            wallet.close()
        }
    }
}
