package com.sweepwallet.app.presentation

import java.nio.file.Path
import javax.xml.parsers.DocumentBuilderFactory
import org.w3c.dom.Element

/** The strings and plurals of one Android `strings.xml`, values as the app shows them. */
data class AndroidStrings(val strings: Map<String, String>, val plurals: Map<String, Map<String, String>>)

/**
 * Reads an Android string resource file on the JVM, the way aapt2 reads it
 * for the app: whitespace runs fold to one space and the backslash escapes
 * are undone. What aapt2 would refuse (a bare apostrophe, a quote, markup
 * inside a string) is refused here too, so a catalog that passes the JVM
 * tests also builds.
 */
fun readAndroidStrings(file: Path): AndroidStrings {
    val document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
    val root = document.documentElement
    fun elements(tag: String) = root.getElementsByTagName(tag).let { list -> (0 until list.length).map { list.item(it) as Element } }

    val strings = elements("string").associate { it.getAttribute("name") to value(it, file) }
    val plurals = elements("plurals").associate { plural ->
        val items = plural.getElementsByTagName("item").let { list -> (0 until list.length).map { list.item(it) as Element } }
        plural.getAttribute("name") to items.associate { it.getAttribute("quantity") to value(it, file) }
    }
    return AndroidStrings(strings, plurals)
}

private fun value(element: Element, file: Path): String {
    val name = element.getAttribute("name").ifEmpty { element.getAttribute("quantity") }
    require((0 until element.childNodes.length).none { element.childNodes.item(it) is Element }) {
        "$file: $name holds markup; keep resources plain text"
    }
    return unescape(element.textContent.trim().replace(Regex("\\s+"), " "), "$file: $name")
}

private fun unescape(raw: String, where: String): String {
    val out = StringBuilder()
    var i = 0
    while (i < raw.length) {
        val c = raw[i]
        when {
            c == '\\' && i + 1 < raw.length -> {
                out.append(
                    when (val next = raw[i + 1]) {
                        'n' -> '\n'
                        't' -> '\t'
                        '\'', '"', '\\', '@', '?' -> next
                        else -> throw IllegalArgumentException("$where: unknown escape \\$next")
                    },
                )
                i += 2
            }
            c == '\'' -> throw IllegalArgumentException("$where: unescaped apostrophe (aapt2 refuses it; write \\')")
            c == '"' -> throw IllegalArgumentException("$where: a bare double quote changes aapt2's whitespace rules; write \\\"")
            else -> {
                out.append(c)
                i += 1
            }
        }
    }
    return out.toString()
}

/**
 * A Korean particle or copula whose form depends on the sound before it,
 * right after an argument ("%1$s을"): half the values would read wrong, so
 * both apps' catalogs rephrase instead. (의, 까지 and counters never change.)
 */
val particleAfterArgument = Regex("%\\d+\\$[a-z](은|는|이|가|을|를|과|와|으로|로|이에요|예요|이나|나|이랑|랑)(?![가-힣])")

/** The format specifiers of a resource string (`%1$s`, `%2$d`), sorted, for comparing languages. */
fun formatArgs(text: String): List<String> =
    Regex("%(\\d+\\$)?[-#+ 0,(]*\\d*(\\.\\d+)?[a-zA-Z%]").findAll(text).map { it.value }.filter { it != "%%" }.sorted().toList()
