package com.sweepwallet.app.presentation

import com.sweepwallet.core.AuthState
import com.sweepwallet.core.Collectability
import com.sweepwallet.core.MinorAmount
import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.flows.syncResults
import java.time.Instant
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** One source on the dashboard. */
data class SourceRow(
    val sourceId: ULong,
    val name: String,
    val balance: String,
    /** The balance as a screen reader says it, in words ("만 이천삼백사십 원"). */
    val balanceLabel: String,
    val eligibility: String,
    /** The source's own terms, for example "refundable after 60% used". */
    val terms: String,
    val freshness: String,
    /** The user must sign in again before this balance refreshes. */
    val needsAttention: Boolean,
    /** Read by a connector (a sync refreshes it), not typed in. */
    val connected: Boolean,
    /** Linked phone-bill money: the screen offers "Refund to my phone bill", its only legal way out. */
    val canRefundToBill: Boolean = false,
)

/** What the dashboard shows. */
data class DashboardState(
    val loading: Boolean = true,
    val syncing: Boolean = false,
    /** Sources whose sync finished in the current run, for a progress bar. */
    val synced: Int = 0,
    /** Sources the current run reads, the progress bar's length. */
    val syncTotal: Int = 0,
    val sources: List<SourceRow> = emptyList(),
    /** What can be cashed out, one line per currency. */
    val cashable: List<String> = emptyList(),
    /** Each line of [cashable] as a screen reader says it, in words. */
    val cashableLabels: List<String> = emptyList(),
    /** What the last refund to the phone bill did, for a message. */
    val refunded: String? = null,
    /** [refunded] as TalkBack says it, the amount in words. */
    val refundedLabel: String? = null,
    val error: String? = null,
)

/**
 * The dashboard screen's state: every source with its balance, what it may
 * become and how fresh it is, and a sync with progress. Close it with the
 * screen: that ends its sync subscription.
 */
class DashboardStateHolder(
    private val wallet: Wallet,
    private val scope: CoroutineScope,
    private val words: Words,
    private val now: () -> Instant = Instant::now,
) : AutoCloseable {
    private val mutable = MutableStateFlow(DashboardState())
    val state: StateFlow<DashboardState> = mutable.asStateFlow()

    // Each source's result as it finishes, through sweepcore's Flow adapter;
    // a sync waits until the core listens, so no result is missed.
    private val listening = CompletableDeferred<Unit>()
    private val progress: Job = scope.launch {
        wallet.syncResults { listening.complete(Unit) }.collect {
            mutable.update { it.copy(synced = it.synced + 1) }
        }
    }

    /** Reads the dashboard again (no network). */
    fun refresh(): Job = scope.launch { load() }

    /** Syncs every connected source, then reads the dashboard again. */
    fun sync(): Job = scope.launch {
        listening.await()
        val connected = wallet.connectedSourceCount().toInt()
        mutable.update { it.copy(syncing = true, synced = 0, syncTotal = connected, error = null) }
        try {
            val results = wallet.sync()
            val failed = results.filter { !it.synced }
            load()
            if (failed.isNotEmpty()) {
                mutable.update { it.copy(error = words.count(Counted.DASHBOARD_SYNC_FAILED, results.size, failed.size, results.size)) }
            }
        } catch (e: SweepException) {
            mutable.update { it.copy(error = words.error(e)) }
        } finally {
            mutable.update { it.copy(syncing = false) }
        }
    }

    /**
     * Refunds a linked phone bill's refundable payments to the bill they
     * came from (phone-bill money never becomes cash), then reads the
     * dashboard again.
     */
    fun refundToBill(sourceId: ULong): Job = scope.launch {
        try {
            val refunds = wallet.refundCarrierBilling(sourceId)
            val won = refunds.sumOf { it.amount.minorUnits }
            val currency = refunds.firstOrNull()?.amount?.currencyCode ?: "KRW"
            val told = if (refunds.isEmpty()) {
                words.sentence(Msg.DASHBOARD_NOTHING_TO_REFUND)
            } else {
                words.sentence(Counted.DASHBOARD_REFUNDED, refunds.size, MinorAmount(won, currency), refunds.size)
            }
            mutable.update { it.copy(refunded = told.shown, refundedLabel = told.spoken, error = null) }
            load()
        } catch (e: SweepException) {
            mutable.update { it.copy(error = words.error(e)) }
        }
    }

    private suspend fun load() {
        try {
            val home = wallet.dashboard()
            val at = now()
            val rows = home.sources.map { source ->
                SourceRow(
                    sourceId = source.sourceId,
                    name = source.name,
                    balance = source.balance.formatted,
                    balanceLabel = words.label(source.balance),
                    eligibility = words.collection(source.collection),
                    terms = source.terms.reason,
                    freshness = words.freshness(source, at),
                    needsAttention = source.authState != AuthState.LINKED,
                    connected = source.provider != "manual",
                    canRefundToBill = source.collection == Collectability.REFUND_TO_ORIGIN && source.provider != "manual",
                )
            }
            mutable.update { it.copy(loading = false, sources = rows, cashable = home.cashableTotals.map { t -> t.formatted }, cashableLabels = home.cashableTotals.map(words::label)) }
        } catch (e: SweepException) {
            mutable.update { it.copy(loading = false, error = words.error(e)) }
        }
    }

    override fun close() {
        progress.cancel()
    }
}
