package com.sweepwallet.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
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
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.unit.dp
import com.sweepwallet.core.Payee
import com.sweepwallet.core.Plan
import com.sweepwallet.core.Quote

/** The planner's suggestion: each balance to sweep in one sentence, what stays and why, and advice. */
fun LazyListScope.planSection(plan: Plan) {
    item { Text("Suggested", style = MaterialTheme.typography.titleMedium) }
    items(plan.legs, key = { "leg-${it.sourceId}" }) { leg ->
        Column {
            Figure(leg.sourceName, leg.net.formatted)
            Text(leg.explanation, style = MaterialTheme.typography.bodySmall)
        }
    }
    item {
        Column {
            Figure("Fees", plan.totalFee.formatted)
            Figure("You would receive", plan.totalNet.formatted, bold = true)
            if (!plan.worthIt) ErrorText("The fees take most of it; waiting for more may be better.")
        }
    }
    items(plan.advice) { advice -> Text(advice.text, style = MaterialTheme.typography.bodySmall) }
    items(plan.leftOut, key = { "left-${it.sourceId}" }) { left ->
        Text("${left.sourceName}: ${left.reason}", style = MaterialTheme.typography.bodySmall)
    }
}

/** Where the money goes: one of the user's bank accounts. */
fun LazyListScope.payeeSection(payees: List<Payee>, chosen: ULong?, onChoose: (ULong) -> Unit) {
    item { Text("To", style = MaterialTheme.typography.titleMedium) }
    if (payees.isEmpty()) item { Text("No bank account yet: add one to cash out to.") }
    items(payees, key = { "payee-${it.payeeId}" }) { payee ->
        val selected = payee.payeeId == chosen
        Row(
            Modifier
                .fillMaxWidth()
                .selectable(selected = selected, onClick = { onChoose(payee.payeeId) }, role = Role.RadioButton),
            verticalAlignment = Alignment.CenterVertically,
        ) {
            RadioButton(selected = selected, onClick = null)
            Text(payee.hint)
        }
    }
}

/** A locked quote, fee by fee, with its time limit: all shown before the confirm button. */
fun LazyListScope.quoteSection(quote: Quote) {
    val breakdown = quote.breakdown
    item { Text("From", style = MaterialTheme.typography.titleMedium) }
    items(breakdown.legs, key = { "quote-${it.sourceId}" }) { leg ->
        Column {
            Figure(leg.sourceName, leg.gross.formatted)
            Figure("fee", leg.fee.formatted)
        }
    }
    item {
        Card(modifier = Modifier.fillMaxWidth()) {
            Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
                Figure("Taken from your balances", breakdown.totalGross.formatted)
                Figure("Withdrawal fee", breakdown.withdrawalFee.formatted)
                Figure("All fees", breakdown.totalFee.formatted)
                Figure("You receive", breakdown.totalNet.formatted, bold = true)
                Figure("Arrives", eta(breakdown.etaSeconds))
                Text(
                    "This quote holds until ${timeOfDay(quote.expiresAt)}; after that, ask for a new one.",
                    style = MaterialTheme.typography.bodySmall,
                )
            }
        }
    }
}
