package com.sweepwallet.app.presentation

import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.extension
import kotlin.io.path.isRegularFile
import kotlin.io.path.name
import kotlin.io.path.readText
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The Android app's words and labels (issue #16, items 3 and 4), checked on
 * the JVM because the app itself is compiled only on the hosted workflow:
 * its string resources in English and Korean match, every resource the
 * app's Kotlin names exists and every app resource is used, and the
 * screens under `ui/` show no hard-coded words, give every icon and image a
 * description, and leave text sizes to the theme so they follow the system
 * font size. The source scans are plain text scans; the last test runs them
 * on small samples, so a scan that stopped finding anything would fail.
 */
class AppResourcesTest {
    private val android: Path = Path.of(System.getProperty("user.dir")).resolve("..").normalize()
    private val appMain: Path = android.resolve("app/src/main")
    private val appKotlin: Path = appMain.resolve("kotlin")
    private val ui: Path = appKotlin.resolve("com/sweepwallet/app/ui")
    private val presentationValues: Path = android.resolve("presentation/src/main/res/values/strings.xml")

    private val appEnglish: AndroidStrings = readAndroidStrings(appMain.resolve("res/values/strings.xml"))
    private val appKorean: AndroidStrings = readAndroidStrings(appMain.resolve("res/values-ko/strings.xml"))

    /** Resources whose Korean may read exactly like the English. */
    private val sameInBothLanguages = setOf("app_name")

    /** Fixed heights allowed in ui/, each on something that holds no text: "File.kt:matched text". */
    private val fixedHeightsWithoutText = setOf("CameraCapture.kt:.height(280.dp)")

    @Test
    fun `English and Korean have the same string and plural names`() {
        val problems = mutableListOf<String>()
        (appEnglish.strings.keys - appKorean.strings.keys).forEach { problems += "values-ko/strings.xml lacks string $it" }
        (appKorean.strings.keys - appEnglish.strings.keys).forEach { problems += "values/strings.xml lacks string $it (only in values-ko)" }
        (appEnglish.plurals.keys - appKorean.plurals.keys).forEach { problems += "values-ko/strings.xml lacks plurals $it" }
        (appKorean.plurals.keys - appEnglish.plurals.keys).forEach { problems += "values/strings.xml lacks plurals $it (only in values-ko)" }
        assertNoProblems(problems)
        assertTrue(appEnglish.strings.size > 50, "the app's strings were not read: ${appEnglish.strings.size} found")
    }

    @Test
    fun `each pair has the same arguments, and Korean is translated`() {
        val problems = mutableListOf<String>()
        for ((name, english) in appEnglish.strings) {
            val korean = appKorean.strings[name] ?: continue
            if (formatArgs(english) != formatArgs(korean)) {
                problems += "string $name: English has ${formatArgs(english)}, Korean has ${formatArgs(korean)}"
            }
            if (english == korean && name !in sameInBothLanguages) problems += "string $name: the Korean is the English (\"$english\")"
        }
        for ((name, english) in appEnglish.plurals) {
            val korean = appKorean.plurals[name] ?: continue
            val englishOther = english["other"]
            if (englishOther == null) {
                problems += "plurals $name: English has no 'other' form"
                continue
            }
            if (korean.keys != setOf("other")) problems += "plurals $name: Korean should have only the 'other' form, but has ${korean.keys}"
            val koreanOther = korean["other"] ?: continue
            if (formatArgs(englishOther) != formatArgs(koreanOther)) {
                problems += "plurals $name: English has ${formatArgs(englishOther)}, Korean has ${formatArgs(koreanOther)}"
            }
            english.forEach { (quantity, text) ->
                if (!formatArgs(englishOther).containsAll(formatArgs(text))) {
                    problems += "plurals $name: English '$quantity' uses ${formatArgs(text)}, not among 'other''s ${formatArgs(englishOther)}"
                }
            }
            if (englishOther == koreanOther && name !in sameInBothLanguages) problems += "plurals $name: the Korean is the English"
        }
        assertNoProblems(problems)
    }

