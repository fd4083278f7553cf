package com.sweepwallet.app.presentation

import com.sweepwallet.core.AuthState
import com.sweepwallet.core.Collectability
import com.sweepwallet.core.FormattedAmount
import com.sweepwallet.core.MinorAmount
import com.sweepwallet.core.SourceBalance
import com.sweepwallet.core.Withdrawal
import com.sweepwallet.core.WithdrawalState
import com.sweepwallet.core.formatEta
import com.sweepwallet.core.formatMoney
import com.sweepwallet.core.formatTime
import java.time.Duration
import java.time.Instant

/**
 * Where the presentation layer's sentences come from: its string resources
 * (`src/main/res/values/strings.xml`, and `values-ko/` for Korean). On a
 * phone the app reads them through Android's resources, so the system picks
 * the language; the JVM tests read the same files.
 */
interface Catalog {
    /** The string resource [name], its `%1$s` arguments filled in with [args]. */
    fun text(name: String, args: Array<out Any>): String

    /** The plural resource [name] for [count] (the language's plural rules pick the form), filled in with [args]. */
    fun plural(name: String, count: Int, args: Array<out Any>): String
}

/** A sentence of the presentation layer: the string resource `msg_<name in lower case>`. */
enum class Msg {
    COLLECTION_SOURCE_API_TRANSFER, COLLECTION_OPEN_BANKING_PAYMENT, COLLECTION_TRACKED_ONLY,
    COLLECTION_REFUND_TO_ORIGIN, COLLECTION_SPEND_ONLY, COLLECTION_BLOCKED, COLLECTION_NEEDS_REAUTH,
    COLLECTION_READ_ONLY_LINK, COLLECTION_NO_COLLECT_METHOD,
    FRESHNESS_NEEDS_REAUTH, FRESHNESS_REVOKED, FRESHNESS_MANUAL, FRESHNESS_SYNCED, FRESHNESS_NEVER,
    AGO_JUST_NOW,
    ERROR_UNKNOWN,
    GUIDE_CARRIER_BILLING, GUIDE_NO_CODES, GUIDE_NO_ADVANCE, GUIDE_REPORT,
    DASHBOARD_NOTHING_TO_REFUND, DASHBOARD_EDIT_SAVED, DASHBOARD_OTHER_CURRENCY, DASHBOARD_ONLY_TYPED_IN,
    DASHBOARD_REMOVE_QUESTION, DASHBOARD_REMOVE_EXPLAIN, DASHBOARD_STILL_COLLECTING,
    CASH_OUT_INSTANT_EXTRA, CASH_OUT_LIMIT_PER_WITHDRAWAL, CASH_OUT_LIMIT_TODAY, CASH_OUT_LIMIT_MONTH,
    CASH_OUT_NO_QUOTE, CASH_OUT_NO_PAYEE, CASH_OUT_READ_SHIELD,
    FIRST_RUN_STALE_FEES, FIRST_RUN_STALE_FEES_NO_REASON, FIRST_RUN_NOT_THIS_PHONE,
    ID_CAPTURE_NO_SESSION,
    STATUS_REQUESTED, STATUS_PROCESSING, STATUS_SENT, STATUS_COMPLETED, STATUS_FAILED, STATUS_CANCELED, STATUS_RETURNED,
    TIMELINE_REQUESTED, TIMELINE_PROCESSING, TIMELINE_SENT, TIMELINE_COMPLETED, TIMELINE_FAILED, TIMELINE_NO_REASON,
    TIMELINE_CANCELED, TIMELINE_RETURNED, TIMELINE_RECEIPT,
    NOTIFY_ON_ITS_WAY_TITLE, NOTIFY_ON_ITS_WAY_TEXT, NOTIFY_ARRIVED_TITLE, NOTIFY_ARRIVED_TEXT,
    NOTIFY_FAILED_TITLE, NOTIFY_NOTHING_TAKEN, NOTIFY_SENT_BACK_TITLE, NOTIFY_SENT_BACK_TEXT, NOTIFY_CANCELED_TITLE,
    REMIND_EXPIRES_SOON_TITLE, REMIND_REFUND_AVAILABLE_TITLE, REMIND_NEEDS_REAUTH_TITLE, REMIND_CASH_OUT_WORTH_IT_TITLE,
    DATA_EXPORT_QUESTION, DATA_EXPORT_MASKED_EXPLAIN, DATA_EXPORT_IN_FULL_EXPLAIN, DATA_EXPORT_IN_FULL_WARNING,
    DATA_DELETE_QUESTION, DATA_DELETE_EXPLAIN, DATA_DELETE_EXPORT_FIRST, DATA_DELETE_NOT_CONFIRMED, DATA_DELETING,
    DATA_DELETE_UNDER_WAY, DATA_DELETE_FAILED, DATA_PROVIDER_NOT_CONTACTED, DATA_PROVIDER_DELETED, DATA_RETAINED_INTRO,
    DATA_RETAINED,
    SPEECH_AND, SPEECH_MINUS, SPEECH_DECIMAL, SPEECH_CODE, SPEECH_ZERO,
    ;

