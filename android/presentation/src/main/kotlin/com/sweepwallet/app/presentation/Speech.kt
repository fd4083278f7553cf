package com.sweepwallet.app.presentation

import com.sweepwallet.core.MinorAmount
import java.util.Currency

/**
 * Whole numbers in words, in one language: ICU's spell-out rules
 * (`RuleBasedNumberFormat.SPELLOUT`). Android apps pass `android.icu`'s,
 * which ship with the OS; the JVM tests pass ICU4J's, the same rules.
 */
fun interface Spellout {
    fun words(number: Long): String
}

/**
 * What TalkBack and VoiceOver say for an amount (issue #16, item 4): in
 * words, as a person would read it aloud, so "₩12,340" is heard as
 * "만 이천삼백사십 원" in Korean and "twelve thousand three hundred forty
 * won" in English, never as a symbol and digits. Every state holder that
 * shows an amount also gives this label for it.
 */
class Speech(private val korean: Boolean, private val spell: Spellout) {
    /** A currency's unit names: major and minor, in this language. */
    private data class Units(val major: String, val majorOne: String, val minor: String?, val minorOne: String?)

    private fun units(code: String): Units = if (korean) {
        when (code) {
            "KRW" -> Units("원", "원", null, null)
            "USD" -> Units("달러", "달러", "센트", "센트")
            "GBP" -> Units("파운드", "파운드", "펜스", "펜스")
            "EUR" -> Units("유로", "유로", "센트", "센트")
            "JPY" -> Units("엔", "엔", null, null)
            else -> Units(code, code, null, null)
        }
    } else {
        when (code) {
            "KRW" -> Units("won", "won", null, null)
            "USD" -> Units("dollars", "dollar", "cents", "cent")
            "GBP" -> Units("pounds", "pound", "pence", "penny")
            "EUR" -> Units("euros", "euro", "cents", "cent")
            "JPY" -> Units("yen", "yen", null, null)
            else -> Units(code, code, null, null)
        }
    }

    /** [amount] in words with its currency's units. */
    fun amount(amount: MinorAmount): String {
        val digits = runCatching { Currency.getInstance(amount.currencyCode).defaultFractionDigits }.getOrDefault(0).coerceAtLeast(0)
        var scale = 1L
        repeat(digits) { scale *= 10 }
        val negative = amount.minorUnits < 0
        val magnitude = if (negative) -amount.minorUnits else amount.minorUnits
        val (major, minor) = magnitude / scale to magnitude % scale
        val u = units(amount.currencyCode)
        val majorWords = "${spell.words(major)} ${if (major == 1L) u.majorOne else u.major}"
        val spoken = if (minor == 0L || u.minor == null) {
            majorWords
        } else {
            val minorWords = "${spell.words(minor)} ${if (minor == 1L) u.minorOne else u.minor}"
            if (korean) "$majorWords $minorWords" else "$majorWords and $minorWords"
        }
        return if (!negative) spoken else if (korean) "마이너스 $spoken" else "minus $spoken"
    }

}
