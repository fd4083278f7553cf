package com.sweepwallet.app.presentation

import com.sweepwallet.core.AuthState
import com.sweepwallet.core.Collectability
import com.sweepwallet.core.SourceBalance
import java.time.Duration
import java.time.Instant

/**
 * Words the screens show, in one place so every screen says the same thing.
 * Amounts arrive already formatted by the core in the wallet's locale.
 */
object Text {
    /** Whether Sweep can cash a balance out now, or what stops it, in a few words. */
    fun collection(collection: Collectability): String = when (collection) {
        Collectability.SOURCE_API_TRANSFER -> "Can be cashed out"
        Collectability.OPEN_BANKING_PAYMENT -> "Can be cashed out: you approve it at your bank"
        Collectability.TRACKED_ONLY -> "Tracked only: link it to cash it out"
        Collectability.REFUND_TO_ORIGIN -> "Can only be refunded to where it came from"
        Collectability.SPEND_ONLY -> "Can only be spent where it is"
        Collectability.BLOCKED -> "Blocked"
        Collectability.NEEDS_REAUTH -> "Sign in again to cash it out"
        Collectability.READ_ONLY_LINK -> "Read only: link again and allow transfers"
        Collectability.NO_COLLECT_METHOD -> "Shown only: Sweep cannot move it"
    }

    /** How fresh a source's balance is, or what the user must do about it. */
    fun freshness(source: SourceBalance, now: Instant): String = when {
        source.authState == AuthState.NEEDS_REAUTH -> "Sign in again to keep this balance fresh"
        source.authState == AuthState.REVOKED -> "Access was withdrawn; link it again"
        source.provider == "manual" -> "Entered by you"
        else -> source.lastSynced?.let { "Synced ${ago(it, now)}" } ?: "Not synced yet"
    }

    /** "just now", "5 min ago", "3 h ago", "2 days ago". */
    fun ago(then: Instant, now: Instant): String {
        val elapsed = Duration.between(then, now).coerceAtLeast(Duration.ZERO)
        return when {
            elapsed < Duration.ofMinutes(1) -> "just now"
            elapsed < Duration.ofHours(1) -> "${elapsed.toMinutes()} min ago"
            elapsed < Duration.ofDays(1) -> "${elapsed.toHours()} h ago"
            else -> "${elapsed.toDays()} days ago"
        }
    }

    /**
     * The message a screen shows for a failure. Sweep's errors are typed;
     * their message names the problem without personal data.
     */
    fun error(e: Throwable): String = e.message?.takeIf { it.isNotBlank() } ?: "Something went wrong. Try again."

    /** What every user should read before the first cash-out (the scam shield's guide). */
    val safetyGuide: List<String> = listOf(
        "Offers to turn phone-bill payments (소액결제) into cash are illegal in Korea; Sweep only refunds them to the bill.",
        "Sweep never asks for passwords or verification codes by phone or message.",
        "Nobody needs money from you first in order to pay you.",
        "To report fraud: the police cyber-crime report (ecrm.police.go.kr, 182) or the FSS illegal-finance report (fss.or.kr, 1332).",
    )
}