    @Test
    fun `arguments are positional and Korean puts no particle right after one`() {
        val problems = mutableListOf<String>()
        for ((where, text) in allTexts("values", appEnglish) + allTexts("values-ko", appKorean)) {
            formatArgs(text).filterNot { it.matches(positional) }.forEach { problems += "$where: $it is not positional (write %1\$s, %1\$d)" }
        }
        for ((where, text) in allTexts("values-ko", appKorean)) {
            particleAfterArgument.find(text)?.let { problems += "$where: \"${it.value}\": the particle depends on the argument's last sound; rephrase" }
        }
        assertNoProblems(problems)
    }

    @Test
    fun `app names leave the msg_ prefix to the presentation module and do not collide with it`() {
        val names = appEnglish.strings.keys + appEnglish.plurals.keys
        val problems = names.filter { it.startsWith("msg_") }.map { "app resource $it starts with msg_ (reserved for android/presentation)" }.toMutableList()
        presentationStrings()?.let { presentation ->
            (names intersect (presentation.strings.keys + presentation.plurals.keys)).forEach {
                problems += "resource $it is in both the app and android/presentation; the app's would hide the other"
            }
        }
        assertNoProblems(problems)
    }

    @Test
    fun `every resource the app names exists, and every app resource is used`() {
        val presentation = presentationStrings()
        val strings = appEnglish.strings.keys + presentation?.strings?.keys.orEmpty()
        val plurals = appEnglish.plurals.keys + presentation?.plurals?.keys.orEmpty()
        val problems = mutableListOf<String>()
        val used = mutableSetOf<String>()

        for (file in kotlinFiles(appKotlin)) {
            val code = KotlinSource(file.readText())
            for (match in resourceReference.findAll(code.codeOnly)) {
                val (prefix, kind, name) = match.destructured
                if (prefix == "android.") continue // the platform's own resources
                used += name
                val known = if (kind == "string") strings else plurals
                if (name !in known) problems += "${where(file, code, match.range.first)}: R.$kind.$name is not in the app's or the presentation's values/strings.xml"
            }
        }
        for (file in xmlFiles()) {
            val text = file.readText()
            for (match in xmlReference.findAll(text)) {
                val (kind, name) = match.destructured
                used += name
                val known = if (kind == "string") strings else plurals
                if (name !in known) problems += "${android.relativize(file)}:${lineOf(text, match.range.first)}: @$kind/$name does not exist"
            }
        }
        (appEnglish.strings.keys + appEnglish.plurals.keys - used).sorted().forEach {
            problems += "app resource $it is used nowhere in android/app/src/main (Kotlin, AndroidManifest.xml or res/)"
        }
        assertNoProblems(problems)
    }

    @Test
    fun `the screens show no hard-coded words`() {
        assertNoProblems(uiFiles().flatMap { (file, code) -> wordsInCode(code).map { "${where(file, code, it.first)}: ${it.second}" } })
    }

    @Test
    fun `text sizes come from the theme and nothing cuts scaled text`() {
        assertNoProblems(
            uiFiles().flatMap { (file, code) ->
                scalingProblems(code)
                    .filterNot { (offset, _) -> heightAt(code, offset)?.let { "${file.name}:$it" } in fixedHeightsWithoutText }
                    .map { "${where(file, code, it.first)}: ${it.second}" }
            },
        )
    }

    @Test
    fun `every icon and image says what it shows`() {
        assertNoProblems(uiFiles().flatMap { (file, code) -> undescribedImages(code).map { "${where(file, code, it.first)}: ${it.second}" } })
        assertTrue(uiFiles().size >= 10, "the screens were not found under $ui")
    }

