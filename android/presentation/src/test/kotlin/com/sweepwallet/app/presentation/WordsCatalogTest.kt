package com.sweepwallet.app.presentation

import java.nio.file.Files
import java.nio.file.Path
import java.util.Locale
import kotlin.io.path.extension
import kotlin.io.path.readText
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The presentation catalog (issue #16, item 3): every sentence the state
 * holders say is a resource in English (values/) and Korean (values-ko/),
 * with the same arguments, and every resource is one the code uses.
 */
class WordsCatalogTest {
    private val english = readAndroidStrings(presentationRes.resolve("values/strings.xml"))
    private val korean = readAndroidStrings(presentationRes.resolve("values-ko/strings.xml"))
    private val hangul = Regex("[\\uAC00-\\uD7A3]")

    @Test
    fun `both languages have the same sentences`() {
        assertEquals(english.strings.keys.sorted(), korean.strings.keys.sorted())
        assertEquals(english.plurals.keys.sorted(), korean.plurals.keys.sorted())
    }

    @Test
    fun `every message and counted message is a resource, and every resource is one of them`() {
        assertEquals(Msg.entries.map { it.resource }.sorted(), english.strings.keys.sorted())
        assertEquals(Counted.entries.map { it.resource }.sorted(), english.plurals.keys.sorted())
    }

    @Test
    fun `the code says every message`() {
        val main = Path.of(System.getProperty("user.dir")).resolve("src/main/kotlin")
        val code = Files.walk(main).use { paths -> paths.filter { it.extension == "kt" }.map { it.readText() }.toList() }.joinToString("\n")
        val unused = Msg.entries.filter { "Msg.${it.name}" !in code } + Counted.entries.filter { "Counted.${it.name}" !in code }
        assertEquals(emptyList<Any>(), unused, "messages no state holder says")
    }

    @Test
    fun `each sentence takes the same arguments in both languages`() {
        for ((name, text) in english.strings) {
            assertEquals(formatArgs(text), formatArgs(korean.strings.getValue(name)), name)
        }
        for ((name, forms) in english.plurals) {
            val ko = korean.plurals.getValue(name)
            assertEquals(setOf("other"), ko.keys, "$name: Korean has one plural form")
            assertEquals(formatArgs(forms.getValue("other")), formatArgs(ko.getValue("other")), name)
            forms.forEach { (quantity, form) -> assertTrue(formatArgs(form).all { it in formatArgs(forms.getValue("other")) }, "$name/$quantity") }
        }
    }

    @Test
    fun `Korean is Korean and English is English`() {
        // The guide names the Korean word for the scam it warns about.
        val namesKorean = setOf("msg_guide_carrier_billing")
        for ((name, text) in korean.strings + korean.plurals.mapValues { it.value.getValue("other") }) {
            // A pattern of arguments alone ("%1$s %2$s") has no words to translate.
            val words = text.replace(Regex("%\\d+\\$[sd]"), "")
            if (words.any(Char::isLetter)) assertTrue(hangul.containsMatchIn(text), "$name is not in Korean: $text")
        }
        for ((name, text) in english.strings + english.plurals.flatMap { (n, f) -> f.values.map { n to it } }) {
            if (name !in namesKorean) assertTrue(!hangul.containsMatchIn(text), "$name is not in English: $text")
        }
    }

    @Test
    fun `no Korean particle follows an argument`() {
        // A particle after a value depends on its last sound (원을, 달러를), which the catalog cannot know.
        assertTrue(particleAfterArgument.containsMatchIn("%1\$s을 보냈어요"), "the check can fail")
        for ((name, text) in korean.strings + korean.plurals.mapValues { it.value.getValue("other") }) {
            assertTrue(!particleAfterArgument.containsMatchIn(text), "$name: $text")
        }
    }

    @Test
    fun `every sentence formats in both languages`() {
        for (locale in listOf(Locale.KOREA, Locale.US)) {
            val catalog = XmlCatalog(locale)
            fun sample(text: String) = formatArgs(text).map<String, Any> { if (it.endsWith("d")) 3 else "X" }.toTypedArray()
            for ((name, text) in english.strings) assertTrue(catalog.text(name, sample(text)).isNotBlank(), name)
            for ((name, forms) in english.plurals) assertTrue(catalog.plural(name, 3, sample(forms.getValue("other"))).isNotBlank(), name)
        }
    }

    @Test
    fun `the reader refuses what aapt2 refuses`() {
        val file = Files.createTempFile("strings", ".xml")
        try {
            Files.writeString(file, "<resources><string name=\"a\">it's</string></resources>")
            assertThrows(IllegalArgumentException::class.java) { readAndroidStrings(file) }
            Files.writeString(file, "<resources><string name=\"a\">it\\'s  a\n  %1\$s</string></resources>")
            assertEquals(mapOf("a" to "it's a %1\$s"), readAndroidStrings(file).strings)
        } finally {
            Files.delete(file)
        }
    }
}
