package com.sweepwallet.app.presentation

import com.sweepwallet.core.AuthState
import com.sweepwallet.core.Collectability
import com.sweepwallet.core.ManualSource
import com.sweepwallet.core.MinorAmount
import com.sweepwallet.core.PayoutSupport
import com.sweepwallet.core.SourceBalance
import com.sweepwallet.core.SourceKind
import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.flows.syncResults
import com.sweepwallet.core.parseMoney
import java.time.Instant
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.getAndUpdate
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

/**
 * What a balance may still give back, or lose, under Korea's refund rules
 * (the core's `RefundAdvice`): "Nexon: spend ₩1,100 more to unlock a refund
 * of ₩2,200." One line per piece of advice, with the rule it rests on.
 */
data class RefundAdviceLine(
    val sourceId: ULong,
    /** The core's sentence, in the wallet's language. */
    val text: String,
    /** [text] as a screen reader says it, amounts in words. */
    val textLabel: String,
    /** The rule's document and article ("신유형 상품권 표준약관 … 제7조"), for a footnote. */
    val basis: String,
)

/**
 * A typed-in balance's edit form, as the user fills it in. Saving replaces
 * the balance's name, kind, amount and account reference; the old amount
 * stays in the history.
 */
data class TypedInForm(
    val sourceId: ULong,
    val name: String,
    /** The amount as the user types it ("7,500", "7,500원"), read in [currencyCode] and the wallet's locale. */
    val amountText: String,
    /** The balance's currency (ISO 4217). Another currency is another balance: the core refuses it. */
    val currencyCode: String,
    val kind: SourceKind,
    /**
     * A new account reference to save with it; left empty, the stored one
     * is kept (the core keeps it when none is given). The dashboard has the
     * stored one only masked ([accountHint]), so the form starts empty.
     */
    val accountRef: String = "",
    /** The stored account reference, masked ("•••• 5678"), to show beside [accountRef]. */
    val accountHint: String? = null,
    /** A save is under way: the screen disables its button. */
    val saving: Boolean = false,
    /** Why the last save failed; the form stays open. */
    val problem: String? = null,
)

/** A removal waiting for the user's yes: what to ask, and what removing does. */
data class RemovalQuestion(val sourceId: ULong, val question: String, val explanation: String)

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
    /**
     * The currencies the sources hold that the provider does not pay out,
     * one line each in the core's words ("The provider does not pay out USD
     * yet, so this money is tracked only."), in currency-code order: that
     * money is tracked, never cashed out. Empty until a fee schedule has
     * been fetched (before that, the core cannot tell). The lines hold a
     * currency code but no figures, so TalkBack reads them as they are.
     */
    val notPaidOut: List<String> = emptyList(),
    /** What balances may still give back, or lose soon, under the refund rules, source by source as the core lists it. */
    val refundAdvice: List<RefundAdviceLine> = emptyList(),
    /** What the last refund to the phone bill did, for a message. */
    val refunded: String? = null,
    /** [refunded] as TalkBack says it, the amount in words. */
    val refundedLabel: String? = null,
    /** The typed-in balance being edited, while its form is open. */
    val editing: TypedInForm? = null,
    /** A removal waiting for the user's yes. */
    val removing: RemovalQuestion? = null,
    /**
     * What the last edit or removal did, for a message. After a removal it
     * is the core's sentence: whether the issuer revoked Sweep's access and,
     * where it could not, what the user should do.
     */
    val changed: String? = null,
    /** [changed] as TalkBack says it, amounts in words. */
    val changedLabel: String? = null,
    val error: String? = null,
)

