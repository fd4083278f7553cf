package com.sweepwallet.app.presentation

import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.Withdrawal
import com.sweepwallet.core.WithdrawalState
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** One withdrawal in the history list. */
data class HistoryRow(
    val withdrawalId: ULong,
    /** When the user asked for it, as the wallet's locale writes it, in its time zone (KST for ko-KR). */
    val askedAt: String,
    /** What the payee receives. */
    val amount: String,
    /** The amount as a screen reader says it, in words. */
    val amountLabel: String,
    /** Where it stands, in words. */
    val status: String,
    /** It has not gone out yet: the screen offers Cancel. */
    val canCancel: Boolean,
    /** It completed: the screen offers its receipt. */
    val hasReceipt: Boolean,
)

/** The history screen's state. */
data class HistoryState(
    val loading: Boolean = true,
    val rows: List<HistoryRow> = emptyList(),
    val error: String? = null,
)

/**
 * The withdrawal history (issue #15, item 3): every withdrawal, newest
 * first, with when it was asked for, where it stands, and the actions it
 * allows (cancel while it has not gone out, the receipt once completed).
 */
class HistoryStateHolder(
    private val wallet: Wallet,
    private val scope: CoroutineScope,
    private val words: Words,
) {
    private val mutable = MutableStateFlow(HistoryState())
    val state: StateFlow<HistoryState> = mutable.asStateFlow()

    /** Reads the history (no network). */
    fun refresh(): Job = scope.launch { load() }

    /** Cancels a withdrawal that has not gone out; a refusal shows the core's sentence. */
    fun cancel(withdrawalId: ULong): Job = scope.launch {
        try {
            wallet.cancelWithdrawal(withdrawalId)
            load()
        } catch (e: SweepException) {
            mutable.update { it.copy(error = words.error(e)) }
        }
    }

    private suspend fun load() {
        try {
            val rows = wallet.withdrawals().sortedByDescending { it.withdrawalId }.map(::row)
            mutable.update { HistoryState(loading = false, rows = rows) }
        } catch (e: SweepException) {
            mutable.update { it.copy(loading = false, error = words.error(e)) }
        }
    }

    private fun row(w: Withdrawal) = HistoryRow(
        withdrawalId = w.withdrawalId,
        askedAt = words.time(w.createdAt),
        amount = w.net.formatted,
        amountLabel = words.label(w.net),
        status = words.status(w.state),
        canCancel = w.state == WithdrawalState.REQUESTED || w.state == WithdrawalState.PROCESSING,
        hasReceipt = w.state == WithdrawalState.COMPLETED,
    )
}