    @Test
    fun `every amount on screen is read as words`() {
        // A core amount shown as its .formatted text would be read as digits and a symbol; AmountFigure
        // (ui/Common.kt) shows it with the presentation layer's spoken label. The holders' own amounts
        // come with theirs (SourceRow.balanceLabel, HistoryRow.amountLabel, checked by LabelRulesTest).
        val raw = Regex("""\.formatted\b""")
        assertTrue(raw.containsMatchIn("Figure(label, quote.totalNet.formatted)"), "the scan can fail")
        assertNoProblems(
            uiFiles().filter { (file, _) -> file.name != "Common.kt" }.flatMap { (file, code) ->
                raw.findAll(code.text).map { "${where(file, code, it.range.first)}: an amount shown as digits; use AmountFigure" }.toList()
            },
        )
        val spokenFigures = Regex("""\bFigure\([^\n]*(balance|amount)\b[^\n]*\)""").findAll(uiFiles().joinToString("\n") { it.second.text })
        spokenFigures.forEach { assertTrue("spoken =" in it.value, "a holder's amount without its label: ${it.value}") }
        // Every spoken label a state holder gives is shown to TalkBack by some screen.
        val presentation = android.resolve("presentation/src/main/kotlin")
        val labels = kotlinFiles(presentation).flatMap { file ->
            Regex("""\bval (\w+Labels?)\s*:""").findAll(file.readText()).map { it.groupValues[1] }.toList()
        }.toSet()
        assertTrue(labels.containsAll(listOf("balanceLabel", "amountLabel", "cashableLabels")), "the scan finds the labels: $labels")
        val screens = uiFiles().joinToString("\n") { it.second.text }
        val unused = labels.filter { !Regex("""\.$it\b""").containsMatchIn(screens) }
        assertTrue(unused.isEmpty(), "labels no screen gives TalkBack: $unused")
    }

    @Test
    fun `the source catalog names its sources from resources`() {
        val file = appKotlin.resolve("com/sweepwallet/app/SourceCatalog.kt")
        val code = KotlinSource(file.readText())
        assertNoProblems(literalNames(code).map { "${where(file, code, it)}: a source's name is a literal; use a string resource" })
    }

    /** The scans above, run on samples: each finds what it is for and passes what is right. */
    @Test
    fun `the scans find hard-coded words, missing descriptions and fixed sizes`() {
        val bad = KotlinSource(
            """
            @Composable
            fun Bad(on: Boolean) {
                Text("Balances")
                Text(
                    text = "Cash out",
                )
                Text(if (on) "Receipt" else "Timeline")
                ErrorText("No browser")
                Figure("You receive ${'$'}{amount}", amount)
                Icon(Icons.Default.Add, null, Modifier.semantics { contentDescription = label })
                Image(painter, modifier = Modifier.size(24.dp))
                Box(Modifier.semantics { contentDescription = "Camera" })
                Text(stringResource(R.string.x), fontSize = 18.sp)
                Text(stringResource(R.string.x), maxLines = 1)
                Row(Modifier.height(48.dp)) { }
                LinkRequest(name = "Game wallet", kind = SourceKind.BANK)
            }
            """.trimIndent(),
        )
        val words = wordsInCode(bad).map { lineOf(bad.text, it.first) }
        assertEquals(listOf(3, 5, 7, 7, 8, 9, 12), words, "hard-coded words found on these lines of the sample")
        assertEquals(listOf(10, 11), undescribedImages(bad).map { lineOf(bad.text, it.first) }, "icons without a description")
        assertEquals(listOf(13, 14, 15), scalingProblems(bad).map { lineOf(bad.text, it.first) }, "fixed sizes")
        assertEquals(listOf(16), literalNames(bad).map { lineOf(bad.text, it) }, "a source named by a literal")

        val good = KotlinSource(
            """
            // Text("in a comment") and contentDescription = "also a comment"
            /* Icon(Icons.Default.Add, null) */
            @Composable
            fun Good(on: Boolean, amount: String, label: String) {
                Text(stringResource(R.string.dashboard_sync))
                Text("${'$'}amount")
                Text("12,340 ₩ · %")
                Text(stringResource(if (on) R.string.history_receipt else R.string.history_timeline))
                Figure(stringResource(R.string.cash_out_fees), amount, spoken = label)
                val url = "https://example.com/Text(" + "x"
                Icon(Icons.Default.Add, contentDescription = stringResource(R.string.x))
                Image(painter, contentDescription = null)
                Box(Modifier.semantics { contentDescription = label }.heightIn(min = 48.dp))
                Text(stringResource(R.string.x), style = MaterialTheme.typography.bodySmall, maxLines = 3)
                items(legs, key = { "leg-${'$'}{it.id}" }) { }
                val c = '"'
                Text(stringResource(R.string.x))
            }
            """.trimIndent(),
        )
        assertEquals(emptyList<Int>(), wordsInCode(good).map { lineOf(good.text, it.first) }, "false hard-coded words")
        assertEquals(emptyList<Int>(), undescribedImages(good).map { lineOf(good.text, it.first) }, "false undescribed icons")
        assertEquals(emptyList<Int>(), scalingProblems(good).map { lineOf(good.text, it.first) }, "false fixed sizes")

        val references = resourceReference.findAll(KotlinSource("Text(stringResource(R.string.a)); android.R.string.ok; pluralStringResource(R.plurals.b, n)").codeOnly)
            .map { it.destructured.let { (prefix, kind, name) -> "$prefix$kind.$name" } }.toList()
        assertEquals(listOf("string.a", "android.string.ok", "plurals.b"), references)
        assertEquals(listOf("string.app_name"), xmlReference.findAll("android:label=\"@string/app_name\"").map { "${it.groupValues[1]}.${it.groupValues[2]}" }.toList())

        assertTrue(particleAfterArgument.containsMatchIn("%1\$s을 보내요"), "a particle after an argument")
        assertTrue(particleAfterArgument.containsMatchIn("%2\$d이에요"), "a copula after a number")
        assertTrue(!particleAfterArgument.containsMatchIn("%1\$s까지 유효해요. 출처 %2\$d곳 중 %1\$d곳"), "까지 and counters do not change")
        assertTrue("%1\$s".matches(positional) && "%2\$d".matches(positional) && !"%s".matches(positional) && !"%d".matches(positional))
    }

