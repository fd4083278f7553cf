package com.sweepwallet.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Row
import androidx.compose.material3.Button
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.RadioButton
import androidx.compose.material3.OutlinedTextField
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
import androidx.compose.ui.unit.dp
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

    ScreenList("Getting ready") {
        state.scheduleNote?.let { item { Text(it) } }
        when (state.step) {
            FirstRunStep.STARTING, FirstRunStep.READY -> item { CircularProgressIndicator() }
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
    Text("Where should your money go? Add a bank account or wallet in your own name.")
    Row(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalAlignment = Alignment.CenterVertically) {
        RadioButton(selected = !toWallet, onClick = { toWallet = false })
        Text("Bank account")
        RadioButton(selected = toWallet, onClick = { toWallet = true })
        Text("Wallet")
    }
    val (firstLabel, secondLabel) = if (toWallet) {
        "Wallet, for example toss or kakaopay" to "Your handle there"
    } else {
        "Bank code, for example 088" to "Account number"
    }
    OutlinedTextField(value = first, onValueChange = { first = it }, label = { Text(firstLabel) })
    OutlinedTextField(value = second, onValueChange = { second = it }, label = { Text(secondLabel) })
    OutlinedTextField(value = name, onValueChange = { name = it }, label = { Text("Account holder (your name)") })
    val filled = first.isNotBlank() && second.isNotBlank() && name.isNotBlank()
    Button(
        enabled = !busy && filled,
        onClick = { if (toWallet) holder.addOwnWallet(first, second, name) else holder.addOwnAccount(first, second, name) },
    ) {
        Text(if (toWallet) "Add my wallet" else "Add my account")
    }
}

/** The optional phone check with the mobile operator. */
@Composable
private fun PhoneForm(busy: Boolean, onVerify: (String) -> Unit, onSkip: () -> Unit) {
    var phone by remember { mutableStateOf("") }
    Text("Confirm this phone's number with your operator for higher limits.")
    OutlinedTextField(value = phone, onValueChange = { phone = it }, label = { Text("Phone number, for example +821012345678") })
    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Button(enabled = !busy && phone.isNotBlank(), onClick = { onVerify(phone) }) { Text("Confirm") }
        TextButton(onClick = onSkip) { Text("Not now") }
    }
}
