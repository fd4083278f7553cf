import SwiftUI
import UIKit

/// The app's colours for text and symbols, in light and dark; iOS picks
/// one as the system's appearance changes. They are the Android
/// presentation layer's `Palette` values, whose text pairs meet WCAG AA
/// (`PaletteTest` on the JVM); `bindings/swift/tests/test_ios_palette.py`
/// checks these are the same values and meet AA on iOS's own backgrounds
/// too. The system's `.secondary` grey does not (about 3.4:1 on white).
enum Palette {
    /// Body text.
    static var text: Color { adaptive(light: 0x1A1C1E, dark: 0xE2E2E5) }

    /// Secondary text: captions, hints, how fresh a balance is.
    static var muted: Color { adaptive(light: 0x4A4F55, dark: 0xB8BDC4) }

    /// Buttons, links and good news (a payout arrived, a source linked).
    static var primary: Color { adaptive(light: 0x00696B, dark: 0x4CDADA) }

    /// Errors and what needs the user's attention.
    static var error: Color { adaptive(light: 0xBA1A1A, dark: 0xFFB4AB) }

    private static func adaptive(light: UInt32, dark: UInt32) -> Color {
        Color(UIColor { traits in traits.userInterfaceStyle == .dark ? rgb(dark) : rgb(light) })
    }

    private static func rgb(_ hex: UInt32) -> UIColor {
        UIColor(
            red: CGFloat((hex >> 16) & 0xFF) / 255,
            green: CGFloat((hex >> 8) & 0xFF) / 255,
            blue: CGFloat(hex & 0xFF) / 255,
            alpha: 1
        )
    }
}
