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

/**
 * The wallet's locale: the language Android picked the app's resources in
 * (`wallet_language`, so the core's sentences match the screens' even when
 * the phone prefers a language Sweep does not speak), with the phone's
 * region when its language is that one (ko-KR, en-GB), else that
 * language's home (ko-KR, en-US).
 */
fun walletLocale(context: Context): String {
    val language = context.getString(R.string.wallet_language)
    val phone = Locale.getDefault()
    return when {
        phone.language == language -> phone.toLanguageTag()
        language == "ko" -> "ko-KR"
        else -> "en-US"
    }
}

/**
 * Everything the screens say, in the wallet's language, with amounts read
 * aloud by the spell-out rules Android ships (android.icu, API 24+).
 */
fun phoneWords(context: Context): Words {
    val locale = walletLocale(context)
    val rules = RuleBasedNumberFormat(ULocale.forLanguageTag(locale), RuleBasedNumberFormat.SPELLOUT)
    val catalog = ResourceCatalog(context)
    return Words(locale, catalog, Speech(catalog) { rules.format(it) })
}
