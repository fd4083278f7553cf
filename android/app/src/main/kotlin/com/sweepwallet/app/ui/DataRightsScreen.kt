package com.sweepwallet.app.ui

import androidx.activity.compose.BackHandler
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.selection.toggleable
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.Card
import androidx.compose.material3.Checkbox
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.unit.dp
import com.sweepwallet.app.R
import com.sweepwallet.app.presentation.AccountDeleted
import com.sweepwallet.app.presentation.DataRightsState
import com.sweepwallet.app.presentation.DataRightsStateHolder
import com.sweepwallet.app.presentation.DeletionQuestion
import com.sweepwallet.app.presentation.ExportDone
import com.sweepwallet.app.presentation.ExportQuestion
import com.sweepwallet.app.shareExport

/**
 * Your data: "Export my data" (masked or in full, then shared through the
 * share sheet) and "Delete my account" (an explicit "I understand", its
 * progress, then what was done and the records the provider keeps). Once
 * the account is gone the only way on is a fresh start ([onStartFresh]),
 * the back button included.
 */
@Composable
fun DataRightsScreen(holder: DataRightsStateHolder, onStartFresh: () -> Unit) {
    val state by holder.state.collectAsState()
    BackHandler(enabled = state.startFresh) { onStartFresh() }

    ScreenList(stringResource(R.string.data_title)) {
        state.deleted?.let { deleted ->
            deletedItems(deleted, onStartFresh)
            return@ScreenList
        }
        state.error?.let { item { ErrorText(it) } }
        item { ExportSection(state, holder) }
        state.exportQuestion?.let { question -> item { ExportChoice(question, holder) } }
        if (state.exporting) item { Busy(stringResource(R.string.data_exporting)) }
        state.exported?.let { done -> item { Exported(done) } }
        item { DeleteSection(state, holder) }
        state.deletion?.let { question -> item { DeleteConfirmation(question, holder) } }
        state.deleting?.let { progress -> item { Busy(progress) } }
    }
}

@Composable
private fun ExportSection(state: DataRightsState, holder: DataRightsStateHolder) {
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        SectionTitle(stringResource(R.string.data_export_title))
        Text(stringResource(R.string.data_export_intro), style = MaterialTheme.typography.bodyMedium)
        Button(onClick = { holder.askToExport() }, enabled = !state.exporting && state.deleting == null) {
            Text(stringResource(R.string.data_export))
        }
    }
}

/** Masked or in full: each choice with what it means. */
@Composable
private fun ExportChoice(question: ExportQuestion, holder: DataRightsStateHolder) {
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            StatusText(question.question)
            Text(question.maskedExplanation, style = MaterialTheme.typography.bodySmall)
            Button(onClick = { holder.export(inFull = false) }) { Text(stringResource(R.string.data_export_masked)) }
            Text(question.inFullExplanation, style = MaterialTheme.typography.bodySmall)
            OutlinedButton(onClick = { holder.export(inFull = true) }) { Text(stringResource(R.string.data_export_in_full)) }
            TextButton(onClick = { holder.cancelExport() }) { Text(stringResource(R.string.common_cancel)) }
        }
    }
}

/** What the export wrote, and the share sheet to keep it where the user chooses. */
@Composable
private fun Exported(done: ExportDone) {
    val context = LocalContext.current
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        StatusText(done.message)
        done.warning?.let { Text(it, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.error) }
        Text(stringResource(R.string.data_export_where), style = MaterialTheme.typography.bodySmall)
        Button(onClick = { shareExport(context, done.files) }) { Text(stringResource(R.string.data_export_share)) }
    }
}

@Composable
private fun DeleteSection(state: DataRightsState, holder: DataRightsStateHolder) {
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        SectionTitle(stringResource(R.string.data_delete_title))
        OutlinedButton(onClick = { holder.askToDelete() }, enabled = state.deleting == null && !state.exporting) {
            Text(stringResource(R.string.data_delete), color = MaterialTheme.colorScheme.error)
        }
    }
}

/** What deleting does, an explicit "I understand", then the button that deletes. */
@Composable
private fun DeleteConfirmation(question: DeletionQuestion, holder: DataRightsStateHolder) {
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            StatusText(question.question)
            Text(question.explanation, style = MaterialTheme.typography.bodyMedium)
            Text(question.exportFirst, style = MaterialTheme.typography.bodySmall)
            // The whole row toggles, and TalkBack reads it as one checkbox with its label.
            Row(
                Modifier
                    .fillMaxWidth()
                    .heightIn(min = 48.dp)
                    .toggleable(value = question.understood, role = Role.Checkbox, onValueChange = { holder.setUnderstood(it) }),
                horizontalArrangement = Arrangement.spacedBy(8.dp),
                verticalAlignment = Alignment.CenterVertically,
            ) {
                Checkbox(checked = question.understood, onCheckedChange = null)
                Text(stringResource(R.string.data_delete_understood), Modifier.weight(1f))
            }
            Button(
                onClick = { holder.confirmDelete() },
                enabled = question.understood,
                colors = ButtonDefaults.buttonColors(
                    containerColor = MaterialTheme.colorScheme.error,
                    contentColor = MaterialTheme.colorScheme.onError,
                ),
            ) { Text(stringResource(R.string.data_delete_confirm)) }
            TextButton(onClick = { holder.cancelDelete() }) { Text(stringResource(R.string.common_cancel)) }
        }
    }
}

/** What deleting the account did: the core's note, the provider's part, the records it keeps; then a fresh start. */
private fun androidx.compose.foundation.lazy.LazyListScope.deletedItems(deleted: AccountDeleted, onStartFresh: () -> Unit) {
    item { StatusText(deleted.note) }
    item { Text(deleted.provider, style = MaterialTheme.typography.bodyMedium) }
    deleted.retainedIntro?.let { intro -> item { SectionTitle(intro) } }
    items(deleted.retained) { line -> Text(line, style = MaterialTheme.typography.bodySmall) }
    item { Button(onClick = onStartFresh) { Text(stringResource(R.string.data_start_fresh)) } }
}
