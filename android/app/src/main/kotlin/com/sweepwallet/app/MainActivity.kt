package com.sweepwallet.app

import android.Manifest
import android.content.Intent
import android.content.pm.PackageManager
import android.os.Build
import android.os.Bundle
import androidx.activity.compose.setContent
import androidx.activity.result.contract.ActivityResultContracts
import androidx.core.content.ContextCompat
import androidx.fragment.app.FragmentActivity
import com.sweepwallet.app.presentation.CashOutStep
import com.sweepwallet.app.presentation.ReminderTarget
import com.sweepwallet.app.ui.SweepApp
import com.sweepwallet.core.android.BiometricKeystoreAuthenticator
import kotlinx.coroutines.flow.filterIsInstance
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch

/**
 * The app's one activity: the Compose screens, and the end of every
 * sign-in, whose redirect (`com.sweepwallet.app:/oauth/callback?…`) it
 * passes to [com.sweepwallet.app.presentation.LinkSourceStateHolder.onRedirect],
 * or, while a cash-out waits for a bank payment's approval, to
 * [com.sweepwallet.app.presentation.CashOutStateHolder.onBankRedirect].
 *
 * A FragmentActivity because BiometricPrompt needs one.
 */
class MainActivity : FragmentActivity() {
    private val app: SweepApplication get() = application as SweepApplication

    // Android 13 and later ask before an app may post notifications (StatusWorker's).
    private val askToNotify = registerForActivityResult(ActivityResultContracts.RequestPermission()) { }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        // One per activity: it holds this activity (weakly) to show its prompt.
        val authenticator = BiometricKeystoreAuthenticator(this)
        // A redirect (or a tapped reminder) that started the activity; after a rotation it was handled already.
        if (savedInstanceState == null) {
            forwardRedirect(intent)
            openReminder(intent)
        }
        // A redirect that came back to the running activity (singleTask), or a reminder tapped while it runs.
        addOnNewIntentListener {
            forwardRedirect(it)
            openReminder(it)
        }
        if (savedInstanceState == null && Build.VERSION.SDK_INT >= 33 &&
            ContextCompat.checkSelfPermission(this, Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED
        ) {
            askToNotify.launch(Manifest.permission.POST_NOTIFICATIONS)
        }
        setContent {
            SweepApp(app, authenticator)
        }
    }

    /** A reminder's notification was tapped (StatusWorker): go where it points, once the wallet is open. */
    private fun openReminder(intent: Intent?) {
        if (intent == null || intent.action != ACTION_REMINDER) return
        val target = ReminderTarget.parse(intent.getStringExtra(EXTRA_REMINDER_TARGET)) ?: return
        app.scope.launch {
            val ready = app.state.filterIsInstance<WalletState.Ready>().first()
            app.show(target, ready.session)
        }
    }

    private fun forwardRedirect(intent: Intent?) {
        if (intent == null) return
        val uri = intent.data ?: return
        if (intent.action != Intent.ACTION_VIEW ||
            uri.scheme != SourceCatalog.REDIRECT_SCHEME ||
            uri.path != SourceCatalog.REDIRECT_PATH
        ) {
            return
        }
        // In the process's scope: the exchange finishes even if the activity goes.
        app.scope.launch {
            val ready = app.state.filterIsInstance<WalletState.Ready>().first()
            // The same redirect ends a bank payment's approval while a cash-out waits for one.
            if (ready.session.cashOut.state.value.step == CashOutStep.APPROVE_AT_BANK) {
                app.route.value = Route.CashOut
                ready.session.cashOut.onBankRedirect(uri.toString())
            } else {
                app.route.value = Route.LinkSource
                ready.session.link.onRedirect(uri.toString())
            }
        }
    }

    companion object {
        /** The action of a reminder's tap (StatusWorker). */
        const val ACTION_REMINDER = "com.sweepwallet.app.action.REMINDER"

        /** Where the reminder points: a `ReminderTarget.code`. */
        const val EXTRA_REMINDER_TARGET = "com.sweepwallet.app.extra.REMINDER_TARGET"
    }
}
