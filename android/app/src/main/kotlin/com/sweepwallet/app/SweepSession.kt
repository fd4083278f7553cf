package com.sweepwallet.app

import com.sweepwallet.app.presentation.CashOutStateHolder
import com.sweepwallet.app.presentation.DashboardStateHolder
import com.sweepwallet.app.presentation.DataRightsStateHolder
import com.sweepwallet.app.presentation.FirstRunStateHolder
import com.sweepwallet.app.presentation.HistoryStateHolder
import com.sweepwallet.app.presentation.IdCaptureStateHolder
import com.sweepwallet.app.presentation.LinkSourceStateHolder
import com.sweepwallet.app.presentation.StatusNotifier
import com.sweepwallet.app.presentation.TimelineStateHolder
import com.sweepwallet.app.presentation.Words
import com.sweepwallet.core.Authenticator
import com.sweepwallet.core.KeyProvider
import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Wallet
import java.io.File
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/**
 * An open wallet, what its screens say ([words], in the wallet's language), and the state holders of its screens.
 * [keys] is the key provider the wallet was opened with (deleting the account deletes its key); exports are
 * written under [exportRoot], where the app's FileProvider can lend them to the app the user shares them with.
 */
class SweepSession(
    val wallet: Wallet,
    val words: Words,
    private val scope: CoroutineScope,
    keys: KeyProvider,
    exportRoot: File,
) : AutoCloseable {
    val dashboard = DashboardStateHolder(wallet, scope, words)
    val link = LinkSourceStateHolder(wallet, scope, words)
    val cashOut = CashOutStateHolder(wallet, scope, words)
    val idCapture = IdCaptureStateHolder(wallet, scope, words)
    /** The app starts here: fees, unfinished work carried on (once, at start), the user's own account. */
    val firstRun = FirstRunStateHolder(wallet, scope, words, SourceCatalog.PROVIDER_URL, SourceCatalog.NUMBER_VERIFICATION_URL)
    val history = HistoryStateHolder(wallet, scope, words)
    /** Your data: export it (masked or in full), or delete the account. */
    val dataRights = DataRightsStateHolder(wallet, scope, words, keys, exportRoot)

    /** The words of status notifications. */
    val notifier = StatusNotifier(words)

    /** One per visit to a withdrawal's timeline; close it when the screen goes. */
    fun timeline(withdrawalId: ULong) = TimelineStateHolder(wallet, scope, withdrawalId, words)

    private val mutableConfirmationProblem = MutableStateFlow<String?>(null)

    /** Why cash-outs cannot be confirmed on this phone, if they cannot (no biometric enrolled, say). */
    val confirmationProblem: StateFlow<String?> = mutableConfirmationProblem.asStateFlow()

    @Volatile private var registered = false

    /**
     * Ends this session once its wallet is gone (the account was deleted):
     * stops the dashboard's sync subscription and frees the wallet's handle.
     */
    override fun close() {
        dashboard.close()
        wallet.close()
    }

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
            mutableConfirmationProblem.value = words.error(e)
        }
    }
}