/**
 * The dashboard screen's state: every source with its balance, what it may
 * become and how fresh it is, the currencies the provider does not pay
 * out, and a sync with progress. Sources are managed here too: a typed-in
 * balance is edited ([startEdit], [saveEdit]) and any source removed
 * ([askToRemove], [confirmRemove]). Close it with the screen: that ends
 * its sync subscription.
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

    // The sources of the last read, for the edit form and the removal question.
    @Volatile private var shown: Map<ULong, SourceBalance> = emptyMap()

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

    /**
     * Opens the edit form of the typed-in balance [sourceId] (a row whose
     * `connected` is false), filled in with what the dashboard last read.
     * A linked balance is read from its source and is not edited.
     */
    fun startEdit(sourceId: ULong) {
        val source = shown[sourceId]
        mutable.update {
            when {
                source == null -> it.copy(error = words.error(SweepException.SourceNotFound(sourceId)))
                source.provider != "manual" -> it.copy(error = words.say(Msg.DASHBOARD_ONLY_TYPED_IN))
                else -> it.copy(
                    editing = TypedInForm(
                        sourceId = sourceId,
                        name = source.name,
                        amountText = words.money(source.balance.amount),
                        currencyCode = source.balance.amount.currencyCode,
                        kind = source.kind,
                        accountHint = source.accountHint,
                    ),
                    removing = null,
                    error = null,
                )
            }
        }
    }

    /** The form as the user changed it: name, amount, currency or account reference. */
    fun updateEdit(form: TypedInForm) = mutable.update {
        val open = it.editing
        if (open != null && open.sourceId == form.sourceId) it.copy(editing = form.copy(saving = open.saving, problem = null)) else it
    }

    /** Closes the form without saving. */
    fun cancelEdit() = mutable.update { it.copy(editing = null) }

    /**
     * Saves the form: the amount is read in the form's currency and the
     * wallet's locale, and the balance replaced (the old amount stays in
     * the history). On success the form closes and [DashboardState.changed]
     * says what was saved; on failure it stays open with its problem.
     */
    fun saveEdit(): Job = scope.launch {
        val form = mutable.getAndUpdate { s -> s.copy(editing = s.editing?.copy(saving = true, problem = null)) }.editing
        if (form == null || form.saving) return@launch
        try {
            val amount = parseMoney(form.amountText, form.currencyCode, words.locale)
            val accountRef = form.accountRef.trim().ifEmpty { null }
            wallet.editManualSource(form.sourceId, ManualSource(form.name, form.kind, amount, accountRef))
            val told = words.sentence(Msg.DASHBOARD_EDIT_SAVED, form.name.trim(), amount)
            mutable.update { it.copy(editing = null, changed = told.shown, changedLabel = told.spoken, error = null) }
            load()
        } catch (e: SweepException.CurrencyMismatch) {
            // Another currency is another balance: remove this one and add that one.
            editFailed(form, words.say(Msg.DASHBOARD_OTHER_CURRENCY, e.expected))
        } catch (e: SweepException) {
            editFailed(form, words.error(e))
        }
    }

    private fun editFailed(form: TypedInForm, problem: String) = mutable.update {
        val open = it.editing
        if (open != null && open.sourceId == form.sourceId) it.copy(editing = open.copy(saving = false, problem = problem)) else it
    }

    /** Asks the user to confirm removing [sourceId]: [DashboardState.removing] says what removing does. */
    fun askToRemove(sourceId: ULong) {
        val source = shown[sourceId]
        mutable.update {
            if (source == null) {
                it.copy(error = words.error(SweepException.SourceNotFound(sourceId)))
            } else {
                val question = words.say(Msg.DASHBOARD_REMOVE_QUESTION, source.name)
                it.copy(removing = RemovalQuestion(sourceId, question, words.say(Msg.DASHBOARD_REMOVE_EXPLAIN)), error = null)
            }
        }
    }

    /** The user kept the source. */
    fun cancelRemove() = mutable.update { it.copy(removing = null) }

    /**
     * Removes the source the user confirmed: a linked source's access is
     * revoked at its issuer first (where the issuer offers it), then its
     * tokens are deleted; its history stays. [DashboardState.changed] gets
     * the core's sentence on what was done, then the dashboard is read again.
     */
    fun confirmRemove(): Job = scope.launch {
        val asked = mutable.getAndUpdate { it.copy(removing = null) }.removing ?: return@launch
        try {
            val removal = wallet.removeSource(asked.sourceId)
            mutable.update {
                it.copy(
                    changed = removal.note,
                    changedLabel = removal.note,
                    editing = it.editing?.takeIf { form -> form.sourceId != asked.sourceId },
                    error = null,
                )
            }
        } catch (e: SweepException.InvalidInput) {
            // A source that exists is refused only while a cash-out still collects from it.
            val said = if (e.field == "source_id") words.say(Msg.DASHBOARD_STILL_COLLECTING) else words.error(e)
            mutable.update { it.copy(error = said) }
        } catch (e: SweepException) {
            mutable.update { it.copy(error = words.error(e)) }
        }
        load()
    }

    private suspend fun load() {
        try {
            val home = wallet.dashboard()
            shown = home.sources.associateBy { it.sourceId }
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
            val advice = home.refundAdvice.map { a ->
                RefundAdviceLine(a.sourceId, a.text, words.spoken(a.text, listOfNotNull(a.amount, a.spendFirst)), a.basis)
            }
            mutable.update {
                it.copy(
                    loading = false,
                    sources = rows,
                    cashable = home.cashableTotals.map { t -> t.formatted },
                    cashableLabels = home.cashableTotals.map(words::label),
                    notPaidOut = home.payouts.filter { p -> p.support == PayoutSupport.NOT_PAID_OUT }.map { p -> p.note },
                    refundAdvice = advice,
                )
            }
        } catch (e: SweepException) {
            mutable.update { it.copy(loading = false, error = words.error(e)) }
        }
    }

    override fun close() {
        progress.cancel()
    }
}
