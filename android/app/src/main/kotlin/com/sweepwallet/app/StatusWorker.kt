package com.sweepwallet.app

import android.Manifest
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.os.Build
import androidx.core.app.NotificationCompat
import androidx.core.app.NotificationManagerCompat
import androidx.core.content.ContextCompat
import androidx.work.CoroutineWorker
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.PeriodicWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.WorkerParameters
import com.sweepwallet.app.presentation.ReminderChannel
import com.sweepwallet.app.presentation.ReminderNotification
import com.sweepwallet.app.presentation.ReminderScheduler
import com.sweepwallet.app.presentation.ReminderTarget
import com.sweepwallet.core.SweepException
import java.time.Duration
import java.time.Instant
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull

/**
 * Every 15 minutes (WorkManager's shortest period), posts the wallet's
 * reminders (money expiring soon, refunds that became possible, links to
 * sign in to again, a cash-out worth doing), then carries on unfinished
 * withdrawals and posts a notification for each change the user cares
 * about. Which changes notify, and only once, is the core's call
 * (`Wallet.statusNotices`), their words `StatusNotifier`'s; which reminders
 * are new, their words, channels and tap targets are `ReminderScheduler`'s
 * (presentation layer), which keeps the ones shown in
 * [PreferencesShownReminders]. All of that is tested; this only plumbs it
 * to Android.
 */
class StatusWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result {
        val app = applicationContext as SweepApplication
        // openWallet is main-thread only; the worker runs on a background thread.
        withContext(Dispatchers.Main) { app.openWallet() }
        val ready = withTimeoutOrNull(30_000) { app.state.first { it !is WalletState.Opening } } as? WalletState.Ready
            ?: return Result.retry()
        val session = ready.session

        // Offline: the store and the cached fee schedule. A failing wallet gives none (and forgets none).
        val reminders = ReminderScheduler(session.wallet, PreferencesShownReminders(applicationContext), session.words).check()
        reminders.gone.forEach { NotificationManagerCompat.from(applicationContext).cancel(it, REMINDER_ID) }
        reminders.post.forEach { post(it) }

        val notices = try {
            session.wallet.statusNotices()
        } catch (e: SweepException) {
            return Result.retry()
        }
        notices.map(session.notifier::of).forEach { post(it.key, it.title, it.text) }
        return Result.success()
    }

    /** A cash-out's status change, on the cash-outs channel. */
    private fun post(key: String, title: String, text: String) {
        val context = applicationContext
        // Android 13 and later: nothing until the user allows notifications (MainActivity asks).
        if (Build.VERSION.SDK_INT >= 33 &&
            ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED
        ) {
            return
        }
        channel(context, CHANNEL, context.getString(R.string.notification_channel_cash_outs), NotificationManager.IMPORTANCE_DEFAULT)
        val notification = NotificationCompat.Builder(context, CHANNEL)
            .setSmallIcon(android.R.drawable.stat_notify_sync)
            .setContentTitle(title)
            .setContentText(text)
            .setAutoCancel(true)
            .build()
        NotificationManagerCompat.from(context).notify(key.hashCode(), notification)
    }

    /**
     * A reminder, on its kind's channel, tagged with its key (so a later
     * check can take it down), opening the screen it points to when tapped,
     * and gone by itself once its fact ends (an expiry).
     */
    private fun post(reminder: ReminderNotification) {
        val context = applicationContext
        // Android 13 and later: nothing until the user allows notifications (MainActivity asks).
        if (Build.VERSION.SDK_INT >= 33 &&
            ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED
        ) {
            return
        }
        val (name, importance) = when (reminder.channel) {
            ReminderChannel.MONEY -> R.string.notification_channel_reminders_money to NotificationManager.IMPORTANCE_DEFAULT
            ReminderChannel.SIGN_IN -> R.string.notification_channel_reminders_sign_in to NotificationManager.IMPORTANCE_DEFAULT
            ReminderChannel.CASH_OUT -> R.string.notification_channel_reminders_cash_out to NotificationManager.IMPORTANCE_LOW
        }
        channel(context, reminder.channel.id, context.getString(name), importance)
        val builder = NotificationCompat.Builder(context, reminder.channel.id)
            .setSmallIcon(android.R.drawable.ic_popup_reminder)
            .setContentTitle(reminder.title)
            .setContentText(reminder.text)
            // The core's sentence may be longer than one line.
            .setStyle(NotificationCompat.BigTextStyle().bigText(reminder.text))
            .setCategory(NotificationCompat.CATEGORY_REMINDER)
            .setContentIntent(tap(context, reminder.key, reminder.target))
            .setAutoCancel(true)
        reminder.due?.let { Duration.between(Instant.now(), it).toMillis() }?.takeIf { it > 0 }?.let(builder::setTimeoutAfter)
        NotificationManagerCompat.from(context).notify(reminder.key, REMINDER_ID, builder.build())
    }

    companion object {
        private const val CHANNEL = "cash-outs"

        /** Reminders are told apart by their tag (their key); the id is the same for all. */
        private const val REMINDER_ID = 1

        /** Schedules the check; keeps an existing schedule as it is. */
        fun schedule(context: Context) {
            val request = PeriodicWorkRequestBuilder<StatusWorker>(15, TimeUnit.MINUTES).build()
            WorkManager.getInstance(context).enqueueUniquePeriodicWork("cash-out-status", ExistingPeriodicWorkPolicy.KEEP, request)
        }

        /** Creates the channel, or renames it to the phone's language; Android keeps the user's settings. */
        private fun channel(context: Context, id: String, name: String, importance: Int) {
            if (Build.VERSION.SDK_INT >= 26) {
                context.getSystemService(NotificationManager::class.java).createNotificationChannel(NotificationChannel(id, name, importance))
            }
        }

        /** Opens MainActivity at [target]; one PendingIntent per reminder, so each keeps its own target. */
        private fun tap(context: Context, key: String, target: ReminderTarget): PendingIntent {
            val open = Intent(context, MainActivity::class.java)
                .setAction(MainActivity.ACTION_REMINDER)
                .putExtra(MainActivity.EXTRA_REMINDER_TARGET, target.code)
                .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_SINGLE_TOP)
            return PendingIntent.getActivity(context, key.hashCode(), open, PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT)
        }
    }
}
