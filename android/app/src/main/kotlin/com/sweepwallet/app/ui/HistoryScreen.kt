package com.sweepwallet.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
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
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import com.sweepwallet.app.R
import com.sweepwallet.app.presentation.HistoryStateHolder

/** Every cash-out, newest first: when, how much, where it stands, and what can be done. */
@Composable
fun HistoryScreen(holder: HistoryStateHolder, onOpen: (ULong) -> Unit) {
    val state by holder.state.collectAsState()
    LaunchedEffect(holder) { holder.refresh() }

    ScreenList(stringResource(R.string.history_title)) {
        if (!state.loading && state.rows.isEmpty()) item { Text(stringResource(R.string.history_empty)) }
        items(state.rows) { row ->
            Column {
                Figure(row.askedAt, row.amount, bold = true, spoken = row.amountLabel)
                Text(row.status, style = MaterialTheme.typography.bodyMedium)
                // Each button may take half the row at most, so large text wraps inside it instead of being cut.
                Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    TextButton(onClick = { onOpen(row.withdrawalId) }, modifier = Modifier.weight(1f, fill = false)) {
                        Text(stringResource(if (row.hasReceipt) R.string.history_receipt else R.string.history_timeline))
                    }
                    if (row.canCancel) {
                        OutlinedButton(onClick = { holder.cancel(row.withdrawalId) }, modifier = Modifier.weight(1f, fill = false)) {
                            Text(stringResource(R.string.common_cancel))
                        }
                    }
                }
            }
        }
        state.error?.let { item { ErrorText(it) } }
    }
}
