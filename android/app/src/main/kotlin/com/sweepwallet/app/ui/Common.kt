package com.sweepwallet.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.LazyListScope
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import java.time.Instant
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle

/** A screen: its title, then a scrolling list of what [content] adds. */
@Composable
fun ScreenList(title: String, content: LazyListScope.() -> Unit) {
    LazyColumn(
        Modifier.fillMaxSize(),
        contentPadding = PaddingValues(16.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        item { Text(title, style = MaterialTheme.typography.headlineSmall) }
        content()
    }
}

/** A failure, in the words the state holder chose. */
@Composable
fun ErrorText(message: String) {
    Text(message, color = MaterialTheme.colorScheme.error)
}

/**
 * A label on the left, a figure on the right. [spoken] is what TalkBack
 * says for the figure (an amount in words), when it differs from the text.
 */
@Composable
fun Figure(label: String, value: String, bold: Boolean = false, spoken: String? = null) {
    Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.SpaceBetween) {
        Text(label)
        val reads = if (spoken != null) Modifier.semantics { contentDescription = spoken } else Modifier
        Text(value, reads, fontWeight = if (bold) FontWeight.Bold else FontWeight.Normal)
    }
}

/** A short time of day in the phone's locale and zone, for example "14:05". */
fun timeOfDay(instant: Instant): String =
    DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withZone(ZoneId.systemDefault()).format(instant)

/** How long the provider expects a payout to take, in words. */
fun eta(seconds: ULong): String = when {
    seconds < 60uL -> "within a minute"
    seconds < 3_600uL -> "in about ${seconds / 60uL} min"
    seconds < 86_400uL -> "in about ${seconds / 3_600uL} h"
    else -> "in about ${seconds / 86_400uL} days"
}
