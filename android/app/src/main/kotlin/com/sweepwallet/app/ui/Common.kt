package com.sweepwallet.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.LazyListScope
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.staticCompositionLocalOf
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import com.sweepwallet.app.presentation.Words
import com.sweepwallet.core.FormattedAmount
import java.time.Instant
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle

/*
 * The screens' shared pieces. Every word on screen comes from
 * res/values/strings.xml (English) and res/values-ko/strings.xml (Korean),
 * or from the state holders, which say it in the wallet's language. Text
 * sizes come from MaterialTheme.typography (sp), so they follow the system
 * font size; nothing here fixes a height or cuts text to one line.
 */

/** A screen: its title (a heading for TalkBack), then a scrolling list of what [content] adds. */
@Composable
fun ScreenList(title: String, content: LazyListScope.() -> Unit) {
    LazyColumn(
        Modifier.fillMaxSize(),
        contentPadding = PaddingValues(16.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        item { ScreenTitle(title) }
        content()
    }
}

/** A screen's title; TalkBack users can jump to it as a heading. */
@Composable
fun ScreenTitle(title: String) {
    Text(title, Modifier.semantics { heading() }, style = MaterialTheme.typography.headlineSmall)
}

/** The title of a part of a screen, also a heading. */
@Composable
fun SectionTitle(title: String) {
    Text(title, Modifier.semantics { heading() }, style = MaterialTheme.typography.titleMedium)
}

/** A failure, in the words the state holder chose; TalkBack reads it out when it appears or changes. */
@Composable
fun ErrorText(message: String) {
    Text(message, Modifier.semantics { liveRegion = LiveRegionMode.Polite }, color = MaterialTheme.colorScheme.error)
}

/** Where something stands (progress, a result); read out by TalkBack when it changes. */
@Composable
fun StatusText(message: String, modifier: Modifier = Modifier, spoken: String? = null) {
    Text(
        message,
        modifier.semantics {
            liveRegion = LiveRegionMode.Polite
            // Amounts in words, when the holder gives the spoken form.
            spoken?.let { contentDescription = it }
        },
        style = MaterialTheme.typography.bodyMedium,
    )
}

/**
 * A spinner and what it waits for. TalkBack hears [message] once, from the
 * spinner (the text beside it says the same), and again when it changes.
 */
@Composable
fun Busy(message: String) {
    Row(
        Modifier.fillMaxWidth().semantics(mergeDescendants = true) { liveRegion = LiveRegionMode.Polite },
        horizontalArrangement = Arrangement.spacedBy(12.dp),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        CircularProgressIndicator(Modifier.semantics { contentDescription = message })
        Text(message, Modifier.weight(1f).clearAndSetSemantics { }, style = MaterialTheme.typography.bodyMedium)
    }
}

/**
 * A label on the left, a figure on the right, one stop for TalkBack: the
 * label, then [spoken] (an amount in words, from the state holder) or,
 * without it, the figure as shown. The label wraps when the text is large.
 */
@Composable
fun Figure(label: String, value: String, bold: Boolean = false, spoken: String? = null, spokenLabel: String? = null) {
    val heard = "${spokenLabel ?: label}, ${spoken ?: value}"
    Row(
        Modifier.fillMaxWidth().clearAndSetSemantics { contentDescription = heard },
        horizontalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Text(label, Modifier.weight(1f))
        Text(value, textAlign = TextAlign.End, fontWeight = if (bold) FontWeight.Bold else FontWeight.Normal)
    }
}

/** A short time of day in the phone's locale and zone, for example "14:05". */
fun timeOfDay(instant: Instant): String =
    DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withZone(ZoneId.systemDefault()).format(instant)

/**
 * What the screens say in the wallet's language ([com.sweepwallet.app.SweepSession.words]):
 * amounts read aloud and payout times, by the presentation layer's rules.
 */
val LocalWords = staticCompositionLocalOf<Words> { error("Screens run inside CompositionLocalProvider(LocalWords provides session.words)") }

/** A [Figure] for an amount: TalkBack reads it in words ("만 이천삼백사십 원"), by the presentation layer's label rule. */
@Composable
fun AmountFigure(label: String, amount: FormattedAmount, bold: Boolean = false) =
    Figure(label, amount.formatted, bold, spoken = LocalWords.current.label(amount))

/** How long the provider expects a payout to take, as the core says it ("약 24시간", "about 24 hours"). */
@Composable
fun eta(seconds: ULong): String = LocalWords.current.eta(seconds)
