package com.sweepwallet.app.presentation

import com.sweepwallet.core.Reminder
import com.sweepwallet.core.ReminderKind
import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Wallet
import java.security.MessageDigest
import java.time.Instant

/**
 * The reminders already shown, kept across restarts (on a phone, in the
 * app's SharedPreferences). It holds [ReminderScheduler.shownKey]s, not the
 * reminders' ids: an id names a source, an amount and a date, which the
 * wallet keeps sealed.
 */
interface ShownReminders {
    /** The keys saved last; empty the first time. */
    fun load(): Set<String>

    /** Replaces the saved keys with [keys]. */
    fun save(keys: Set<String>)
}

/**
 * The notification channel a reminder goes to, so the user can silence one
 * kind and keep the others. [id] is the Android channel's id and the iOS
 * notification category's; the app names each channel in its own resources.
 */
enum class ReminderChannel(val id: String) {
    /** Money that expires soon, and refunds that became possible. */
    MONEY("reminders-money"),

    /** Sources whose sign-in lapsed. */
    SIGN_IN("reminders-sign-in"),

    /** A cash-out that became worth doing. */
    CASH_OUT("reminders-cash-out"),
}

/** Where tapping a reminder's notification takes the user. */
sealed interface ReminderTarget {
    /** [code] as an Intent extra: [parse] reads it back. */
    val code: String

    /** The dashboard, where the source's balance and its refund advice are. */
    data class Balance(val sourceId: ULong) : ReminderTarget {
        override val code: String get() = "balance:$sourceId"
    }

    /** Signing in to the source again (the link screen, for [sourceId]). */
    data class Relink(val sourceId: ULong) : ReminderTarget {
        override val code: String get() = "relink:$sourceId"
    }

    /** The cash-out screen. */
    data object CashOut : ReminderTarget {
        override val code: String get() = "cash-out"
    }

    /** The dashboard, for a reminder about no one source. */
    data object Dashboard : ReminderTarget {
        override val code: String get() = "dashboard"
    }

    companion object {
        /** The target written as [code]; null for anything else (an old or foreign extra). */
        fun parse(code: String?): ReminderTarget? {
            if (code == null) return null
            val (kind, id) = code.split(':', limit = 2).let { it[0] to it.getOrNull(1)?.toULongOrNull() }
            return when {
                kind == "balance" && id != null -> Balance(id)
                kind == "relink" && id != null -> Relink(id)
                code == CashOut.code -> CashOut
                code == Dashboard.code -> Dashboard
                else -> null
            }
        }
    }
}

/** A reminder to post as a notification. */
data class ReminderNotification(
    /** The reminder's [ReminderScheduler.shownKey]: the notification's tag, so posting it again replaces it. */
    val key: String,
    /** The core's id of the reminder. */
    val id: String,
    val channel: ReminderChannel,
    val title: String,
    /** The core's sentence, in the wallet's language. */
    val text: String,
    val target: ReminderTarget,
    /** When the fact stops holding (an expiry), for the notification's time-out; null when open-ended. */
    val due: Instant?,
)

/** What one check found: reminders to post now, and the keys of those whose fact no longer holds. */
data class ReminderCheck(
    val post: List<ReminderNotification>,
    /** The [ReminderNotification.key]s of reminders shown before and no longer listed: the app takes their notifications down. */
    val gone: List<String>,
) {
    companion object {
        val NOTHING = ReminderCheck(emptyList(), emptyList())
    }
}

/**
 * Turns the core's reminders (`Wallet.reminders`: money expiring soon,
 * refunds that became possible, links to sign in to again, a cash-out
 * worth doing) into notifications, each once. The core gives every fact an
 * id that stays the same while the fact holds; this keeps the ids shown in
 * [shown], posts only the ones not shown before, and forgets those the core
 * no longer lists, so the store holds only what is listed now (and a fact
 * that ends and comes back is told again).
 *
 * A wallet that is closed or failing gives no notifications: the check
 * returns [ReminderCheck.NOTHING] and leaves [shown] as it was. The Android
 * worker (`StatusWorker`) posts what [check] returns.
 */
class ReminderScheduler(
    private val reminders: suspend (Instant) -> List<Reminder>,
    private val shown: ShownReminders,
    private val words: Words,
    private val now: () -> Instant = Instant::now,
) {
    /** Asks [wallet] (offline: it reads the store and the cached fee schedule). */
    constructor(wallet: Wallet, shown: ShownReminders, words: Words, now: () -> Instant = Instant::now) :
        this({ at -> wallet.reminders(at) }, shown, words, now)

    /** The reminders not shown yet, now marked shown; and those gone since the last check. */
    suspend fun check(): ReminderCheck {
        val listed = try {
            reminders(now())
        } catch (e: SweepException) {
            return ReminderCheck.NOTHING
        }
        val before = shown.load()
        val current = listed.associateBy { shownKey(it.id) }
        shown.save(current.keys)
        return ReminderCheck(
            post = current.filterKeys { it !in before }.values.map(::of),
            gone = before.filter { it !in current }.sorted(),
        )
    }

    /** The notification for [reminder]: a title for its kind, the core's sentence, its channel and where a tap goes. */
    fun of(reminder: Reminder): ReminderNotification {
        val source = reminder.sourceId
        val (channel, title, target) = when (reminder.kind) {
            ReminderKind.EXPIRES_SOON ->
                Triple(ReminderChannel.MONEY, Msg.REMIND_EXPIRES_SOON_TITLE, source?.let { ReminderTarget.Balance(it) })
            ReminderKind.REFUND_AVAILABLE ->
                Triple(ReminderChannel.MONEY, Msg.REMIND_REFUND_AVAILABLE_TITLE, source?.let { ReminderTarget.Balance(it) })
            ReminderKind.NEEDS_REAUTH ->
                Triple(ReminderChannel.SIGN_IN, Msg.REMIND_NEEDS_REAUTH_TITLE, source?.let { ReminderTarget.Relink(it) })
            ReminderKind.CASH_OUT_WORTH_IT -> Triple(ReminderChannel.CASH_OUT, Msg.REMIND_CASH_OUT_WORTH_IT_TITLE, ReminderTarget.CashOut)
        }
        return ReminderNotification(
            key = shownKey(reminder.id),
            id = reminder.id,
            channel = channel,
            title = words.say(title),
            text = reminder.text,
            target = target ?: ReminderTarget.Dashboard,
            due = reminder.due,
        )
    }

    companion object {
        /**
         * What [shown] keeps for the reminder [id]: its SHA-256, in hex. The
         * same id gives the same key, and the store holds no amount or date.
         */
        fun shownKey(id: String): String =
            MessageDigest.getInstance("SHA-256").digest(id.toByteArray(Charsets.UTF_8)).joinToString("") { "%02x".format(it) }
    }
}
