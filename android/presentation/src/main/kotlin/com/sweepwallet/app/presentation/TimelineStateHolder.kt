package com.sweepwallet.app.presentation

import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.flows.withdrawalChanges
import com.sweepwallet.core.Withdrawal
import com.sweepwallet.core.WithdrawalState
import java.time.Instant
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** One step of a withdrawal, as the user saw it happen. */
data class TimelineEntry(
    val state: WithdrawalState,
    /** The step in words ("12,340원 arrived"). */
    val step: String,
    /** [step] as TalkBack says it, the amount in words. */
    val stepLabel: String,
    val at: Instant,
)

/** What the withdrawal timeline shows. */
data class TimelineState(
    val withdrawal: Withdrawal? = null,
    val entries: List<TimelineEntry> = emptyList(),
    /** Once completed: the receipt, checked against the quote. */
    val receipt: String? = null,
    /** [receipt] as TalkBack says it, amounts in words. */
    val receiptLabel: String? = null,
    val error: String? = null,
)

/**
 * The withdrawal timeline: each state the provider reports, once, in
 * order, and the receipt at the end. Close it with the screen; that
 * cancels the live subscription.
 */
class TimelineStateHolder(
    private val wallet: Wallet,
    private val scope: CoroutineScope,
    private val withdrawalId: ULong,
    private val words: Words,
    private val now: () -> Instant = Instant::now,
) : AutoCloseable {
    private val mutable = MutableStateFlow(TimelineState())
    val state: StateFlow<TimelineState> = mutable.asStateFlow()
    @Volatile private var following: Job? = null

    /**
     * Shows where the withdrawal stands and follows it live. It subscribes
     * before it reads, so no change can fall between the two; a change the
     * read already overtook is dropped by [apply].
     */
    fun start(): Job = scope.launch {
        try {
            val subscribed = CompletableDeferred<Unit>()
            following = scope.launch {
                wallet.withdrawalChanges { subscribed.complete(Unit) }
                    .filter { it.withdrawalId == withdrawalId }
                    .collect { apply(it) }
            }
            subscribed.await()
            wallet.withdrawals().firstOrNull { it.withdrawalId == withdrawalId }?.let(::apply)
        } catch (e: SweepException) {
            mutable.update { it.copy(error = words.error(e)) }
        }
    }

    /** Pull to refresh: asks the provider now, as well as following it live. */
    fun refresh(): Job = scope.launch {
        try {
            apply(wallet.refreshWithdrawal(withdrawalId))
        } catch (e: SweepException) {
            mutable.update { it.copy(error = words.error(e)) }
        }
    }

    /**
     * Shows [withdrawal]: a new entry when its state changed. A withdrawal
     * only moves forward, so a state behind the one shown is stale and
     * changes nothing.
     */
    internal fun apply(withdrawal: Withdrawal) {
        var completedNow = false
        mutable.update { current ->
            // update may run this more than once; only its last run counts.
            completedNow = false
            val shown = current.withdrawal?.state
            if (shown != null && stage(withdrawal.state) < stage(shown)) {
                current
            } else if (current.entries.lastOrNull()?.state == withdrawal.state) {
                current.copy(withdrawal = withdrawal)
            } else {
                completedNow = withdrawal.state == WithdrawalState.COMPLETED
                val said = words.step(withdrawal)
                val entry = TimelineEntry(withdrawal.state, said.shown, said.spoken, now())
                current.copy(withdrawal = withdrawal, entries = current.entries + entry)
            }
        }
        if (completedNow) scope.launch { loadReceipt() }
    }

    private suspend fun loadReceipt() {
        try {
            val receipt = wallet.withdrawalReceipt(withdrawalId)
            val said = words.sentence(Msg.TIMELINE_RECEIPT, receipt.net, receipt.payee, receipt.fee)
            mutable.update { it.copy(receipt = said.shown, receiptLabel = said.spoken) }
        } catch (e: SweepException) {
            mutable.update { it.copy(error = words.error(e)) }
        }
    }

    override fun close() {
        following?.cancel()
    }

    companion object {
        /** How far along a state is: every move goes to a later stage. */
        fun stage(state: WithdrawalState): Int = when (state) {
            WithdrawalState.REQUESTED -> 0
            WithdrawalState.PROCESSING -> 1
            WithdrawalState.SENT -> 2
            WithdrawalState.COMPLETED,
            WithdrawalState.FAILED,
            WithdrawalState.CANCELED,
            WithdrawalState.RETURNED -> 3
        }
    }
}
