package com.sweepwallet.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Button
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import com.sweepwallet.app.presentation.CashOutStateHolder
import com.sweepwallet.app.presentation.CashOutStep
import com.sweepwallet.core.Authenticator
import com.sweepwallet.core.RiskLevel

/**
 * Cash out: the planner's suggestion, the amount and the payee, then a
 * locked quote with every fee shown before the user confirms with a
 * fingerprint or face ([authenticator] signs exactly that amount, payee
 * and quote).
 *
 * @param confirmationProblem why this phone cannot confirm, if it cannot.
 */
@Composable
fun CashOutScreen(
    holder: CashOutStateHolder,
    authenticator: Authenticator,
    confirmationProblem: String?,
    onFollow: (ULong) -> Unit,
) {
    val state by holder.state.collectAsState()
    val context = LocalContext.current
    // The field keeps its own text so typing never waits for the state to come back.
    var amount by rememberSaveable { mutableStateOf(state.amountText) }
    LaunchedEffect(holder) { holder.load() }

    ScreenList("Cash out") {
        when (state.step) {
            CashOutStep.ENTER -> {
                state.suggestion?.let { planSection(it) }
                item {
                    OutlinedTextField(
                        value = amount,
                        onValueChange = {
                            amount = it
                            holder.setAmount(it)
                        },
                        label = { Text("Amount to receive") },
                        placeholder = { Text("Everything cashable") },
                        supportingText = { Text("Leave it empty to cash out everything you can.") },
                        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Number),
                        singleLine = true,
                        modifier = Modifier.fillMaxWidth(),
                    )
                }
                items(state.limits) { line -> Text(line, style = MaterialTheme.typography.bodySmall) }
                item {
                    Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        Switch(checked = state.instant, onCheckedChange = { holder.setInstant(it) })
                        Text(state.instantExtra?.let { "Instant payout ($it)" } ?: "Instant payout")
                    }
                }
                payeeSection(state.payees, state.payeeId, onChoose = { holder.choosePayee(it) })
                item {
                    Button(onClick = { holder.requestQuote() }, enabled = state.payeeId != null && !state.busy) {
                        Text("See the fees")
                    }
                }
            }
            CashOutStep.REVIEW -> {
                state.quote?.let { quoteSection(it) }
                if (state.safetyGuide.isNotEmpty()) {
                    item { Text("Before your first cash-out", style = MaterialTheme.typography.titleMedium) }
                    items(state.safetyGuide) { line -> Text(line, style = MaterialTheme.typography.bodySmall) }
                }
                state.risk?.takeIf { it.reasons.isNotEmpty() }?.let { risk ->
                    item { Text(if (risk.level == RiskLevel.STEP_UP) "Stop and check" else "Before you confirm", style = MaterialTheme.typography.titleMedium) }
                    items(risk.reasons) { reason -> Text(reason.text) }
                    if (risk.level == RiskLevel.STEP_UP && !state.riskAccepted) {
                        item { OutlinedButton(onClick = { holder.acceptRisk() }) { Text("I understand, and I am sure") } }
                    }
                }
                item {
                    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                        confirmationProblem?.let { ErrorText(it) }
                        Button(
                            onClick = { holder.confirm(authenticator) },
                            enabled = confirmationProblem == null && !state.busy,
                            modifier = Modifier.fillMaxWidth(),
                        ) { Text("Confirm with your fingerprint or face") }
                        TextButton(onClick = { holder.edit() }) { Text("Change the amount") }
                    }
                }
            }
            CashOutStep.CONFIRMING -> item {
                Row(horizontalArrangement = Arrangement.spacedBy(12.dp)) {
                    CircularProgressIndicator()
                    Text("Waiting for your confirmation and the provider…")
                }
            }
            CashOutStep.APPROVE_AT_BANK -> item {
                Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    Text("Part of this cash-out comes from your bank. Approve that payment at your bank; nothing leaves it until you do.")
                    state.bankApprovalUrl?.let { url ->
                        Button(onClick = { openInCustomTab(context, url) }, enabled = !state.busy) {
                            Text("Approve at your bank")
                        }
                    }
                }
            }
            CashOutStep.SUBMITTED -> state.withdrawal?.let { withdrawal ->
                item {
                    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                        Figure("Submitted: you receive", withdrawal.net.formatted, bold = true)
                        Button(onClick = { onFollow(withdrawal.withdrawalId) }) { Text("Follow it") }
                    }
                }
            }
        }
        state.error?.let { item { ErrorText(it) } }
    }
}
