package com.sweepwallet.app.presentation

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Both themes meet WCAG AA for every text the screens draw (issue #16, item 4). */
class PaletteTest {
    @Test
    fun `the contrast ratio matches WCAG's published figures`() {
        // Figures from the WCAG 2.x definition and WebAIM's checker, not from this code.
        assertEquals(21.0, Contrast.ratio(Rgb(0x000000), Rgb(0xFFFFFF)), 0.01)
        assertEquals(1.0, Contrast.ratio(Rgb(0x336699), Rgb(0x336699)), 0.001)
        assertEquals(4.54, Contrast.ratio(Rgb(0x767676), Rgb(0xFFFFFF)), 0.01, "the lightest grey that passes AA on white")
        assertEquals(4.48, Contrast.ratio(Rgb(0x777777), Rgb(0xFFFFFF)), 0.01, "one step lighter fails")
        assertEquals(Contrast.ratio(Rgb(0x0000FF), Rgb(0xFFFF00)), Contrast.ratio(Rgb(0xFFFF00), Rgb(0x0000FF)), "order does not matter")
    }

    @Test
    fun `every text pairing meets AA in the light and the dark theme`() {
        for ((theme, palette) in listOf("light" to Palette.light, "dark" to Palette.dark)) {
            for ((what, text, on) in palette.textPairs()) {
                val ratio = Contrast.ratio(text, on)
                assertTrue(ratio >= Contrast.AA_TEXT, "$theme $what: $text on $on is %.2f:1, below 4.5:1".format(ratio))
            }
        }
    }

    @Test
    fun `the dark theme is dark and the light theme light`() {
        assertTrue(Palette.dark.background.luminance < 0.05 && Palette.light.background.luminance > 0.9)
        assertTrue(Palette.dark.onBackground.luminance > Palette.dark.background.luminance)
    }
}
