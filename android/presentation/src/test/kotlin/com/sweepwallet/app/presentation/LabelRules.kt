package com.sweepwallet.app.presentation

import org.junit.jupiter.api.Assertions.assertTrue

/** An amount as a screen shows it: digits with a currency sign, code or word ("12,340원", "₩12,340", "US$1.50", "1,50 €"). */
private val shownAmount = Regex("^-?([A-Z]{1,3}\\s?)?[₩$€£¥￥]?-?[0-9][0-9,.\\u00A0\\u202F]*\\s?([₩$€£¥]|[A-Z]{2,3}|원|won)?$")

/**
 * The label rule of issue #16, item 4, checked on a state object: every
 * amount it shows (a String property `x`, or each item of a list `x`) has a
 * spoken label beside it (`xLabel`, or `xLabels` item by item) that says it
 * in words, without digits. Rows inside the state are checked the same way.
 */
fun assertAmountsLabelled(state: Any, path: String = state.javaClass.simpleName) {
    val fields = state.javaClass.declaredFields.filter { !java.lang.reflect.Modifier.isStatic(it.modifiers) }
        .onEach { it.isAccessible = true }.associateBy { it.name }
    for ((name, field) in fields) {
        when (val value = field.get(state)) {
            is String -> if (shownAmount.matches(value)) {
                val label = fields["${name}Label"]?.get(state) as? String
                assertTrue(label != null, "$path.$name shows $value with no ${name}Label")
                assertTrue(label!!.none(Char::isDigit), "$path.${name}Label reads $value as '$label', not in words")
            }
            is List<*> -> {
                if (value.any { it is String && shownAmount.matches(it) }) {
                    val labels = fields["${name}Labels"]?.get(state) as? List<*>
                    assertTrue(labels != null && labels.size == value.size, "$path.$name shows amounts with no ${name}Labels")
                    labels!!.forEach { assertTrue((it as String).none(Char::isDigit), "$path.${name}Labels: '$it' is not in words") }
                }
                value.filterNotNull().filter { it.javaClass.packageName == state.javaClass.packageName }
                    .forEachIndexed { i, row -> assertAmountsLabelled(row, "$path.$name[$i]") }
            }
        }
    }
}