    // ---- Resource helpers.

    private fun presentationStrings(): AndroidStrings? = if (Files.exists(presentationValues)) readAndroidStrings(presentationValues) else null

    private fun allTexts(folder: String, resources: AndroidStrings): List<Pair<String, String>> =
        resources.strings.map { (name, text) -> "$folder/strings.xml string $name" to text } +
            resources.plurals.flatMap { (name, forms) -> forms.map { (quantity, text) -> "$folder/strings.xml plurals $name ($quantity)" to text } }

    /** The manifest and the app's resource XML, except the string files themselves. */
    private fun xmlFiles(): List<Path> = Files.walk(appMain).use { paths ->
        paths.filter { it.isRegularFile() && it.extension == "xml" && it.name != "strings.xml" }.sorted().toList()
    }

    private fun kotlinFiles(dir: Path): List<Path> = Files.walk(dir).use { paths ->
        paths.filter { it.isRegularFile() && it.extension == "kt" }.sorted().toList()
    }

    private fun uiFiles(): List<Pair<Path, KotlinSource>> = kotlinFiles(ui).map { it to KotlinSource(it.readText()) }

    private fun where(file: Path, code: KotlinSource, offset: Int) = "${android.relativize(file)}:${lineOf(code.text, offset)}"

    /** The fixed height that starts at [offset], if one does. */
    private fun heightAt(code: KotlinSource, offset: Int): String? = fixedHeight.find(code.codeOnly, offset)?.takeIf { it.range.first == offset }?.value

    private fun assertNoProblems(problems: List<String>) {
        if (problems.isNotEmpty()) throw AssertionError("${problems.size} problem(s):\n" + problems.joinToString("\n"))
    }
}

// ---- The scans, on Kotlin source with its comments and the insides of its string literals blanked.

private val positional = Regex("%\\d+\\$[-#+ 0,(]*\\d*(\\.\\d+)?[a-zA-Z]")


/** `R.string.name` or `R.plurals.name`, with what comes before `R` ("android." for the platform's). */
private val resourceReference = Regex("(?<![A-Za-z0-9_.])((?:[A-Za-z_][A-Za-z0-9_]*\\.)*)R\\.(string|plurals)\\.([A-Za-z0-9_]+)")
private val xmlReference = Regex("@(string|plurals)/([A-Za-z0-9_]+)")