    /** Its resource name. */
    val resource: String get() = "msg_" + name.lowercase()
}

/** A sentence that depends on a count: the plural resource `msg_<name in lower case>`. */
enum class Counted {
    AGO_MINUTES, AGO_HOURS, AGO_DAYS, DASHBOARD_REFUNDED, DASHBOARD_SYNC_FAILED, DATA_EXPORTED,
    SPEECH_KRW, SPEECH_JPY, SPEECH_USD, SPEECH_USD_CENTS, SPEECH_EUR, SPEECH_EUR_CENTS, SPEECH_GBP, SPEECH_GBP_PENCE,
    ;

    /** Its resource name. */
    val resource: String get() = "msg_" + name.lowercase()
}

/** A sentence with amounts in it: as shown, and as a screen reader says it, amounts in words. */
data class Sentence(val shown: String, val spoken: String)

/**
 * Everything the state holders say, in the wallet's language: sentences
 * from the [catalog], amounts and times formatted by the core for [locale]
 * (the locale the wallet was opened with, `WalletConfig.locale`), and
 * amounts read aloud by [speech]. One instance serves every screen.
 */
class Words(val locale: String, private val catalog: Catalog, private val speech: Speech? = null) {
    /** The sentence [msg] with its arguments. */
    fun say(msg: Msg, vararg args: Any): String = catalog.text(msg.resource, args)

    /** The sentence [msg] in the form for [count]; [count] is not an argument unless also passed in [args]. */
    fun count(msg: Counted, count: Int, vararg args: Any): String = catalog.plural(msg.resource, count, args)

    /**
     * [msg] with its arguments, twice: as shown, and with every amount
     * ([FormattedAmount], [MinorAmount]) in words, for TalkBack.
     */
    fun sentence(msg: Msg, vararg args: Any): Sentence = Sentence(say(msg, *shown(args)), say(msg, *spoken(args)))

    /** [sentence] for a sentence whose form depends on [count]. */
    fun sentence(msg: Counted, count: Int, vararg args: Any): Sentence =
        Sentence(count(msg, count, *shown(args)), count(msg, count, *spoken(args)))

    private fun shown(args: Array<out Any>): Array<Any> =
        args.map { if (it is FormattedAmount) it.formatted else if (it is MinorAmount) money(it) else it }.toTypedArray()

    private fun spoken(args: Array<out Any>): Array<Any> =
        args.map { if (it is FormattedAmount) label(it) else if (it is MinorAmount) speech?.amount(it) ?: money(it) else it }.toTypedArray()

    /**
     * [text], a sentence the core wrote with [amounts] in it (refund advice,
     * say), as TalkBack says it: each amount, as this locale writes it, in
     * words. An amount is matched whole ("1,000원" is not read inside
     * "11,000원"). Without a [Speech], [text] as it is.
     */
    fun spoken(text: String, amounts: List<MinorAmount>): String {
        val speech = speech ?: return text
        return amounts.distinct().sortedByDescending { money(it).length }.fold(text) { said, amount ->
            val whole = Regex("(?<![0-9.,])" + Regex.escape(money(amount)) + "(?![0-9]|[.,][0-9])")
            said.replace(whole, Regex.escapeReplacement(speech.amount(amount)))
        }
    }

    /** [amount] as this locale writes it ("12,340원", "₩12,340"). */
    fun money(amount: MinorAmount): String = formatMoney(amount, locale)

    /** [at] as a date and time in this locale's time zone (KST for ko-KR). */
    fun time(at: Instant): String = formatTime(at.toEpochMilli(), locale)

    /** How long a payout takes, as the core says it for this locale ("약 24시간", "about 24 hours"). */
    fun eta(seconds: ULong): String = formatEta(seconds, locale)

    /**
     * What TalkBack reads for an amount shown on screen: its words
     * ("만 이천삼백사십 원"), or the amount as shown when no [Speech] was given.
     */
    fun label(shown: FormattedAmount): String = speech?.amount(shown.amount) ?: shown.formatted

    /**
     * The message a screen shows for a failure. The core's typed errors
     * already speak the wallet's language and carry no personal data.
     */
    fun error(e: Throwable): String = e.message?.takeIf { it.isNotBlank() } ?: say(Msg.ERROR_UNKNOWN)

