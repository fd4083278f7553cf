package com.sweepwallet.core.flows

import com.sweepwallet.core.BalanceListener
import com.sweepwallet.core.CaptureReceipt
import com.sweepwallet.core.CaptureSubmission
import com.sweepwallet.core.SyncResult
import com.sweepwallet.core.UploadListener
import com.sweepwallet.core.UploadProgress
import com.sweepwallet.core.UploadResult
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.Withdrawal
import com.sweepwallet.core.WithdrawalListener
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.flow.channelFlow

// The core's listeners as Kotlin Flows. Each subscribes when collected and
// cancels its subscription when the collector stops, so a screen that
// collects in its lifecycle scope never leaks a listener. Plain Kotlin over
// the bindings and kotlinx-coroutines: the JVM tests in android/presentation
// run these same sources.

/**
 * Every sync result as each source finishes, for as long as it is
 * collected. [onSubscribed] runs once the core listens, so a caller can
 * start a sync knowing no result is missed.
 */
fun Wallet.syncResults(onSubscribed: () -> Unit = {}): Flow<SyncResult> = callbackFlow {
    val subscription = subscribeSyncResults(object : BalanceListener {
        override fun onSyncResult(result: SyncResult) {
            trySend(result)
        }
    })
    onSubscribed()
    awaitClose {
        subscription.cancel()
        subscription.close()
    }
}

/**
 * Every change of every unfinished withdrawal, as the core's tracker sees
 * it (the provider's events, or polling where it has none), for as long as
 * it is collected.
 */
fun Wallet.withdrawalChanges(onSubscribed: () -> Unit = {}): Flow<Withdrawal> = callbackFlow {
    val subscription = trackWithdrawals(object : WithdrawalListener {
        override fun onWithdrawal(withdrawal: Withdrawal) {
            trySend(withdrawal)
        }
    })
    onSubscribed()
    awaitClose {
        subscription.cancel()
        subscription.close()
    }
}

/** What an upload has done so far, then how it ended. */
sealed interface UploadEvent {
    /** Bytes sent so far. */
    data class Progress(val progress: UploadProgress) : UploadEvent

    /** The capture arrived: its receipt. */
    data class Done(val receipt: CaptureReceipt) : UploadEvent

    /** Every upload the outbox held, carried on: how each ended. */
    data class Resumed(val results: List<UploadResult>) : UploadEvent
}

/**
 * Submits a capture, emitting its progress and then [UploadEvent.Done];
 * a failure ends the flow with the core's `SweepException`. Cancelling the
 * collector cancels the upload; the capture stays in the outbox for
 * [resumeUploadsFlow].
 */
fun Wallet.submitCaptureFlow(submission: CaptureSubmission): Flow<UploadEvent> = channelFlow {
    val receipt = submitCapture(submission, object : UploadListener {
        override fun onProgress(progress: UploadProgress) {
            trySend(UploadEvent.Progress(progress))
        }
    })
    send(UploadEvent.Done(receipt))
}

/** Carries on the outbox's uploads, emitting their progress, then [UploadEvent.Resumed]. */
fun Wallet.resumeUploadsFlow(): Flow<UploadEvent> = channelFlow {
    val results = resumeUploads(object : UploadListener {
        override fun onProgress(progress: UploadProgress) {
            trySend(UploadEvent.Progress(progress))
        }
    })
    send(UploadEvent.Resumed(results))
}
