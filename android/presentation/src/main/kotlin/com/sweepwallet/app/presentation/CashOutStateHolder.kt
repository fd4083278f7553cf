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
import com.sweepwallet.core.RiskAssessment
import com.sweepwallet.core.RiskLevel
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
    /** Pay out within minutes, for a premium. */
    val instant: Boolean = false,
    /** What instant adds to the fee for the amount entered, shown before the user chooses it. */
    val instantExtra: String? = null,
    /** [instantExtra] as TalkBack says it, the amount in words. */
    val instantExtraLabel: String? = null,
    /** What is left of the user's limits, shown where the amount is chosen. */
    val limits: List<String> = emptyList(),
    /** Each of [limits] as TalkBack says it, amounts in words. */
    val limitsLabels: List<String> = emptyList(),
    /** The scam shield's verdict on the quote under review. */
    val risk: RiskAssessment? = null,
    /** The user read a step-up and chose to go ahead anyway. */
    val riskAccepted: Boolean = false,
    /** Before the first cash-out: the safety guide to show with the review; empty otherwise. */
    val safetyGuide: List<String> = emptyList(),
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
    private val words: Words,
    private val currency: String = "KRW",
) {
    private val mutable = MutableStateFlow(CashOutState())
    val state: StateFlow<CashOutState> = mutable.asStateFlow()

    /** Loads the payees and the planner's suggestion (offline once fees are cached). */
    fun load(): Job = work {
        val payees = wallet.payees()
        val plan = wallet.plan(PlanRequest(currency, speed(), null, null))
        val limits = limitLines()
        mutable.update {
            it.copy(
                payees = payees,
                payeeId = it.payeeId ?: payees.firstOrNull()?.payeeId,
                suggestion = plan,
                limits = limits.map(Sentence::shown),
                limitsLabels = limits.map(Sentence::spoken),
            )
        }
        instantPrice()
    }

    fun setAmount(text: String) = mutable.update { it.copy(amountText = text, error = null) }

    /** Chooses an instant payout (or not); the price was shown in [CashOutState.instantExtra]. */
    fun setInstant(instant: Boolean) = mutable.update { it.copy(instant = instant) }

    /** Works out, offline, what instant adds to the fee for the amount entered. */
    fun priceInstant(): Job = work { instantPrice() }

    private suspend fun instantPrice() {
        val extra = try {
            val standard = wallet.estimate(request(Speed.STANDARD)).totalFee.amount
            val instant = wallet.estimate(request(Speed.INSTANT)).totalFee.amount
            words.sentence(Msg.CASH_OUT_INSTANT_EXTRA, MinorAmount(instant.minorUnits - standard.minorUnits, currency))
        } catch (e: SweepException) {
            null
        }
        mutable.update { it.copy(instantExtra = extra?.shown, instantExtraLabel = extra?.spoken) }
    }

    /** The user read the shield's step-up and goes ahead anyway. */
    fun acceptRisk() = mutable.update { it.copy(riskAccepted = true) }

    private fun speed() = if (state.value.instant) Speed.INSTANT else Speed.STANDARD

    private fun request(speed: Speed): QuoteRequest {
        val goal = state.value.receiveMinorUnits?.let { QuoteGoal.ReceiveExactly(MinorAmount(it, currency)) }
            ?: QuoteGoal.Everything
        return QuoteRequest(currency, goal, speed, destination(), null)
    }

    /** What the chosen payee is: a quote is priced for a bank account or a wallet, and pays only that kind. */
    private fun destination(): DestinationKind =
        state.value.run { payees.firstOrNull { it.payeeId == payeeId }?.destinationKind } ?: DestinationKind.BANK_ACCOUNT

    /** What is left of the limits, one line each; none when no limit applies. */
    private suspend fun limitLines(): List<Sentence> {
        val left = wallet.remainingLimits(currency) ?: return emptyList()
        return listOfNotNull(
            left.perWithdrawal?.let { words.sentence(Msg.CASH_OUT_LIMIT_PER_WITHDRAWAL, it) },
            left.dailyRemaining?.let { words.sentence(Msg.CASH_OUT_LIMIT_TODAY, it) },
            left.monthlyRemaining?.let { words.sentence(Msg.CASH_OUT_LIMIT_MONTH, it) },
        )
    }

    fun choosePayee(payeeId: ULong) = mutable.update { it.copy(payeeId = payeeId) }

    /** Locks a quote for the amount (or everything cashable) and shows it. */
    fun requestQuote(): Job = work {
        val quote = wallet.quote(request(speed()))
        val risk = state.value.payeeId?.let { wallet.assessCashOut(quote, it, null) }
        val first = risk?.reasons?.any { it.ruleId == "first_cash_out" } == true
        val guide = if (first) words.safetyGuide else emptyList()
        mutable.update { it.copy(step = CashOutStep.REVIEW, quote = quote, risk = risk, riskAccepted = false, safetyGuide = guide) }
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
        val quote = checkNotNull(current.quote) { words.say(Msg.CASH_OUT_NO_QUOTE) }
        val payee = current.payeeId ?: throw IllegalStateException(words.say(Msg.CASH_OUT_NO_PAYEE))
        check(current.risk?.level != RiskLevel.STEP_UP || current.riskAccepted) {
            words.say(Msg.CASH_OUT_READ_SHIELD)
        }
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
            mutable.update { it.copy(error = words.error(e), step = if (it.step == CashOutStep.CONFIRMING && it.withdrawal == null) CashOutStep.REVIEW else it.step) }
        } catch (e: IllegalStateException) {
            mutable.update { it.copy(error = words.error(e)) }
        } finally {
            mutable.update { it.copy(busy = false) }
        }
    }
}