/** Composables whose string arguments are shown on screen. */
private val textCall = Regex("\\b(Text|ErrorText|StatusText|SectionTitle|ScreenTitle|ScreenList|Busy|Figure|Tab)\\s*\\(")
private val literalDescription = Regex("\\bcontentDescription\\s*=\\s*\"")
private val imageCall = Regex("\\b(Icon|Image)\\s*\\(")
private val fixedFontSize = Regex("\\bfontSize\\s*=\\s*[0-9]+(\\.[0-9]+)?f?\\.(sp|dp)\\b")
private val oneLine = Regex("\\bmaxLines\\s*=\\s*1\\b")
private val fixedHeight = Regex("\\.height\\(\\s*[0-9]+(\\.[0-9]+)?\\.dp\\s*\\)")
private val linkRequestCall = Regex("\\bLinkRequest\\s*\\(")
private val literalName = Regex("\\bname\\s*=\\s*\"")

/** Words in string literals passed to the composables that show text; offsets into the source. */
private fun wordsInCode(code: KotlinSource): List<Pair<Int, String>> {
    val found = mutableListOf<Pair<Int, String>>()
    for (call in textCall.findAll(code.codeOnly)) {
        val open = call.range.last
        val close = code.closingParen(open) ?: continue
        code.literals.filter { it.start in open..close && it.words() }.forEach {
            found += it.start to "${call.groupValues[1]}(...) shows the literal \"${it.content}\"; use stringResource(R.string.…)"
        }
    }
    literalDescription.findAll(code.codeOnly).forEach {
        found += it.range.first to "contentDescription is a literal; use stringResource(R.string.…)"
    }
    return found.distinct().sortedBy { it.first }
}

/** Icon( and Image( calls without a named contentDescription argument (null for a decorative one). */
private fun undescribedImages(code: KotlinSource): List<Pair<Int, String>> = imageCall.findAll(code.codeOnly).mapNotNull { call ->
    val open = call.range.last
    val close = code.closingParen(open) ?: return@mapNotNull call.range.first to "${call.groupValues[1]}( is not closed"
    // Only the call's own arguments: a contentDescription inside a nested call or lambda (a modifier's) does not count.
    if (Regex("\\bcontentDescription\\s*=").containsMatchIn(code.ownArguments(open, close))) null
    else call.range.first to "${call.groupValues[1]}(...) has no contentDescription = stringResource(...) (or = null when it only decorates)"
}.toList()

/** Fixed font sizes, one-line limits and fixed heights. */
private fun scalingProblems(code: KotlinSource): List<Pair<Int, String>> =
    (
        fixedFontSize.findAll(code.codeOnly).map { it.range.first to "\"${it.value}\": take text sizes from MaterialTheme.typography" } +
            oneLine.findAll(code.codeOnly).map { it.range.first to "maxLines = 1 cuts text at large font sizes" } +
            fixedHeight.findAll(code.codeOnly).map { it.range.first to "\"${it.value}\": a fixed height cuts scaled text; use heightIn(min = …)" }
        ).sortedBy { it.first }.toList()

/** LinkRequest( calls whose name is a literal. */
private fun literalNames(code: KotlinSource): List<Int> = linkRequestCall.findAll(code.codeOnly).flatMap { call ->
    val close = code.closingParen(call.range.last) ?: code.codeOnly.length
    literalName.findAll(code.codeOnly.substring(0, close), call.range.last).map { it.range.first }
}.toList()

private fun lineOf(text: String, offset: Int): Int = text.substring(0, offset.coerceIn(0, text.length)).count { it == '\n' } + 1

/** A string literal: where its opening quote is, and what is between the quotes. */
private class Literal(val start: Int, val content: String) {
    /** It holds letters outside its `$name` and `${…}` templates. */
    fun words(): Boolean = content
        .replace(Regex("\\\\(u[0-9A-Fa-f]{4}|.)"), "")
        .replace(Regex("\\$\\{[^}]*\\}"), "")
        .replace(Regex("\\$[A-Za-z_][A-Za-z0-9_]*"), "")
        .any { it.isLetter() }
}

