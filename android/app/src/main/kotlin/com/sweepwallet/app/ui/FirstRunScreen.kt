package com.sweepwallet.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.selectableGroup
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Button
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import com.sweepwallet.app.R
import com.sweepwallet.app.presentation.FirstRunStateHolder
import com.sweepwallet.app.presentation.FirstRunStep

/**
 * The first run: fees and unfinished work at start, then the user's own
 * bank account or wallet (the add-payee screen), then the optional phone
 * check.
 * [onReady] runs once nothing is missing.
 */
@Composable
fun FirstRunScreen(holder: FirstRunStateHolder, onReady: () -> Unit) {
    val state by holder.state.collectAsState()
    LaunchedEffect(holder) { holder.start() }
    LaunchedEffect(state.step) { if (state.step == FirstRunStep.READY) onReady() }

    ScreenList(stringResource(R.string.first_run_title)) {
        state.scheduleNote?.let { item { StatusText(it) } }
        when (state.step) {
            FirstRunStep.STARTING, FirstRunStep.READY -> item { Busy(stringResource(R.string.first_run_starting)) }
            FirstRunStep.ADD_OWN_ACCOUNT -> item { OwnAccountForm(state.busy, holder) }
            FirstRunStep.VERIFY_PHONE -> item { PhoneForm(state.busy, onVerify = { holder.verifyPhone(it) }, onSkip = { holder.skipPhone() }) }
        }
        state.error?.let { item { ErrorText(it) } }
    }
}

/** Your own bank account or wallet: cash-outs go to accounts in your name. */
@Composable
private fun OwnAccountForm(busy: Boolean, holder: FirstRunStateHolder) {
    var toWallet by remember { mutableStateOf(false) }
    var first by remember { mutableStateOf("") }
    var second by remember { mutableStateOf("") }
    var name by remember { mutableStateOf("") }
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(stringResource(R.string.first_run_own_account_intro))
        // One radio group: each row is a radio button with its words, one stop each for TalkBack.
        Column(Modifier.selectableGroup()) {
            Choice(stringResource(R.string.first_run_bank_account), selected = !toWallet, onSelect = { toWallet = false })
            Choice(stringResource(R.string.first_run_wallet), selected = toWallet, onSelect = { toWallet = true })
        }
        val firstLabel = stringResource(if (toWallet) R.string.first_run_wallet_provider else R.string.first_run_bank_code)
        val secondLabel = stringResource(if (toWallet) R.string.first_run_wallet_handle else R.string.first_run_account_number)
        OutlinedTextField(value = first, onValueChange = { first = it }, label = { Text(firstLabel) }, modifier = Modifier.fillMaxWidth())
        OutlinedTextField(value = second, onValueChange = { second = it }, label = { Text(secondLabel) }, modifier = Modifier.fillMaxWidth())
        OutlinedTextField(
            value = name,
            onValueChange = { name = it },
            label = { Text(stringResource(R.string.first_run_account_holder)) },
            modifier = Modifier.fillMaxWidth(),
        )
        val filled = first.isNotBlank() && second.isNotBlank() && name.isNotBlank()
        Button(
            enabled = !busy && filled,
            onClick = { if (toWallet) holder.addOwnWallet(first, second, name) else holder.addOwnAccount(first, second, name) },
        ) {
            Text(stringResource(if (toWallet) R.string.first_run_add_wallet else R.string.first_run_add_account))
        }
    }
}

/** One choice of a radio group: the whole row selects it. */
@Composable
private fun Choice(label: String, selected: Boolean, onSelect: () -> Unit) {
    Row(
        Modifier
            .fillMaxWidth()
            .heightIn(min = 48.dp)
            .selectable(selected = selected, onClick = onSelect, role = Role.RadioButton),
        horizontalArrangement = Arrangement.spacedBy(8.dp),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        RadioButton(selected = selected, onClick = null)
        Text(label, Modifier.weight(1f))
    }
}

/** The optional phone check with the mobile operator. */
@Composable
private fun PhoneForm(busy: Boolean, onVerify: (String) -> Unit, onSkip: () -> Unit) {
    var phone by remember { mutableStateOf("") }
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(stringResource(R.string.first_run_phone_intro))
        OutlinedTextField(
            value = phone,
            onValueChange = { phone = it },
            label = { Text(stringResource(R.string.first_run_phone_number)) },
            keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Phone),
            modifier = Modifier.fillMaxWidth(),
        )
        // Each button may take half the row at most, so large text wraps inside it instead of being cut.
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            Button(enabled = !busy && phone.isNotBlank(), onClick = { onVerify(phone) }, modifier = Modifier.weight(1f, fill = false)) {
                Text(stringResource(R.string.first_run_confirm))
            }
            TextButton(onClick = onSkip, modifier = Modifier.weight(1f, fill = false)) { Text(stringResource(R.string.first_run_not_now)) }
        }
    }
}
