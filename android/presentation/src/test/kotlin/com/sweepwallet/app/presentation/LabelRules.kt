package com.sweepwallet.app.presentation

import org.junit.jupiter.api.Assertions.assertTrue

/** ISO 4217 codes, which a screen may write before or after a number ("CHF 5.00", "1.50 CAD"); not "UTC" or "KST". */
private val codes = java.util.Currency.getAvailableCurrencies().joinToString("|") { it.currencyCode }

/** Spaces that may sit between a number and its currency: plain, no-break, narrow no-break. */
private const val SPACE = "[\\s\\u00A0\\u202F]"

/** A currency mark: a symbol with the letters some locales put on it ("US$", "$US", "CA$"), a code, or a word. */
private val mark = "(?:[A-Z]{0,2}\\p{Sc}[A-Z]{0,2}|\\b(?:$codes)\\b|원|won|元)"

/** An amount as a screen shows it, alone: a number with a currency mark before or after it ("12,340원", "US$1.50", "1,50 €", "CHF 5.00"). */
private val shownAmount = Regex("^-?(?:$mark$SPACE?-?[0-9][0-9,.\\u00A0\\u202F]*|[0-9][0-9,.\\u00A0\\u202F]*$SPACE?$mark)$")

/** An amount inside a sentence ("오늘 남은 한도 150,000원", "₩900 more in fees", "1,50 € left", "CHF 5.00 today"). */
private val amountInside = Regex("$mark$SPACE?[0-9]|[0-9]$SPACE?$mark")

/**
 * The label rule of issue #16, item 4, checked on a state object: every
 * amount it shows (a String property `x`, or each item of a list `x`),
 * alone or inside a sentence, has a spoken label beside it (`xLabel`, or
 * `xLabels` item by item) that says it in words: an amount alone without
 * any digit, a sentence without an amount in figures. Rows inside the
 * state are checked the same way.
 */
fun assertAmountsLabelled(state: Any, path: String = state.javaClass.simpleName) {
    val fields = state.javaClass.declaredFields.filter { !java.lang.reflect.Modifier.isStatic(it.modifiers) }
        .onEach { it.isAccessible = true }.associateBy { it.name }
    fun inWords(shown: String, label: String?, where: String) {
        assertTrue(label != null, "$where shows $shown with no spoken label")
        if (shownAmount.matches(shown)) {
            assertTrue(label!!.none(Char::isDigit), "$where reads $shown as '$label', not in words")
        } else {
            assertTrue(!amountInside.containsMatchIn(label!!), "$where reads '$shown' as '$label', an amount still in figures")
        }
    }
    for ((name, field) in fields) {
        if (name.endsWith("Label") || name.endsWith("Labels")) continue
        when (val value = field.get(state)) {
            is String -> if (shownAmount.matches(value) || amountInside.containsMatchIn(value)) {
                inWords(value, fields["${name}Label"]?.get(state) as? String, "$path.$name")
            }
            is List<*> -> {
                val shown = value.filterIsInstance<String>()
                if (shown.any { shownAmount.matches(it) || amountInside.containsMatchIn(it) }) {
                    val labels = fields["${name}Labels"]?.get(state) as? List<*>
                    assertTrue(labels != null && labels.size == value.size, "$path.$name shows amounts with no ${name}Labels")
                    shown.zip(labels!!).forEach { (s, l) -> inWords(s, l as? String, "$path.$name") }
                }
                value.filterNotNull().filter { it.javaClass.packageName == state.javaClass.packageName }
                    .forEachIndexed { i, row -> assertAmountsLabelled(row, "$path.$name[$i]") }
            }
        }
    }
}
