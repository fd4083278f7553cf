package com.sweepwallet.app.presentation

import com.sweepwallet.core.AuthState
import com.sweepwallet.core.PayeeDestination
import com.sweepwallet.core.PayeeRequest
import com.sweepwallet.core.SourceKind
import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Tier
import com.sweepwallet.core.Wallet
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** Where a new (or returning) user is in getting ready to cash out. */
enum class FirstRunStep {
    /** Reading the fee schedule and carrying on unfinished work. */
    STARTING,

    /** No payee yet: add the user's own bank account or wallet. */
    ADD_OWN_ACCOUNT,

    /** Optional: confirm the phone number with the mobile operator. */
    VERIFY_PHONE,

    /** Everything a cash-out needs is in place. */
    READY,
}

/** The first-run screen's state. */
data class FirstRunState(
    val step: FirstRunStep = FirstRunStep.STARTING,
    val busy: Boolean = false,
    /** A note about the fee schedule, for example that it could not be refreshed; null when current. */
    val scheduleNote: String? = null,
    /** What carrying on after a restart found. */
    val carriedOn: CarriedOn? = null,
    /** The last failure, as the core's sentence; null when none. */
    val error: String? = null,
)

/** The operator's Number Verification: the linked operator source whose sign-in it uses, and its API. */
data class PhoneCheck(val operatorSourceId: ULong, val numberVerificationUrl: String)

/**
 * The first run: fetch the fee schedule and tiers (again when older than a
 * day), carry on unfinished withdrawals and uploads, then ask for the
 * user's own account and, once a phone-bill source is linked and the app
 * names its operator's Number Verification API ([numberVerificationUrl]),
 * a phone-number check. Every later start runs [start] too; it lands on
 * [FirstRunStep.READY] when nothing is missing. (The iOS app's
 * `FirstRunViewModel` follows the same steps in Swift.)
 */
class FirstRunStateHolder(
    private val wallet: Wallet,
    private val scope: CoroutineScope,
    private val words: Words,
    private val providerUrl: String,
    private val numberVerificationUrl: String? = null,
) {
    private val mutable = MutableStateFlow(FirstRunState())
    val state: StateFlow<FirstRunState> = mutable.asStateFlow()
    private var phoneSkipped = false

    /** Reads the schedule, carries on unfinished work, and picks the next step. */
    fun start(): Job = scope.launch {
        mutable.update { it.copy(busy = true, error = null) }
        try {
            val schedule = wallet.ensureFeeSchedule(providerUrl, SCHEDULE_MAX_AGE_SECONDS)
            val note = when {
                !schedule.stale -> null
                schedule.problem.isNullOrBlank() -> words.say(Msg.FIRST_RUN_STALE_FEES_NO_REASON)
                else -> words.say(Msg.FIRST_RUN_STALE_FEES, schedule.problem!!)
            }
            val carried = carryOn(wallet, words)
            mutable.update { it.copy(scheduleNote = note, carriedOn = carried) }
            advance()
        } catch (e: SweepException) {
            mutable.update { it.copy(busy = false, error = words.error(e)) }
        }
    }

    /** Adds the user's own Korean bank account; the provider checks the holder's name. */
    fun addOwnAccount(bankCode: String, accountNumber: String, holderName: String): Job =
        addOwn(PayeeDestination.KrBankAccount(bankCode, accountNumber), holderName)

    /** Adds the user's own wallet at [provider] ("toss", "kakaopay") by handle; the name is checked the same way. */
    fun addOwnWallet(provider: String, handle: String, holderName: String): Job =
        addOwn(PayeeDestination.WalletHandle(provider, handle), holderName)

    private fun addOwn(destination: PayeeDestination, holderName: String): Job = scope.launch {
        mutable.update { it.copy(busy = true, error = null) }
        try {
            wallet.addPayee(PayeeRequest(destination, holderName))
            advance()
        } catch (e: SweepException) {
            mutable.update { it.copy(busy = false, error = words.error(e)) }
        }
    }

    /** Asks the operator whether [phoneNumber] is this device's number. */
    fun verifyPhone(phoneNumber: String): Job = scope.launch {
        val check = phoneCheck() ?: return@launch
        mutable.update { it.copy(busy = true, error = null) }
        try {
            val verified = wallet.verifyPhoneNumber(check.operatorSourceId, check.numberVerificationUrl, phoneNumber)
            if (!verified) {
                mutable.update { it.copy(busy = false, error = words.say(Msg.FIRST_RUN_NOT_THIS_PHONE)) }
                return@launch
            }
            advance()
        } catch (e: SweepException) {
            mutable.update { it.copy(busy = false, error = words.error(e)) }
        }
    }

    /** Goes on without the phone check (the limits stay those of the current tier). */
    fun skipPhone(): Job = scope.launch {
        phoneSkipped = true
        advance()
    }

    private suspend fun advance() {
        val step = when {
            wallet.payees().isEmpty() -> FirstRunStep.ADD_OWN_ACCOUNT
            !phoneSkipped && wallet.identity().tier == Tier.UNVERIFIED && phoneCheck() != null -> FirstRunStep.VERIFY_PHONE
            else -> FirstRunStep.READY
        }
        mutable.update { it.copy(step = step, busy = false, error = null) }
    }

    /** The check to offer: a linked phone-bill source's operator; null when none is linked. */
    private suspend fun phoneCheck(): PhoneCheck? {
        val url = numberVerificationUrl ?: return null
        val operator = wallet.dashboard().sources.firstOrNull {
            it.kind == SourceKind.CARRIER_BILLING && it.authState == AuthState.LINKED && it.provider != "manual"
        } ?: return null
        return PhoneCheck(operator.sourceId, url)
    }

    companion object {
        /** A schedule older than a day is fetched again at start. */
        const val SCHEDULE_MAX_AGE_SECONDS: ULong = 86_400uL
    }
}
