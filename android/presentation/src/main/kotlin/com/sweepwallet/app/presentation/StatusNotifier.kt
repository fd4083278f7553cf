package com.sweepwallet.app.presentation

import com.sweepwallet.core.Withdrawal
import com.sweepwallet.core.WithdrawalState

/** A notification to post. */
data class StatusNotification(
    /** Stable for this withdrawal and state: post it once, replace nothing else. */
    val key: String,
    val title: String,
    val text: String,
)

/**
 * Which withdrawal changes reach the user as notifications (issue #15,
 * item 3), decided here once for both apps: Android's WorkManager worker
 * and iOS's background refresh pass every withdrawal they read, and post
 * what this returns. Only moments the user cares about notify (on its way,
 * arrived, did not go through, sent back, canceled), each once: the app
 * keeps the keys already posted in [posted] (its own small store), so a
 * restart does not repeat them.
 */
class StatusNotifier(private val posted: MutableSet<String>) {
    /** The notification for [withdrawal]'s current state, or null when there is none to post. */
    fun on(withdrawal: Withdrawal): StatusNotification? {
        val (title, text) = when (withdrawal.state) {
            WithdrawalState.SENT -> "Cash-out on its way" to "${withdrawal.net.formatted} is on its way to your account."
            WithdrawalState.COMPLETED -> "Cash-out arrived" to "${withdrawal.net.formatted} arrived in your account."
            WithdrawalState.FAILED ->
                "Cash-out did not go through" to (withdrawal.reason ?: "Nothing was taken: your balances are back.")
            WithdrawalState.RETURNED ->
                "Cash-out sent back" to (withdrawal.reason ?: "The bank sent it back: your balances are back.")
            WithdrawalState.CANCELED -> "Cash-out canceled" to "Nothing was taken: your balances are back."
            WithdrawalState.REQUESTED, WithdrawalState.PROCESSING -> return null
        }
        val key = "withdrawal-${withdrawal.withdrawalId}-${withdrawal.state.name.lowercase()}"
        if (!posted.add(key)) return null
        return StatusNotification(key, title, text)
    }
}
