package com.sweepwallet.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Button
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
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import com.sweepwallet.app.R
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

    ScreenList(stringResource(R.string.cash_out_title)) {
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
                        label = { Text(stringResource(R.string.cash_out_amount)) },
                        placeholder = { Text(stringResource(R.string.cash_out_amount_placeholder)) },
                        supportingText = { Text(stringResource(R.string.cash_out_amount_hint)) },
                        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Number),
                        singleLine = true,
                        modifier = Modifier.fillMaxWidth(),
                    )
                }
                items(state.limits.zip(state.limitsLabels)) { (line, spoken) ->
                    Text(line, Modifier.semantics { contentDescription = spoken }, style = MaterialTheme.typography.bodySmall)
                }
                item {
                    // The whole row is the switch: TalkBack reads its words, "switch" and on or off.
                    Row(
                        Modifier
                            .fillMaxWidth()
                            .heightIn(min = 48.dp)
                            .toggleable(value = state.instant, role = Role.Switch, onValueChange = { holder.setInstant(it) }),
                        verticalAlignment = Alignment.CenterVertically,
                        horizontalArrangement = Arrangement.spacedBy(8.dp),
                    ) {
                        Switch(checked = state.instant, onCheckedChange = null)
                        // TalkBack hears the extra fee in words (instantExtraLabel).
                        val heard = state.instantExtraLabel?.let { stringResource(R.string.cash_out_instant_extra, it) }
                            ?: stringResource(R.string.cash_out_instant)
                        Text(
                            state.instantExtra?.let { stringResource(R.string.cash_out_instant_extra, it) }
                                ?: stringResource(R.string.cash_out_instant),
                            Modifier.weight(1f).semantics { contentDescription = heard },
                        )
                    }
                }
                payeeSection(state.payees, state.payeeId, onChoose = { holder.choosePayee(it) })
                item {
                    Button(onClick = { holder.requestQuote() }, enabled = state.payeeId != null && !state.busy) {
                        Text(stringResource(R.string.cash_out_see_fees))
                    }
                }
            }
            CashOutStep.REVIEW -> {
                state.quote?.let { quoteSection(it) }
                if (state.safetyGuide.isNotEmpty()) {
                    item { SectionTitle(stringResource(R.string.cash_out_safety_title)) }
                    items(state.safetyGuide) { line -> Text(line, style = MaterialTheme.typography.bodySmall) }
                }
                state.risk?.takeIf { it.reasons.isNotEmpty() }?.let { risk ->
                    item {
                        SectionTitle(
                            stringResource(if (risk.level == RiskLevel.STEP_UP) R.string.cash_out_stop_and_check else R.string.cash_out_before_confirm),
                        )
                    }
                    items(risk.reasons) { reason -> Text(reason.text) }
                    if (risk.level == RiskLevel.STEP_UP && !state.riskAccepted) {
                        item { OutlinedButton(onClick = { holder.acceptRisk() }) { Text(stringResource(R.string.cash_out_accept_risk)) } }
                    }
                }
                item {
                    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                        confirmationProblem?.let { ErrorText(it) }
                        Button(
                            onClick = { holder.confirm(authenticator) },
                            enabled = confirmationProblem == null && !state.busy,
                            modifier = Modifier.fillMaxWidth(),
                        ) { Text(stringResource(R.string.cash_out_confirm)) }
                        TextButton(onClick = { holder.edit() }) { Text(stringResource(R.string.cash_out_change_amount)) }
                    }
                }
            }
            CashOutStep.CONFIRMING -> item { Busy(stringResource(R.string.cash_out_confirming)) }
            CashOutStep.APPROVE_AT_BANK -> item {
                Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    StatusText(stringResource(R.string.cash_out_bank_approval))
                    state.bankApprovalUrl?.let { url ->
                        Button(onClick = { openInCustomTab(context, url) }, enabled = !state.busy) {
                            Text(stringResource(R.string.cash_out_approve_at_bank))
                        }
                    }
                }
            }
            CashOutStep.SUBMITTED -> state.withdrawal?.let { withdrawal ->
                item {
                    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                        AmountFigure(stringResource(R.string.cash_out_submitted), withdrawal.net, bold = true)
                        Button(onClick = { onFollow(withdrawal.withdrawalId) }) { Text(stringResource(R.string.cash_out_follow)) }
                    }
                }
            }
        }
        state.error?.let { item { ErrorText(it) } }
    }
}
