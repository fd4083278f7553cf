package com.sweepwallet.app.presentation

import com.sweepwallet.core.CaptureSubmission
import com.sweepwallet.core.DocumentSide
import com.sweepwallet.core.DocumentType
import com.sweepwallet.core.SweepException
import com.sweepwallet.core.VerificationSession
import com.sweepwallet.core.VerificationStatus
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.flows.UploadEvent
import com.sweepwallet.core.flows.submitCaptureFlow
import com.sweepwallet.core.checkCapture
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** Where an ID check stands on the capture screen. */
enum class CapturePhase { IDLE, CHECKING, RETAKE, UPLOADING, PROCESSING, VERIFIED, NOT_VERIFIED, FAILED }

/** What the ID-capture screen shows. */
data class IdCaptureState(
    val phase: CapturePhase = CapturePhase.IDLE,
    val session: VerificationSession? = null,
    /** What to fix before the photo can go, in the user's words ("Too blurry — hold the phone steady"). */
    val feedback: List<String> = emptyList(),
    val sentBytes: Long = 0,
    val totalBytes: Long = 0,
    val error: String? = null,
) {
    /** Upload progress from 0 to 1, for a progress bar. */
    val progress: Float
        get() = if (totalBytes <= 0) 0f else (sentBytes.toFloat() / totalBytes).coerceIn(0f, 1f)
}

/**
 * The ID-capture screen. The camera (CameraX on Android) writes the photo
 * to a file; the app passes its path. Sweep checks it, strips its
 * metadata, seals it in its outbox and uploads it resumably to the
 * verification session.
 */
class IdCaptureStateHolder(
    private val wallet: Wallet,
    private val scope: CoroutineScope,
    private val words: Words,
    private val documentType: DocumentType = DocumentType.NATIONAL_ID,
) {
    private val mutable = MutableStateFlow(IdCaptureState())
    val state: StateFlow<IdCaptureState> = mutable.asStateFlow()

    /** Opens a verification session with the provider. */
    fun start(): Job = work {
        val session = wallet.startVerification(documentType)
        mutable.update { it.copy(session = session, phase = CapturePhase.IDLE) }
    }

    /** Checks the photo at [path] and, if it is good, uploads it. */
    fun submit(path: String, side: DocumentSide = DocumentSide.FRONT): Job = work {
        val session = checkNotNull(state.value.session) { words.say(Msg.ID_CAPTURE_NO_SESSION) }
        mutable.update { it.copy(phase = CapturePhase.CHECKING, feedback = emptyList()) }
        val check = checkCapture(path)
        if (check.issues.isNotEmpty()) {
            mutable.update { it.copy(phase = CapturePhase.RETAKE, feedback = check.issues.map { issue -> issue.advice }) }
            return@work
        }
        mutable.update { it.copy(phase = CapturePhase.UPLOADING, sentBytes = 0, totalBytes = check.fileBytes.toLong()) }
        // Progress through sweepcore's Flow adapter; a failure ends it with the core's exception.
        wallet.submitCaptureFlow(CaptureSubmission(path, documentType, side, session.uploadUrl)).collect { event ->
            if (event is UploadEvent.Progress) {
                val p = event.progress
                mutable.update { it.copy(sentBytes = p.sentBytes.toLong(), totalBytes = p.totalBytes.toLong()) }
            }
        }
        mutable.update { it.copy(phase = CapturePhase.PROCESSING) }
    }

    /** Asks the provider where the session stands. */
    fun refreshStatus(): Job = work {
        val session = checkNotNull(state.value.session) { words.say(Msg.ID_CAPTURE_NO_SESSION) }
        val now = wallet.verificationStatus(session.sessionId)
        val phase = when (now.status) {
            VerificationStatus.VERIFIED -> CapturePhase.VERIFIED
            VerificationStatus.REJECTED, VerificationStatus.NEEDS_RESUBMISSION, VerificationStatus.EXPIRED ->
                CapturePhase.NOT_VERIFIED
            VerificationStatus.UPLOADING -> CapturePhase.UPLOADING
            else -> CapturePhase.PROCESSING
        }
        mutable.update { it.copy(session = now, phase = phase, feedback = listOfNotNull(now.reason)) }
    }

    private fun work(step: suspend () -> Unit): Job = scope.launch {
        mutable.update { it.copy(error = null) }
        try {
            step()
        } catch (e: SweepException) {
            mutable.update { it.copy(phase = CapturePhase.FAILED, error = words.error(e)) }
        } catch (e: IllegalStateException) {
            mutable.update { it.copy(error = words.error(e)) }
        }
    }
}
