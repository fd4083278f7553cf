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
object StatusNotifier {
    /** The notification for [notice]. */
    fun of(notice: StatusNotice): StatusNotification {
        val withdrawal = notice.withdrawal
        val (title, text) = when (notice.change) {
            StatusChange.ON_ITS_WAY -> "Cash-out on its way" to "${withdrawal.net.formatted} is on its way to your account."
            StatusChange.ARRIVED -> "Cash-out arrived" to "${withdrawal.net.formatted} arrived in your account."
            StatusChange.DID_NOT_GO_THROUGH ->
                "Cash-out did not go through" to (withdrawal.reason ?: "Nothing was taken: your balances are back.")
            StatusChange.SENT_BACK ->
                "Cash-out sent back" to (withdrawal.reason ?: "The bank sent it back: your balances are back.")
            StatusChange.CANCELED -> "Cash-out canceled" to "Nothing was taken: your balances are back."
        }
        return StatusNotification(notice.key, title, text)
    }
}
