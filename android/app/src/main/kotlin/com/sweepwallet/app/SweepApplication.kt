package com.sweepwallet.app

import android.app.Application
import androidx.core.app.NotificationManagerCompat
import com.sweepwallet.app.presentation.ReminderTarget
import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.WalletConfig
import com.sweepwallet.core.android.KeystoreKeyProvider
import java.io.File
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.MainScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch

/** Where opening the wallet stands. */
sealed interface WalletState {
    data object Opening : WalletState

    data class Ready(val session: SweepSession) : WalletState

    data class Failed(val message: String) : WalletState
}

/**
 * Opens the wallet once for the whole process, with its data key wrapped by
 * Android Keystore, and keeps the screens' state holders and the current
 * screen, so both outlive a rotation.
 */
class SweepApplication : Application() {
    /** The process's scope, on the main thread; the wallet's calls suspend in it without blocking that thread. */
    val scope: CoroutineScope = MainScope()

    /** The screen on show. */
    val route = MutableStateFlow<Route>(Route.FirstRun)

    private val mutableState = MutableStateFlow<WalletState>(WalletState.Opening)
    val state: StateFlow<WalletState> = mutableState.asStateFlow()

    private var opening: Job? = null

    // Where a reminder tapped before the first run was done points; the first run always comes first.
    private var afterFirstRun: ReminderTarget? = null

    /** What the app says, in the phone's language. */
    private val words by lazy { phoneWords(this) }

    override fun onCreate() {
        super.onCreate()
        openWallet()
        StatusWorker.schedule(this)
    }

    /**
     * Shows where a tapped reminder points: a lapsed link's sign-in, the
     * cash-out screen, or the dashboard (a balance's refund advice is
     * there). While the first run is on, it waits for [firstRunDone].
     * Main thread only.
     */
    fun show(target: ReminderTarget, session: SweepSession) {
        if (route.value == Route.FirstRun) {
            afterFirstRun = target
            return
        }
        route.value = when (target) {
            is ReminderTarget.Relink -> {
                session.link.beginRelink(target.sourceId)
                Route.LinkSource
            }
            ReminderTarget.CashOut -> Route.CashOut
            is ReminderTarget.Balance, ReminderTarget.Dashboard -> {
                session.dashboard.refresh()
                Route.Dashboard
            }
        }
    }

    /** The first run has nothing more to ask: on to the dashboard, or to where a tapped reminder pointed. */
    fun firstRunDone(session: SweepSession) {
        route.value = Route.Dashboard
        afterFirstRun?.let { show(it, session) }
        afterFirstRun = null
    }

    /**
     * Where "Export my data" writes (DataRightsStateHolder): the app's own
     * files, lent to the app the user shares them with by the FileProvider
     * of `res/xml/export_paths.xml`. Only the latest export is kept.
     */
    private val exportRoot: File get() = File(filesDir, "exports")

    /**
     * The account was deleted ([com.sweepwallet.app.presentation.DataRightsState.startFresh])
     * and the user has read what was done: drops the closed wallet, forgets
     * the reminders shown and takes down every notification, then opens a
     * new, empty wallet (with a new Keystore key) at the first run. Main
     * thread only.
     */
    fun startFresh(session: SweepSession) {
        if ((mutableState.value as? WalletState.Ready)?.session !== session) return
        session.close()
        PreferencesShownReminders(this).save(emptySet())
        NotificationManagerCompat.from(this).cancelAll()
        afterFirstRun = null
        route.value = Route.FirstRun
        mutableState.value = WalletState.Opening
        openWallet()
    }

    /**
     * Opens (on first launch, creates) the wallet. Call again after a
     * failure; while one attempt runs, or once it is open, this does nothing.
     * Main thread only.
     */
    fun openWallet() {
        if (mutableState.value is WalletState.Ready || opening?.isActive == true) return
        mutableState.value = WalletState.Opening
        opening = scope.launch {
            mutableState.value = try {
                // noBackupFilesDir: never copied to a backup or another phone.
                // The wallet speaks the language Android picked the app's resources in (walletLocale).
                val config = WalletConfig(dataDir = noBackupFilesDir.path, locale = words.locale)
                val keys = KeystoreKeyProvider(this@SweepApplication)
                val wallet = Wallet.open(config, keys)
                WalletState.Ready(SweepSession(wallet, words, scope, keys, exportRoot))
            } catch (e: SweepException) {
                WalletState.Failed(words.error(e))
            }
        }
    }
}
