package com.sweepwallet.app

import android.content.Context
import android.icu.text.RuleBasedNumberFormat
import android.icu.util.ULocale
import com.sweepwallet.app.presentation.Catalog
import com.sweepwallet.app.presentation.Speech
import com.sweepwallet.app.presentation.Words
import java.util.Locale

/**
 * The presentation layer's sentences from the app's string resources
 * (merged from the presentation module's res/values and values-ko), looked
 * up by name, so Android picks the language and its plural rules. The names
 * are kept from the resource shrinker by res/raw/presentation_keep.xml.
 */
class ResourceCatalog(context: Context) : Catalog {
    private val resources = context.applicationContext.resources
    private val pkg = context.applicationContext.packageName

    private fun id(name: String, type: String): Int =
        resources.getIdentifier(name, type, pkg).also { check(it != 0) { "no $type resource $name" } }

    override fun text(name: String, args: Array<out Any>): String = resources.getString(id(name, "string"), *args)

    override fun plural(name: String, count: Int, args: Array<out Any>): String =
        resources.getQuantityString(id(name, "plurals"), count, *args)
}

/** The wallet's locale: the phone's language, the one Android picks resources for. */
fun phoneLocale(): String = Locale.getDefault().toLanguageTag()

/**
 * Everything the screens say, in the phone's language, with amounts read
 * aloud by the spell-out rules Android ships (android.icu, API 24+).
 */
fun phoneWords(context: Context): Words {
    val locale = ULocale.getDefault()
    val rules = RuleBasedNumberFormat(locale, RuleBasedNumberFormat.SPELLOUT)
    val speech = Speech(korean = locale.language == "ko") { rules.format(it) }
    return Words(phoneLocale(), ResourceCatalog(context), speech)
}
