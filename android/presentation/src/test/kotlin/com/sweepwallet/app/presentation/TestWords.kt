package com.sweepwallet.app.presentation

import com.ibm.icu.text.PluralRules
import com.ibm.icu.text.RuleBasedNumberFormat
import com.ibm.icu.util.ULocale
import java.nio.file.Path
import java.util.Locale

/** The presentation module's resource directory (Maven runs the tests in android/presentation). */
val presentationRes: Path = Path.of(System.getProperty("user.dir")).resolve("src/main/res")

/**
 * The presentation catalog read from its Android resource files, as the
 * app reads them on a phone: `values-ko/` for Korean, `values/` otherwise,
 * plural forms picked by ICU's plural rules (Android's own rules), and
 * `%1$s` filled in by `String.format` (Android's formatter).
 */
class XmlCatalog(private val locale: Locale) : Catalog {
    private val resources: AndroidStrings =
        readAndroidStrings(presentationRes.resolve(if (locale.language == "ko") "values-ko/strings.xml" else "values/strings.xml"))
    private val rules = PluralRules.forLocale(ULocale.forLocale(locale))

    override fun text(name: String, args: Array<out Any>): String =
        String.format(locale, resources.strings[name] ?: error("no string resource $name"), *args)

    override fun plural(name: String, count: Int, args: Array<out Any>): String {
        val forms = resources.plurals[name] ?: error("no plurals resource $name")
        val form = forms[rules.select(count.toDouble())] ?: forms["other"] ?: error("$name has no 'other' form")
        return String.format(locale, form, *args)
    }
}

/** Amounts in words with ICU4J's spell-out rules, the rules android.icu ships. */
fun icuSpeech(locale: Locale): Speech {
    val rules = RuleBasedNumberFormat(ULocale.forLocale(locale), RuleBasedNumberFormat.SPELLOUT)
    return Speech(XmlCatalog(locale)) { rules.format(it) }
}

/** A wallet's [Words] for [tag] ("ko-KR", "en-US"), read from the resource files, with amounts in words. */
fun wordsFor(tag: String): Words {
    val locale = Locale.forLanguageTag(tag)
    return Words(tag, XmlCatalog(locale), icuSpeech(locale))
}

/** The wallets the tests open are Korean (`walletConfig`'s default locale), so their words are too. */
val korean: Words = wordsFor("ko-KR")

/** English words, for a wallet opened with `walletConfig(dir, "en-US")`. */
val english: Words = wordsFor("en-US")
