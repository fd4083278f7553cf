package com.sweepwallet.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.selectableGroup
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import com.sweepwallet.app.R
import com.sweepwallet.app.presentation.CapturePhase
import com.sweepwallet.app.presentation.IdCaptureState
import com.sweepwallet.app.presentation.IdCaptureStateHolder
import com.sweepwallet.core.DocumentSide

/**
 * Verify an ID: open a session, photograph each side, see what to fix,
 * then follow the upload and the provider's decision. The core checks the
 * photo, removes its location and camera details, and uploads it.
 */
@Composable
fun IdCaptureScreen(holder: IdCaptureStateHolder) {
    val state by holder.state.collectAsState()
    var side by rememberSaveable { mutableStateOf(DocumentSide.FRONT) }

    Column(
        Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        ScreenTitle(stringResource(R.string.id_title))
        if (state.session == null) {
            Text(stringResource(R.string.id_intro))
            Button(onClick = { holder.start() }) { Text(stringResource(R.string.id_start)) }
        } else {
            SideChoice(side, onChoose = { side = it })
            CameraCapture(
                fileName = "id-${side.name.lowercase()}.jpg",
                enabled = state.phase != CapturePhase.CHECKING && state.phase != CapturePhase.UPLOADING,
                onCaptured = { path -> holder.submit(path, side) },
            )
            Progress(state, onCheck = { holder.refreshStatus() })
        }
        state.error?.let { ErrorText(it) }
    }
}

/** What to fix, the upload's progress, and where the check stands. */
@Composable
private fun Progress(state: IdCaptureState, onCheck: () -> Unit) {
    state.feedback.forEach { advice -> ErrorText(advice) }
    when (state.phase) {
        CapturePhase.CHECKING -> StatusText(stringResource(R.string.id_checking))
        CapturePhase.RETAKE -> StatusText(stringResource(R.string.id_retake))
        CapturePhase.UPLOADING -> {
            StatusText(stringResource(R.string.id_uploading))
            // TalkBack: "Upload progress", then the percentage.
            val progressLabel = stringResource(R.string.id_upload_progress)
            LinearProgressIndicator(
                progress = { state.progress },
                modifier = Modifier.fillMaxWidth().semantics { contentDescription = progressLabel },
            )
        }
        CapturePhase.PROCESSING -> {
            StatusText(stringResource(R.string.id_processing))
            OutlinedButton(onClick = onCheck) { Text(stringResource(R.string.id_check_again)) }
        }
        CapturePhase.VERIFIED -> StatusText(stringResource(R.string.id_verified))
        CapturePhase.NOT_VERIFIED -> StatusText(stringResource(R.string.id_not_verified))
        CapturePhase.IDLE, CapturePhase.FAILED -> Unit
    }
}

/** Which side of the document the next photo is of. */
@Composable
private fun SideChoice(side: DocumentSide, onChoose: (DocumentSide) -> Unit) {
    // One radio group; each option takes half the row at most, so large text wraps.
    Row(Modifier.fillMaxWidth().selectableGroup(), horizontalArrangement = Arrangement.spacedBy(16.dp)) {
        listOf(DocumentSide.FRONT to R.string.id_front, DocumentSide.BACK to R.string.id_back).forEach { (value, label) ->
            Row(
                Modifier
                    .weight(1f, fill = false)
                    .heightIn(min = 48.dp)
                    .selectable(selected = side == value, onClick = { onChoose(value) }, role = Role.RadioButton),
                horizontalArrangement = Arrangement.spacedBy(8.dp),
                verticalAlignment = Alignment.CenterVertically,
            ) {
                RadioButton(selected = side == value, onClick = null)
                Text(stringResource(label))
            }
        }
    }
}
