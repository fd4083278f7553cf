package com.sweepwallet.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
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
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.unit.dp
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
        Text("Verify your ID", style = MaterialTheme.typography.headlineSmall)
        if (state.session == null) {
            Text("The photo is checked on this phone, its location and camera details are removed, and only then is it sent.")
            Button(onClick = { holder.start() }) { Text("Start") }
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
        CapturePhase.CHECKING -> Text("Checking the photo…")
        CapturePhase.RETAKE -> Text("Take it again with the fixes above.")
        CapturePhase.UPLOADING -> {
            Text("Sending the photo…")
            LinearProgressIndicator(progress = { state.progress }, modifier = Modifier.fillMaxWidth())
        }
        CapturePhase.PROCESSING -> {
            Text("Sent. The provider is checking it.")
            OutlinedButton(onClick = onCheck) { Text("Check again") }
        }
        CapturePhase.VERIFIED -> Text("Verified.")
        CapturePhase.NOT_VERIFIED -> Text("Not verified. Take new photos to try again.")
        CapturePhase.IDLE, CapturePhase.FAILED -> Unit
    }
}

/** Which side of the document the next photo is of. */
@Composable
private fun SideChoice(side: DocumentSide, onChoose: (DocumentSide) -> Unit) {
    Row(horizontalArrangement = Arrangement.spacedBy(16.dp)) {
        listOf(DocumentSide.FRONT to "Front", DocumentSide.BACK to "Back").forEach { (value, label) ->
            Row(
                Modifier.selectable(selected = side == value, onClick = { onChoose(value) }, role = Role.RadioButton),
                verticalAlignment = Alignment.CenterVertically,
            ) {
                RadioButton(selected = side == value, onClick = null)
                Text(label)
            }
        }
    }
}
