package com.sweepwallet.app.presentation

import com.sweepwallet.core.StatusChange
import com.sweepwallet.core.StatusNotice

/** A notification to post. */
data class StatusNotification(
    /** Stable for this withdrawal and change: post it once, replace nothing else. */
    val key: String,
    val title: String,
    val text: String,
)

/**
 * The words of a status notification (issue #15, item 3). Which changes
 * notify, and each only once across restarts, is the core's call
 * (`Wallet.statusNotices`, tested in the core and in [HistoryTest]); the
 * Android worker posts what this returns for each notice.
 */
class StatusNotifier(private val words: Words) {
    /** The notification for [notice]. */
    fun of(notice: StatusNotice): StatusNotification {
        val withdrawal = notice.withdrawal
        val (title, text) = when (notice.change) {
            StatusChange.ON_ITS_WAY -> words.say(Msg.NOTIFY_ON_ITS_WAY_TITLE) to words.say(Msg.NOTIFY_ON_ITS_WAY_TEXT, withdrawal.net.formatted)
            StatusChange.ARRIVED -> words.say(Msg.NOTIFY_ARRIVED_TITLE) to words.say(Msg.NOTIFY_ARRIVED_TEXT, withdrawal.net.formatted)
            StatusChange.DID_NOT_GO_THROUGH ->
                words.say(Msg.NOTIFY_FAILED_TITLE) to (withdrawal.reason ?: words.say(Msg.NOTIFY_NOTHING_TAKEN))
            StatusChange.SENT_BACK ->
                words.say(Msg.NOTIFY_SENT_BACK_TITLE) to (withdrawal.reason ?: words.say(Msg.NOTIFY_SENT_BACK_TEXT))
            StatusChange.CANCELED -> words.say(Msg.NOTIFY_CANCELED_TITLE) to words.say(Msg.NOTIFY_NOTHING_TAKEN)
        }
        return StatusNotification(notice.key, title, text)
    }
}
