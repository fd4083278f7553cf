package com.sweepwallet.app.presentation

import com.sweepwallet.core.MinorAmount
import com.sweepwallet.core.currencyMinorUnits

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
 * won" in English, never as a symbol and digits. The numbers are [spell]'s;
 * the currencies' names and how the parts join are the [catalog]'s
 * (`msg_speech_*`), with the language's plural forms. Every state holder
 * that shows an amount also gives this label for it.
 */
class Speech(private val catalog: Catalog, private val spell: Spellout) {
    /** [amount] in words with its currency's units. */
    fun amount(amount: MinorAmount): String {
        // ISO 4217's decimals, as the core counts minor units (the phone's CLDR tables give some currencies fewer).
        val digits = runCatching { currencyMinorUnits(amount.currencyCode).toInt() }.getOrDefault(0)
        var scale = 1L
        repeat(digits) { scale *= 10 }
        val magnitude = if (amount.minorUnits < 0) -(amount.minorUnits.coerceAtLeast(-Long.MAX_VALUE)) else amount.minorUnits
        val (major, minor) = magnitude / scale to magnitude % scale
        val (majorName, minorName) = names(amount.currencyCode)
        val spoken = when {
            majorName == null && minor == 0L -> say(Msg.SPEECH_CODE, number(major), amount.currencyCode)
            majorName == null || minorName == null && minor != 0L -> {
                // No name for the minor unit: the decimals digit by digit ("one point five zero CAD").
                val decimals = minor.toString().padStart(digits, '0').map { spell.words(it.digitToInt().toLong()) }.joinToString(" ")
                say(Msg.SPEECH_DECIMAL, number(major), decimals, amount.currencyCode)
            }
            minor == 0L || minorName == null -> count(majorName, major)
            // "five cents", not "zero dollars and five cents".
            major == 0L -> count(minorName, minor)
            else -> say(Msg.SPEECH_AND, count(majorName, major), count(minorName, minor))
        }
        return if (amount.minorUnits < 0) say(Msg.SPEECH_MINUS, spoken) else spoken
    }

    /** A whole number in words; zero as the catalog says it ("영", which ICU's Korean rules read "공"). */
    private fun number(n: Long): String = if (n == 0L) say(Msg.SPEECH_ZERO) else spell.words(n)

    /** The catalog's names of a currency's major and minor units, where it has them. */
    private fun names(code: String): Pair<Counted?, Counted?> = when (code) {
        "KRW" -> Counted.SPEECH_KRW to null
        "JPY" -> Counted.SPEECH_JPY to null
        "USD" -> Counted.SPEECH_USD to Counted.SPEECH_USD_CENTS
        "EUR" -> Counted.SPEECH_EUR to Counted.SPEECH_EUR_CENTS
        "GBP" -> Counted.SPEECH_GBP to Counted.SPEECH_GBP_PENCE
        else -> null to null
    }

    private fun count(unit: Counted, n: Long): String =
        catalog.plural(unit.resource, n.coerceAtMost(Int.MAX_VALUE.toLong()).toInt(), arrayOf(number(n)))

    private fun say(msg: Msg, vararg args: Any): String = catalog.text(msg.resource, args)
}
