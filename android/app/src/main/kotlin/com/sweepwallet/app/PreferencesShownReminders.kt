package com.sweepwallet.app

import android.content.Context
import com.sweepwallet.app.presentation.ShownReminders

/**
 * The reminders already shown, for `ReminderScheduler` (presentation
 * layer), in the app's own SharedPreferences: digests of the core's ids,
 * which name no amount, date or source. Left out of backups like the
 * wallet (android:allowBackup="false").
 */
class PreferencesShownReminders(context: Context) : ShownReminders {
    private val preferences = context.applicationContext.getSharedPreferences(FILE, Context.MODE_PRIVATE)

    // A copy: the set SharedPreferences returns must be neither changed nor kept.
    override fun load(): Set<String> = preferences.getStringSet(KEY, null)?.toSet().orEmpty()

    // commit, not apply: the worker may be stopped right after the check.
    override fun save(keys: Set<String>) {
        preferences.edit().putStringSet(KEY, HashSet(keys)).commit()
    }

    private companion object {
        const val FILE = "reminders"
        const val KEY = "shown"
    }
}
