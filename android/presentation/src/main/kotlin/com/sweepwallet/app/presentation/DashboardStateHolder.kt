package com.sweepwallet.app.presentation

import com.sweepwallet.core.AuthState
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
    val eligibility: String,
    /** The source's own terms, for example "refundable after 60% used". */
    val terms: String,
    val freshness: String,
    /** The user must sign in again before this balance refreshes. */
    val needsAttention: Boolean,
    /** Read by a connector (a sync refreshes it), not typed in. */
    val connected: Boolean,
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
                mutable.update { it.copy(error = "${failed.size} of ${results.size} sources could not be refreshed.") }
            }
        } catch (e: SweepException) {
            mutable.update { it.copy(error = Text.error(e)) }
        } finally {
            mutable.update { it.copy(syncing = false) }
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
                    eligibility = Text.collection(source.collection),
                    terms = source.terms.reason,
                    freshness = Text.freshness(source, at),
                    needsAttention = source.authState != AuthState.LINKED,
                    connected = source.provider != "manual",
                )
            }
            mutable.update { it.copy(loading = false, sources = rows, cashable = home.cashableTotals.map { t -> t.formatted }) }
        } catch (e: SweepException) {
            mutable.update { it.copy(loading = false, error = Text.error(e)) }
        }
    }

    override fun close() {
        progress.cancel()
    }
}
