package com.sweepwallet.app.presentation

import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.Withdrawal

/** What carrying on after a restart found, for a banner on the first screen. */
data class CarriedOn(
    /** Withdrawals still on their way, each as the provider has it now. */
    val withdrawals: List<Withdrawal>,
    /** ID uploads that were still in the outbox. */
    val uploads: Int,
    /** Why something could not be carried on yet, for the user; null when all went well. */
    val problem: String?,
) {
    /** True when nothing was left over from before. */
    val nothing: Boolean get() = withdrawals.isEmpty() && uploads == 0 && problem == null

    /** Bank legs still waiting for the user's approval at the bank. */
    val bankApprovalsWaiting: Int get() = withdrawals.sumOf { w -> w.legs.count { it.needsAuthorisation } }
}

/**
 * Carries on what the app left unfinished when it stopped (killed, or the
 * phone restarted): withdrawals not yet sent or settled and their legs,
 * then ID uploads in the outbox. Every front end does this when it starts.
 * A failure is reported, not thrown: the app still opens, and the next
 * start tries again.
 */
suspend fun carryOn(wallet: Wallet, words: Words): CarriedOn {
    var problem: String? = null
    val withdrawals = try {
        wallet.resumeWithdrawals()
    } catch (e: SweepException) {
        problem = words.error(e)
        emptyList()
    }
    val uploads = try {
        if (wallet.pendingUploads() > 0u) wallet.resumeUploads(null).size else 0
    } catch (e: SweepException) {
        problem = problem ?: words.error(e)
        0
    }
    return CarriedOn(withdrawals, uploads, problem)
}
