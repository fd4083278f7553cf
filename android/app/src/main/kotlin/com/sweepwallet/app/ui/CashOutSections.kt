package com.sweepwallet.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyListScope
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.selection.selectable
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.unit.dp
import com.sweepwallet.app.R
import com.sweepwallet.core.Payee
import com.sweepwallet.core.Plan
import com.sweepwallet.core.Quote

/** The planner's suggestion: each balance to sweep in one sentence, what stays and why, and advice. */
fun LazyListScope.planSection(plan: Plan) {
    item { SectionTitle(stringResource(R.string.cash_out_suggested)) }
    items(plan.legs, key = { "leg-${it.sourceId}" }) { leg ->
        Column {
            AmountFigure(leg.sourceName, leg.net)
            Text(leg.explanation, style = MaterialTheme.typography.bodySmall)
        }
    }
    item {
        Column {
            AmountFigure(stringResource(R.string.cash_out_fees), plan.totalFee)
            AmountFigure(stringResource(R.string.cash_out_would_receive), plan.totalNet, bold = true)
            if (!plan.worthIt) ErrorText(stringResource(R.string.cash_out_not_worth_it))
        }
    }
    items(plan.advice) { advice -> Text(advice.text, style = MaterialTheme.typography.bodySmall) }
    // Each source left out: its name, then why (the core's sentence).
    items(plan.leftOut, key = { "left-${it.sourceId}" }) { left ->
        Column {
            Text(left.sourceName, style = MaterialTheme.typography.labelLarge)
            Text(left.reason, style = MaterialTheme.typography.bodySmall)
        }
    }
}

/** Where the money goes: one of the user's bank accounts. */
fun LazyListScope.payeeSection(payees: List<Payee>, chosen: ULong?, onChoose: (ULong) -> Unit) {
    item { SectionTitle(stringResource(R.string.cash_out_to)) }
    if (payees.isEmpty()) item { Text(stringResource(R.string.cash_out_no_payee)) }
    items(payees, key = { "payee-${it.payeeId}" }) { payee ->
        val selected = payee.payeeId == chosen
        Row(
            // The row is the radio button, so TalkBack reads the account with its state.
            Modifier
                .fillMaxWidth()
                .heightIn(min = 48.dp)
                .selectable(selected = selected, onClick = { onChoose(payee.payeeId) }, role = Role.RadioButton),
            verticalAlignment = Alignment.CenterVertically,
            horizontalArrangement = Arrangement.spacedBy(8.dp),
        ) {
            RadioButton(selected = selected, onClick = null)
            Text(payee.hint, Modifier.weight(1f))
        }
    }
}

/** A locked quote, fee by fee, with its time limit: all shown before the confirm button. */
fun LazyListScope.quoteSection(quote: Quote) {
    val breakdown = quote.breakdown
    item { SectionTitle(stringResource(R.string.cash_out_from)) }
    items(breakdown.legs, key = { "quote-${it.sourceId}" }) { leg ->
        Column {
            AmountFigure(leg.sourceName, leg.gross)
            AmountFigure(stringResource(R.string.cash_out_leg_fee), leg.fee)
        }
    }
    item {
        Card(modifier = Modifier.fillMaxWidth()) {
            Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
                AmountFigure(stringResource(R.string.cash_out_taken), breakdown.totalGross)
                AmountFigure(stringResource(R.string.cash_out_withdrawal_fee), breakdown.withdrawalFee)
                AmountFigure(stringResource(R.string.cash_out_all_fees), breakdown.totalFee)
                AmountFigure(stringResource(R.string.cash_out_you_receive), breakdown.totalNet, bold = true)
                Figure(stringResource(R.string.cash_out_arrives), eta(breakdown.etaSeconds))
                Text(
                    stringResource(R.string.cash_out_quote_holds, timeOfDay(quote.expiresAt)),
                    style = MaterialTheme.typography.bodySmall,
                )
            }
        }
    }
}