/**
 * Kotlin source read just enough for the scans: [codeOnly] is [text] with
 * comments, the insides of string literals and character literals turned
 * to spaces (quotes and line breaks kept, so offsets and line numbers
 * match), and [literals] are the top-level string literals.
 */
private class KotlinSource(val text: String) {
    val literals = mutableListOf<Literal>()
    val codeOnly: String

    init {
        val out = StringBuilder(text)
        fun blank(from: Int, to: Int) {
            for (k in from until to) if (out[k] != '\n') out.setCharAt(k, ' ')
        }
        var i = 0
        while (i < text.length) {
            when {
                text.startsWith("//", i) -> {
                    val end = text.indexOf('\n', i).let { if (it < 0) text.length else it }
                    blank(i, end)
                    i = end
                }
                text.startsWith("/*", i) -> {
                    val end = text.indexOf("*/", i + 2).let { if (it < 0) text.length else it + 2 }
                    blank(i, end)
                    i = end
                }
                text[i] == '"' -> {
                    val raw = text.startsWith("\"\"\"", i)
                    val quote = if (raw) 3 else 1
                    val end = stringEnd(text, i + quote, raw)
                    literals += Literal(i, text.substring(i + quote, (end - quote).coerceAtLeast(i + quote)))
                    blank(i + quote, end - quote)
                    i = end
                }
                text[i] == '\'' -> {
                    val end = charEnd(text, i)
                    blank(i + 1, end - 1)
                    i = end
                }
                else -> i++
            }
        }
        codeOnly = out.toString()
    }

    /** The index of the ')' that closes the '(' at [open], in [codeOnly]; null if it is never closed. */
    fun closingParen(open: Int): Int? {
        var depth = 0
        for (k in open until codeOnly.length) {
            when (codeOnly[k]) {
                '(' -> depth++
                ')' -> if (--depth == 0) return k
            }
        }
        return null
    }

    /** The code between the '(' at [open] and the ')' at [close], with what nested brackets hold blanked. */
    fun ownArguments(open: Int, close: Int): String {
        val out = StringBuilder()
        var depth = 0
        for (k in open + 1 until close) {
            val c = codeOnly[k]
            if (c == '(' || c == '{' || c == '[') depth++
            out.append(if (depth == 0) c else ' ')
            if (c == ')' || c == '}' || c == ']') depth--
        }
        return out.toString()
    }

    private companion object {
        /** The index just past the literal whose contents start at [from]; templates may hold strings of their own. */
        fun stringEnd(text: String, from: Int, raw: Boolean): Int {
            var i = from
            while (i < text.length) {
                when {
                    raw && text.startsWith("\"\"\"", i) -> {
                        var end = i + 3
                        while (end < text.length && text[end] == '"') end++ // """a"""" ends at the last three
                        return end
                    }
                    !raw && text[i] == '\\' -> i += 2
                    !raw && text[i] == '"' -> return i + 1
                    !raw && text[i] == '\n' -> return i // unterminated: stop at the line's end
                    text.startsWith("\${", i) -> i = templateEnd(text, i + 2)
                    else -> i++
                }
            }
            return text.length
        }

        /** The index just past the '}' that closes a `${` template whose expression starts at [from]. */
        fun templateEnd(text: String, from: Int): Int {
            var depth = 1
            var i = from
            while (i < text.length) {
                when {
                    text[i] == '"' -> {
                        val raw = text.startsWith("\"\"\"", i)
                        i = stringEnd(text, i + (if (raw) 3 else 1), raw)
                    }
                    text[i] == '{' -> { depth++; i++ }
                    text[i] == '}' -> { if (--depth == 0) return i + 1; i++ }
                    else -> i++
                }
            }
            return text.length
        }

        /** The index just past a character literal starting at [start] ('a', '\n', '\u0041'). */
        fun charEnd(text: String, start: Int): Int {
            val close = text.indexOf('\'', start + if (text.getOrNull(start + 1) == '\\') 3 else 2)
            return if (close < 0 || close - start > 8) start + 1 else close + 1
        }
    }
}
