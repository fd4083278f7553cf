package com.sweepwallet.app.presentation

import com.sweepwallet.core.LinkOutcome
import com.sweepwallet.core.LinkRequest
import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Wallet
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch

/** Where linking a source stands. */
sealed interface LinkState {
    /** Nothing started. */
    data object Idle : LinkState

    /** Open this URL in the browser (Custom Tabs); no client secret is involved. */
    data class OpenBrowser(val url: String) : LinkState

    /** The browser came back; Sweep is exchanging the code. */
    data object Finishing : LinkState

    /**
     * Linked: the source's id, for the dashboard, and how ([LinkOutcome]: a
     * new source, a typed-in balance taken over with its history, the same
     * source again, or another account linked as a new source). [note] is
     * the sentence to show when the outcome needs one, in the wallet's
     * language; null when there is nothing to explain.
     */
    data class Linked(val sourceId: ULong, val outcome: LinkOutcome = LinkOutcome.Linked, val note: String? = null) : LinkState

    /** Why it failed, for the user. */
    data class Failed(val message: String) : LinkState
}

/**
 * The link-a-source screen: OAuth Authorization Code with PKCE. The screen
 * opens [LinkState.OpenBrowser.url]; the app's redirect handler passes the
 * URL it received to [onRedirect].
 */
class LinkSourceStateHolder(private val wallet: Wallet, private val scope: CoroutineScope, private val words: Words) {
    private val mutable = MutableStateFlow<LinkState>(LinkState.Idle)
    val state: StateFlow<LinkState> = mutable.asStateFlow()

    /**
     * Starts linking a new source. To link the platform of a balance the
     * user typed in, name it in [LinkRequest.replacesSourceId]: the link
     * takes it over, keeping its id and history, so its money counts once
     * (one of the same kind under the same name is taken over anyway).
     */
    fun begin(request: LinkRequest) {
        mutable.value = try {
            LinkState.OpenBrowser(wallet.beginLink(request))
        } catch (e: SweepException) {
            LinkState.Failed(words.error(e))
        }
    }

    /** Starts linking again a source whose sign-in expired or was revoked. */
    fun beginRelink(sourceId: ULong): Job = scope.launch {
        mutable.value = try {
            LinkState.OpenBrowser(wallet.beginRelink(sourceId))
        } catch (e: SweepException) {
            LinkState.Failed(words.error(e))
        }
    }

    /** The redirect the browser came back with. */
    fun onRedirect(callbackUrl: String): Job = scope.launch {
        mutable.value = LinkState.Finishing
        mutable.value = try {
            val linked = wallet.completeLink(callbackUrl)
            LinkState.Linked(linked.sourceId, linked.outcome, linked.note)
        } catch (e: SweepException) {
            LinkState.Failed(words.error(e))
        }
    }

    /** The user closed the browser without finishing. */
    fun cancel() {
        mutable.value = LinkState.Idle
    }
}
