package com.sweepwallet.app.presentation

import com.sweepwallet.core.CaptureSubmission
import com.sweepwallet.core.DocumentSide
import com.sweepwallet.core.DocumentType
import com.sweepwallet.core.InMemoryKeyProvider
import com.sweepwallet.core.SyncResult
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.closeDatabase
import com.sweepwallet.core.flows.UploadEvent
import com.sweepwallet.core.flows.submitCaptureFlow
import com.sweepwallet.core.flows.syncResults
import com.sweepwallet.core.linkSandboxPlatform
import com.sweepwallet.core.linkSandboxToss
import com.sweepwallet.core.sandboxOrSkip
import com.sweepwallet.core.walletConfig
import com.sweepwallet.core.writeSampleCapture
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/** sweepcore's Flow adapters, run on the JVM against the sandbox (issue #15, item 7). */
class FlowsTest : ScopedTest() {
    @Test
    fun `sync results arrive as a flow while it is collected, and stop with the collector`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val ids = setOf(
                linkSandboxToss(wallet, sandbox!!, 12_340L),
                linkSandboxPlatform(wallet, sandbox, "sandbox-kakaopay", 4_870L, "KakaoPay"),
            )
            val seen = CopyOnWriteArrayList<SyncResult>()
            val listening = CompletableDeferred<Unit>()
            val collector = scope.launch { wallet.syncResults { listening.complete(Unit) }.collect { seen += it } }
            withTimeout(10_000) { listening.await() }
            wallet.sync()
            withTimeout(10_000) { while (seen.size < 2) kotlinx.coroutines.delay(10) }
            assertEquals(ids, seen.map { it.sourceId }.toSet())
            assertTrue(seen.all { it.synced })

            withTimeout(10_000) { collector.cancelAndJoinChecked() }
            wallet.sync()
            assertEquals(2, seen.size, "a cancelled collector hears nothing more")
        } finally {
            closeDatabase(wallet)
            wallet.close()
        }
    }

    @Test
    fun `an upload is a flow of progress that ends with its receipt`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val photo = dir.resolve("id.jpg")
            writeSampleCapture(photo.toString(), true)
            val submission = CaptureSubmission(photo.toString(), DocumentType.NATIONAL_ID, DocumentSide.FRONT, "$sandbox/tus/files/")
            val events = withTimeout(30_000) { wallet.submitCaptureFlow(submission).toList() }
            val last = events.last()
            assertTrue(last is UploadEvent.Done, "$events")
            val progress = events.filterIsInstance<UploadEvent.Progress>().map { it.progress.sentBytes }
            assertTrue(progress.isNotEmpty() && progress == progress.sorted(), "progress only grows: $progress")
            assertEquals(0u, wallet.pendingUploads(), "nothing left in the outbox")
        } finally {
            closeDatabase(wallet)
            wallet.close()
        }
    }

    private suspend fun kotlinx.coroutines.Job.cancelAndJoinChecked() {
        cancel()
        join()
        assertTrue(isCancelled)
    }
}
