package com.sweepwallet.app

import com.sweepwallet.app.presentation.CashOutStateHolder
import com.sweepwallet.app.presentation.DashboardStateHolder
import com.sweepwallet.app.presentation.FirstRunStateHolder
import com.sweepwallet.app.presentation.HistoryStateHolder
import com.sweepwallet.app.presentation.IdCaptureStateHolder
import android.icu.text.RuleBasedNumberFormat
import android.icu.util.ULocale
import com.sweepwallet.app.presentation.LinkSourceStateHolder
import com.sweepwallet.app.presentation.Speech
import com.sweepwallet.app.presentation.Text
import com.sweepwallet.app.presentation.TimelineStateHolder
import com.sweepwallet.core.Authenticator
import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Wallet
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/**
 * Amounts read aloud in the phone's language, with the spell-out rules
 * Android ships (android.icu, API 24+).
 */
private fun phoneSpeech(): Speech {
    val locale = ULocale.getDefault()
    val rules = RuleBasedNumberFormat(locale, RuleBasedNumberFormat.SPELLOUT)
    return Speech(korean = locale.language == "ko") { rules.format(it) }
}

/** An open wallet and the state holders of its screens. */
class SweepSession(val wallet: Wallet, private val scope: CoroutineScope) {
    private val speech = phoneSpeech()
    val dashboard = DashboardStateHolder(wallet, scope, speech = speech)
    val link = LinkSourceStateHolder(wallet, scope)
    val cashOut = CashOutStateHolder(wallet, scope)
    val idCapture = IdCaptureStateHolder(wallet, scope)
    /** The app starts here: fees, unfinished work carried on (once, at start), the user's own account. */
    val firstRun = FirstRunStateHolder(wallet, scope, SourceCatalog.PROVIDER_URL, SourceCatalog.NUMBER_VERIFICATION_URL)
    val history = HistoryStateHolder(wallet, scope, speech = speech)

    /** One per visit to a withdrawal's timeline; close it when the screen goes. */
    fun timeline(withdrawalId: ULong) = TimelineStateHolder(wallet, scope, withdrawalId)

    private val mutableConfirmationProblem = MutableStateFlow<String?>(null)

    /** Why cash-outs cannot be confirmed on this phone, if they cannot (no biometric enrolled, say). */
    val confirmationProblem: StateFlow<String?> = mutableConfirmationProblem.asStateFlow()

    @Volatile private var registered = false

    /**
     * Registers the confirmation key's public half with the wallet, once per
     * process (the same Keystore key each time; making it needs no
     * biometric). A failure only disables cash-outs, with its reason shown.
     */
    suspend fun registerConfirmation(authenticator: Authenticator) {
        if (registered) return
        try {
            wallet.registerAuthenticator(authenticator)
            registered = true
            mutableConfirmationProblem.value = null
        } catch (e: SweepException) {
            mutableConfirmationProblem.value = Text.error(e)
        }
    }
}
