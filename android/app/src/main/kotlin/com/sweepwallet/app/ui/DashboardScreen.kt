package com.sweepwallet.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.pluralStringResource
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import com.sweepwallet.app.R
import com.sweepwallet.app.presentation.DashboardState
import com.sweepwallet.app.presentation.DashboardStateHolder
import com.sweepwallet.app.presentation.RefundAdviceLine
import com.sweepwallet.app.presentation.SourceRow

/**
 * Every source with its balance, what it may become and how fresh it is,
 * the cashable totals with the currencies the provider does not pay out,
 * and a sync with its progress; at the end, the way to the user's data
 * (export it, or delete the account).
 */
@Composable
fun DashboardScreen(holder: DashboardStateHolder, onLink: () -> Unit, onRelink: (ULong) -> Unit, onYourData: () -> Unit) {
    val state by holder.state.collectAsState()
    LaunchedEffect(holder) { holder.refresh() }

    ScreenList(stringResource(R.string.dashboard_title)) {
        item { Totals(state) }
        item {
            // Each button may take half the row at most, so large text wraps inside it instead of being cut.
            Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                Button(onClick = { holder.sync() }, enabled = !state.syncing, modifier = Modifier.weight(1f, fill = false)) {
                    Text(stringResource(R.string.dashboard_sync))
                }
                OutlinedButton(onClick = onLink, modifier = Modifier.weight(1f, fill = false)) {
                    Text(stringResource(R.string.dashboard_link))
                }
            }
        }
        state.error?.let { item { ErrorText(it) } }
        state.refunded?.let { item { StatusText(it, spoken = state.refundedLabel) } }
        // What the last edit or removal did (after a removal, whether the issuer revoked Sweep's access).
        state.changed?.let { item { StatusText(it, spoken = state.changedLabel) } }
        state.removing?.let { asked ->
            item {
                Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    StatusText(asked.question)
                    Text(asked.explanation, style = MaterialTheme.typography.bodySmall)
                    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        Button(onClick = { holder.confirmRemove() }, modifier = Modifier.weight(1f, fill = false)) {
                            Text(stringResource(R.string.dashboard_remove))
                        }
                        TextButton(onClick = { holder.cancelRemove() }, modifier = Modifier.weight(1f, fill = false)) {
                            Text(stringResource(R.string.common_cancel))
                        }
                    }
                }
            }
        }
        // What balances may still give back, or lose soon, under the refund rules (a reminder's tap lands here).
        if (state.refundAdvice.isNotEmpty()) item { RefundAdvice(state.refundAdvice) }
        if (state.sources.isEmpty() && !state.loading) {
            item { Text(stringResource(R.string.dashboard_empty)) }
        }
        items(state.sources, key = { it.sourceId.toString() }) { row ->
            SourceCard(
                row,
                onRelink = { onRelink(row.sourceId) },
                onRefund = { holder.refundToBill(row.sourceId) },
                onRemove = { holder.askToRemove(row.sourceId) },
            )
        }
        // Export everything Sweep holds, or delete the account (DataRightsScreen).
        item { TextButton(onClick = onYourData) { Text(stringResource(R.string.dashboard_your_data)) } }
    }
}

@Composable
private fun Totals(state: DashboardState) {
    Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
        SectionTitle(stringResource(R.string.dashboard_cashable))
        if (state.cashable.isEmpty()) Text(stringResource(R.string.dashboard_nothing_cashable))
        // Read in words ("만 이천삼백사십 원"), by the holder's labels.
        state.cashable.zip(state.cashableLabels).forEach { (shown, spoken) ->
            Text(shown, Modifier.semantics { contentDescription = spoken }, style = MaterialTheme.typography.headlineMedium)
        }
        // Currencies the provider does not pay out, in the core's words: that money is tracked, not cashable.
        state.notPaidOut.forEach { note ->
            Text(note, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.onSurfaceVariant)
        }
        if (state.syncing) {
            StatusText(
                if (state.syncTotal > 0) {
                    pluralStringResource(R.plurals.dashboard_syncing, state.syncTotal, state.synced, state.syncTotal)
                } else {
                    stringResource(R.string.dashboard_sync_starting)
                },
            )
            // TalkBack: "Sync progress", then the percentage (or "in progress" before the count is known).
            val progressLabel = stringResource(R.string.dashboard_sync_progress)
            val described = Modifier.fillMaxWidth().semantics { contentDescription = progressLabel }
            if (state.syncTotal > 0) {
                val done = state.synced.toFloat() / state.syncTotal
                LinearProgressIndicator(progress = { done.coerceIn(0f, 1f) }, modifier = described)
            } else {
                LinearProgressIndicator(modifier = described)
            }
        }
    }
}

/** Each piece of refund advice, read with its amounts in words, and the rule it rests on below it. */
@Composable
private fun RefundAdvice(lines: List<RefundAdviceLine>) {
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        SectionTitle(stringResource(R.string.dashboard_refund_advice))
        lines.forEach { line ->
            Column(verticalArrangement = Arrangement.spacedBy(2.dp)) {
                Text(line.text, Modifier.semantics { contentDescription = line.textLabel }, style = MaterialTheme.typography.bodyMedium)
                Text(line.basis, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.onSurfaceVariant)
            }
        }
    }
}

@Composable
private fun SourceCard(row: SourceRow, onRelink: () -> Unit, onRefund: () -> Unit, onRemove: () -> Unit) {
    Card(modifier = Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Figure(row.name, row.balance, bold = true, spoken = row.balanceLabel)
            Text(row.eligibility, style = MaterialTheme.typography.bodyMedium)
            if (row.terms.isNotEmpty()) Text(row.terms, style = MaterialTheme.typography.bodySmall)
            Text(
                row.freshness,
                style = MaterialTheme.typography.labelMedium,
                color = if (row.needsAttention) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurfaceVariant,
            )
            if (row.needsAttention) TextButton(onClick = onRelink) { Text(stringResource(R.string.dashboard_sign_in_again)) }
            // Phone-bill money is never cashed out (소액결제 현금화 is illegal): it goes back to the bill.
            if (row.canRefundToBill) TextButton(onClick = onRefund) { Text(stringResource(R.string.dashboard_refund_to_bill)) }
            // Asks first (DashboardState.removing); the history stays either way.
            TextButton(onClick = onRemove) { Text(stringResource(R.string.dashboard_remove)) }
        }
    }
}
