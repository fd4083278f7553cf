package com.sweepwallet.app.presentation

import com.sweepwallet.core.Authenticator
import com.sweepwallet.core.DestinationKind
import com.sweepwallet.core.MinorAmount
import com.sweepwallet.core.Payee
import com.sweepwallet.core.Plan
import com.sweepwallet.core.PlanRequest
import com.sweepwallet.core.Quote
import com.sweepwallet.core.QuoteGoal
import com.sweepwallet.core.QuoteRequest
import com.sweepwallet.core.Speed
import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.Withdrawal
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** The steps of a cash-out. */
enum class CashOutStep {
    /** Amount and destination. */
    ENTER,

    /** A locked quote: every fee is shown before the user confirms. */
    REVIEW,

    /** Waiting for the biometric prompt and the provider. */
    CONFIRMING,

    /**
     * A bank leg waits for the user to approve its payment at the bank:
     * open [CashOutState.bankApprovalUrl] (Custom Tabs) and pass the
     * redirect to [CashOutStateHolder.onBankRedirect].
     */
    APPROVE_AT_BANK,

    /** Submitted; follow it on the timeline. */
    SUBMITTED,
}

/** What the cash-out screen shows. */
data class CashOutState(
    val step: CashOutStep = CashOutStep.ENTER,
    val busy: Boolean = false,
    /** What the user typed: whole minor units (won for KRW); empty means everything. */
    val amountText: String = "",
    val payees: List<Payee> = emptyList(),
    val payeeId: ULong? = null,
    /** The planner's suggestion: which balances, each in one sentence, and advice. */
    val suggestion: Plan? = null,
    /** The locked quote under review. */
    val quote: Quote? = null,
    val withdrawal: Withdrawal? = null,
    /** While a bank leg waits for approval: the bank's page to open. */
    val bankApprovalUrl: String? = null,
    val error: String? = null,
) {
    /** The amount to receive in minor units, or null for everything cashable. */
    val receiveMinorUnits: Long?
        get() = amountText.filter(Char::isDigit).takeIf { it.isNotEmpty() }?.toLongOrNull()
}

/**
 * The cash-out screen: the planner's suggestion, the amount and the
 * destination, a fee quote locked with the provider, then confirmation
 * through the app's [Authenticator] (BiometricPrompt on Android).
 */
class CashOutStateHolder(
    private val wallet: Wallet,
    private val scope: CoroutineScope,
    private val currency: String = "KRW",
    private val speed: Speed = Speed.STANDARD,
) {
    private val mutable = MutableStateFlow(CashOutState())
    val state: StateFlow<CashOutState> = mutable.asStateFlow()

    /** Loads the payees and the planner's suggestion (offline once fees are cached). */
    fun load(): Job = work {
        val payees = wallet.payees()
        val plan = wallet.plan(PlanRequest(currency, speed, null, null))
        mutable.update { it.copy(payees = payees, payeeId = it.payeeId ?: payees.firstOrNull()?.payeeId, suggestion = plan) }
    }

    fun setAmount(text: String) = mutable.update { it.copy(amountText = text, error = null) }

    fun choosePayee(payeeId: ULong) = mutable.update { it.copy(payeeId = payeeId) }

    /** Locks a quote for the amount (or everything cashable) and shows it. */
    fun requestQuote(): Job = work {
        val goal = state.value.receiveMinorUnits?.let { QuoteGoal.ReceiveExactly(MinorAmount(it, currency)) }
            ?: QuoteGoal.Everything
        val quote = wallet.quote(QuoteRequest(currency, goal, speed, DestinationKind.BANK_ACCOUNT, null))
        mutable.update { it.copy(step = CashOutStep.REVIEW, quote = quote) }
    }

    /** Back from the review, for another amount. */
    fun edit() = mutable.update { it.copy(step = CashOutStep.ENTER, quote = null) }

    /**
     * Confirms the quote under review: the authenticator signs the exact
     * amount, payee and quote (the user sees its prompt), then the
     * withdrawal is stored and sent. An expired quote is refused before
     * any prompt.
     */
    fun confirm(authenticator: Authenticator): Job = work {
        val current = state.value
        val quote = checkNotNull(current.quote) { "no quote to confirm" }
        val payee = current.payeeId ?: throw IllegalStateException("choose where the money goes")
        wallet.checkQuote(quote)
        mutable.update { it.copy(step = CashOutStep.CONFIRMING) }
        val withdrawal = wallet.withdraw(quote, payee, authenticator, null)
        nextBankLeg(withdrawal)
    }

    /**
     * The redirect the bank sent the browser back with: the leg's payment
     * goes out, then the next bank leg (if any) asks for approval.
     */
    fun onBankRedirect(callbackUrl: String): Job = work {
        nextBankLeg(wallet.completeBankLeg(callbackUrl))
    }

    /** Asks for the next bank leg's approval, or shows the withdrawal submitted. */
    private suspend fun nextBankLeg(withdrawal: Withdrawal) {
        val index = withdrawal.legs.indexOfFirst { it.needsAuthorisation }
        if (index < 0) {
            mutable.update { it.copy(step = CashOutStep.SUBMITTED, withdrawal = withdrawal, bankApprovalUrl = null) }
            return
        }
        val url = wallet.beginBankLeg(withdrawal.withdrawalId, index.toUInt())
        mutable.update { it.copy(step = CashOutStep.APPROVE_AT_BANK, withdrawal = withdrawal, bankApprovalUrl = url) }
    }

    /** Runs a step with the busy flag, turning failures into a message. */
    private fun work(step: suspend () -> Unit): Job = scope.launch {
        mutable.update { it.copy(busy = true, error = null) }
        try {
            step()
        } catch (e: SweepException) {
            // A withdrawal already stored is never "back to review": it carries on.
            mutable.update { it.copy(error = Text.error(e), step = if (it.step == CashOutStep.CONFIRMING && it.withdrawal == null) CashOutStep.REVIEW else it.step) }
        } catch (e: IllegalStateException) {
            mutable.update { it.copy(error = Text.error(e)) }
        } finally {
            mutable.update { it.copy(busy = false) }
        }
    }
}
