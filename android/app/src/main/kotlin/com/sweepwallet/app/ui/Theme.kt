package com.sweepwallet.app.ui

import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.graphics.Color
import com.sweepwallet.app.presentation.Palette
import com.sweepwallet.app.presentation.Rgb

/**
 * The app's theme: light or dark as the system is set, with the colours of
 * [Palette] (checked against WCAG AA on the JVM, PaletteTest). Text sizes
 * come from Material's type scale in `sp`, so they follow the system font
 * size.
 */
@Composable
fun SweepTheme(content: @Composable () -> Unit) {
    val dark = isSystemInDarkTheme()
    val p = if (dark) Palette.dark else Palette.light
    // Material's own light or dark scheme, with Sweep's colours in the roles the screens use.
    val scheme = (if (dark) darkColorScheme() else lightColorScheme()).copy(
        primary = p.primary.color, onPrimary = p.onPrimary.color,
        primaryContainer = p.primaryContainer.color, onPrimaryContainer = p.onPrimaryContainer.color,
        background = p.background.color, onBackground = p.onBackground.color,
        surface = p.background.color, onSurface = p.onBackground.color, onSurfaceVariant = p.onBackgroundMuted.color,
        error = p.error.color, onError = p.onError.color,
    )
    MaterialTheme(colorScheme = scheme, content = content)
}

private val Rgb.color: Color
    get() = Color(0xFF000000.toInt() or hex)
