package com.sweepwallet.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import com.sweepwallet.app.R
import com.sweepwallet.app.presentation.TimelineStateHolder

/**
 * One withdrawal's timeline: each state the provider reported, in order,
 * and the receipt (checked against the quote) once it is completed.
 */
@Composable
fun TimelineScreen(holder: TimelineStateHolder, onBack: () -> Unit) {
    val state by holder.state.collectAsState()
    LaunchedEffect(holder) { holder.start() }

    ScreenList(stringResource(R.string.timeline_title)) {
        state.withdrawal?.let { item { AmountFigure(stringResource(R.string.timeline_you_receive), it.net, bold = true) } }
        items(state.entries) { entry -> Figure(entry.step, timeOfDay(entry.at), spokenLabel = entry.stepLabel) }
        state.receipt?.let { receipt ->
            item { Text(receipt, Modifier.semantics { contentDescription = state.receiptLabel ?: receipt }, style = MaterialTheme.typography.bodyMedium) }
        }
        state.error?.let { item { ErrorText(it) } }
        item {
            // Each button may take half the row at most, so large text wraps inside it instead of being cut.
            Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                OutlinedButton(onClick = { holder.refresh() }, modifier = Modifier.weight(1f, fill = false)) {
                    Text(stringResource(R.string.timeline_refresh))
                }
                TextButton(onClick = onBack, modifier = Modifier.weight(1f, fill = false)) { Text(stringResource(R.string.common_back)) }
            }
        }
    }
}