    /** Whether Sweep can cash a balance out now, or what stops it, in a few words. */
    fun collection(collection: Collectability): String = say(
        when (collection) {
            Collectability.SOURCE_API_TRANSFER -> Msg.COLLECTION_SOURCE_API_TRANSFER
            Collectability.OPEN_BANKING_PAYMENT -> Msg.COLLECTION_OPEN_BANKING_PAYMENT
            Collectability.TRACKED_ONLY -> Msg.COLLECTION_TRACKED_ONLY
            Collectability.REFUND_TO_ORIGIN -> Msg.COLLECTION_REFUND_TO_ORIGIN
            Collectability.SPEND_ONLY -> Msg.COLLECTION_SPEND_ONLY
            Collectability.BLOCKED -> Msg.COLLECTION_BLOCKED
            Collectability.NEEDS_REAUTH -> Msg.COLLECTION_NEEDS_REAUTH
            Collectability.READ_ONLY_LINK -> Msg.COLLECTION_READ_ONLY_LINK
            Collectability.NO_COLLECT_METHOD -> Msg.COLLECTION_NO_COLLECT_METHOD
        },
    )

    /** How fresh a source's balance is, or what the user must do about it. */
    fun freshness(source: SourceBalance, now: Instant): String = when {
        source.authState == AuthState.NEEDS_REAUTH -> say(Msg.FRESHNESS_NEEDS_REAUTH)
        source.authState == AuthState.REVOKED -> say(Msg.FRESHNESS_REVOKED)
        source.provider == "manual" -> say(Msg.FRESHNESS_MANUAL)
        else -> source.lastSynced?.let { say(Msg.FRESHNESS_SYNCED, ago(it, now)) } ?: say(Msg.FRESHNESS_NEVER)
    }

    /** "just now", "5 minutes ago", "3 hours ago", "2 days ago"; a clock a little behind the server's says "just now". */
    fun ago(then: Instant, now: Instant): String {
        val elapsed = Duration.between(then, now).coerceAtLeast(Duration.ZERO)
        fun counted(msg: Counted, n: Long) = count(msg, n.toInt(), n)
        return when {
            elapsed < Duration.ofMinutes(1) -> say(Msg.AGO_JUST_NOW)
            elapsed < Duration.ofHours(1) -> counted(Counted.AGO_MINUTES, elapsed.toMinutes())
            elapsed < Duration.ofDays(1) -> counted(Counted.AGO_HOURS, elapsed.toHours())
            else -> counted(Counted.AGO_DAYS, elapsed.toDays())
        }
    }

    /** A withdrawal's state in a few words, for the history list. */
    fun status(state: WithdrawalState): String = say(
        when (state) {
            WithdrawalState.REQUESTED -> Msg.STATUS_REQUESTED
            WithdrawalState.PROCESSING -> Msg.STATUS_PROCESSING
            WithdrawalState.SENT -> Msg.STATUS_SENT
            WithdrawalState.COMPLETED -> Msg.STATUS_COMPLETED
            WithdrawalState.FAILED -> Msg.STATUS_FAILED
            WithdrawalState.CANCELED -> Msg.STATUS_CANCELED
            WithdrawalState.RETURNED -> Msg.STATUS_RETURNED
        },
    )

    /** A withdrawal's state as a step of its timeline, as shown and as TalkBack says it. */
    fun step(withdrawal: Withdrawal): Sentence = when (withdrawal.state) {
        WithdrawalState.REQUESTED -> sentence(Msg.TIMELINE_REQUESTED)
        WithdrawalState.PROCESSING -> sentence(Msg.TIMELINE_PROCESSING)
        WithdrawalState.SENT -> sentence(Msg.TIMELINE_SENT)
        WithdrawalState.COMPLETED -> sentence(Msg.TIMELINE_COMPLETED, withdrawal.net)
        WithdrawalState.FAILED -> sentence(Msg.TIMELINE_FAILED, withdrawal.reason ?: say(Msg.TIMELINE_NO_REASON))
        WithdrawalState.CANCELED -> sentence(Msg.TIMELINE_CANCELED)
        WithdrawalState.RETURNED -> sentence(Msg.TIMELINE_RETURNED)
    }

    /** What every user should read before the first cash-out (the scam shield's guide). */
    val safetyGuide: List<String>
        get() = listOf(Msg.GUIDE_CARRIER_BILLING, Msg.GUIDE_NO_CODES, Msg.GUIDE_NO_ADVANCE, Msg.GUIDE_REPORT).map { say(it) }
}
