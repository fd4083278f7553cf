package com.sweepwallet.app

import android.Manifest
import android.app.NotificationChannel
import android.app.NotificationManager
import android.content.Context
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
import com.sweepwallet.core.SweepException
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull

/**
 * Every 15 minutes (WorkManager's shortest period), carries on unfinished
 * withdrawals and posts a notification for each change the user cares
 * about. Which changes notify, and only once, is the core's call
 * (`Wallet.statusNotices`); the words are `StatusNotifier`'s (presentation
 * layer). Both are tested; this only plumbs them to Android.
 */
class StatusWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result {
        val app = applicationContext as SweepApplication
        // openWallet is main-thread only; the worker runs on a background thread.
        withContext(Dispatchers.Main) { app.openWallet() }
        val ready = withTimeoutOrNull(30_000) { app.state.first { it !is WalletState.Opening } } as? WalletState.Ready
            ?: return Result.retry()
        val notices = try {
            ready.session.wallet.statusNotices()
        } catch (e: SweepException) {
            return Result.retry()
        }
        notices.map(ready.session.notifier::of).forEach { post(it.key, it.title, it.text) }
        return Result.success()
    }

    private fun post(key: String, title: String, text: String) {
        val context = applicationContext
        if (Build.VERSION.SDK_INT >= 33 &&
            ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED
        ) {
            return
        }
        if (Build.VERSION.SDK_INT >= 26) {
            val channel = NotificationChannel(CHANNEL, context.getString(R.string.notification_channel_cash_outs), NotificationManager.IMPORTANCE_DEFAULT)
            context.getSystemService(NotificationManager::class.java).createNotificationChannel(channel)
        }
        val notification = NotificationCompat.Builder(context, CHANNEL)
            .setSmallIcon(android.R.drawable.stat_notify_sync)
            .setContentTitle(title)
            .setContentText(text)
            .setAutoCancel(true)
            .build()
        NotificationManagerCompat.from(context).notify(key.hashCode(), notification)
    }

    companion object {
        private const val CHANNEL = "cash-outs"

        /** Schedules the check; keeps an existing schedule as it is. */
        fun schedule(context: Context) {
            val request = PeriodicWorkRequestBuilder<StatusWorker>(15, TimeUnit.MINUTES).build()
            WorkManager.getInstance(context).enqueueUniquePeriodicWork("cash-out-status", ExistingPeriodicWorkPolicy.KEEP, request)
        }
    }
}
