package com.sweepwallet.app.presentation

import kotlin.math.max
import kotlin.math.min
import kotlin.math.pow

/** An sRGB colour, `0xRRGGBB`. */
@JvmInline
value class Rgb(val hex: Int) {
    /** WCAG 2.x relative luminance: each channel linearised, then weighted. */
    val luminance: Double
        get() {
            fun linear(channel: Int): Double {
                val c = channel / 255.0
                return if (c <= 0.04045) c / 12.92 else ((c + 0.055) / 1.055).pow(2.4)
            }
            return 0.2126 * linear(hex shr 16 and 0xFF) + 0.7152 * linear(hex shr 8 and 0xFF) + 0.0722 * linear(hex and 0xFF)
        }

    override fun toString(): String = "#%06X".format(hex)
}

/** Contrast between two colours, as WCAG measures it, and the AA thresholds. */
object Contrast {
    /** Body text (WCAG 2.x AA, 1.4.3). */
    const val AA_TEXT = 4.5

    /** Large text and the parts of controls people must see (AA, 1.4.3 and 1.4.11). */
    const val AA_LARGE_OR_GRAPHIC = 3.0

    /** From 1 (the same) to 21 (black on white). */
    fun ratio(a: Rgb, b: Rgb): Double {
        val (lighter, darker) = max(a.luminance, b.luminance) to min(a.luminance, b.luminance)
        return (lighter + 0.05) / (darker + 0.05)
    }
}

/**
 * The app's colours, for a light and a dark theme; both apps follow the
 * system's choice. Written once here so [textPairs] can be checked against
 * WCAG AA on the JVM (PaletteTest); Android's `SweepTheme` builds its
 * Material colour schemes from these, and the iOS app's `Palette.swift`
 * holds the same values (bindings/swift/tests/test_ios_palette.py checks
 * they match and meet AA on iOS's backgrounds).
 */
data class Palette(
    val background: Rgb,
    val onBackground: Rgb,
    /** Secondary text: captions, hints, freshness. */
    val onBackgroundMuted: Rgb,
    val primary: Rgb,
    val onPrimary: Rgb,
    val primaryContainer: Rgb,
    val onPrimaryContainer: Rgb,
    /** Error text on the background. */
    val error: Rgb,
    val onError: Rgb,
) {
    /** Every pairing of text and what it is drawn on that the screens use. */
    fun textPairs(): List<Triple<String, Rgb, Rgb>> = listOf(
        Triple("text", onBackground, background),
        Triple("secondary text", onBackgroundMuted, background),
        Triple("links and text buttons", primary, background),
        Triple("button label", onPrimary, primary),
        Triple("chip and banner text", onPrimaryContainer, primaryContainer),
        Triple("error text", error, background),
        Triple("error badge text", onError, error),
    )

    companion object {
        val light = Palette(
            background = Rgb(0xFFFFFF),
            onBackground = Rgb(0x1A1C1E),
            onBackgroundMuted = Rgb(0x4A4F55),
            primary = Rgb(0x00696B),
            onPrimary = Rgb(0xFFFFFF),
            primaryContainer = Rgb(0xC8F0EF),
            onPrimaryContainer = Rgb(0x002021),
            error = Rgb(0xBA1A1A),
            onError = Rgb(0xFFFFFF),
        )

        val dark = Palette(
            background = Rgb(0x121416),
            onBackground = Rgb(0xE2E2E5),
            onBackgroundMuted = Rgb(0xB8BDC4),
            primary = Rgb(0x4CDADA),
            onPrimary = Rgb(0x003738),
            primaryContainer = Rgb(0x004F51),
            onPrimaryContainer = Rgb(0xC8F0EF),
            error = Rgb(0xFFB4AB),
            onError = Rgb(0x690005),
        )
    }
}
