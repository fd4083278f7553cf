"""The iOS app's colours (ios/SweepApp/Sources/Support/Palette.swift) are
the Android presentation layer's Palette values, which PaletteTest checks
against WCAG AA on the JVM, and they meet AA on iOS's own backgrounds too.
The contrast is computed here from WCAG 2.x's formula, not with the Kotlin
code it checks. The screens colour text only with the palette."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SWIFT_PALETTE = ROOT / "ios" / "SweepApp" / "Sources" / "Support" / "Palette.swift"
KOTLIN_PALETTE = ROOT / "android" / "presentation" / "src" / "main" / "kotlin" / "com" / "sweepwallet" / "app" / "presentation" / "Palette.kt"
SCREENS = ROOT / "ios" / "SweepApp" / "Sources"

# Swift name -> Android Palette field.
SAME_AS_ANDROID = {"text": "onBackground", "muted": "onBackgroundMuted", "primary": "primary", "error": "error"}

# What iOS draws text on: plain and grouped lists, their rows, and sheets
# (UIKit's systemBackground, systemGroupedBackground,
# secondarySystemGroupedBackground, tertiarySystemGroupedBackground).
IOS_BACKGROUNDS = {
    "light": [0xFFFFFF, 0xF2F2F7, 0xFFFFFF, 0xF2F2F7],
    "dark": [0x000000, 0x000000, 0x1C1C1E, 0x2C2C2E],
}

SWIFT_COLOUR = re.compile(r"static var (\w+): Color \{ adaptive\(light: 0x([0-9A-Fa-f]{6}), dark: 0x([0-9A-Fa-f]{6})\) \}")
KOTLIN_BLOCK = re.compile(r"val (light|dark) = Palette\((.*?)\n\s*\)", re.S)
KOTLIN_COLOUR = re.compile(r"(\w+) = Rgb\(0x([0-9A-Fa-f]{6})\)")

# Text coloured outside the palette: the system's greys and tints.
SYSTEM_COLOUR = re.compile(r"\.foreground(?:Style|Color)\(\s*(?:Color)?\.(?:secondary|tertiary|gray|orange|red|green|yellow|blue)\b|Color\.(?:orange|red|green|yellow)\b|\.accentColor\b")


def luminance(hex_colour: int) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (hex_colour >> 16) & 0xFF, (hex_colour >> 8) & 0xFF, hex_colour & 0xFF
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: int, b: int) -> float:
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def swift_palette() -> dict[str, dict[str, int]]:
    found = {name: {"light": int(light, 16), "dark": int(dark, 16)} for name, light, dark in SWIFT_COLOUR.findall(SWIFT_PALETTE.read_text(encoding="utf-8"))}
    assert set(found) == set(SAME_AS_ANDROID), f"Palette.swift colours: {sorted(found)}"
    return found


def kotlin_palette() -> dict[str, dict[str, int]]:
    modes = {mode: dict(KOTLIN_COLOUR.findall(body)) for mode, body in KOTLIN_BLOCK.findall(KOTLIN_PALETTE.read_text(encoding="utf-8"))}
    assert set(modes) == {"light", "dark"}, modes
    return {mode: {field: int(value, 16) for field, value in colours.items()} for mode, colours in modes.items()}


def test_the_formula_matches_wcags_reference_points():
    assert round(contrast(0x000000, 0xFFFFFF), 1) == 21.0
    assert contrast(0x777777, 0xFFFFFF) < 4.5 < contrast(0x767676, 0xFFFFFF)  # WCAG's well-known grey boundary


def test_ios_colours_are_androids():
    android = kotlin_palette()
    for name, modes in swift_palette().items():
        for mode, value in modes.items():
            assert value == android[mode][SAME_AS_ANDROID[name]], f"{name} ({mode}) differs from Android's {SAME_AS_ANDROID[name]}"


def test_every_colour_meets_aa_on_every_ios_background():
    problems = []
    for name, modes in swift_palette().items():
        for mode, value in modes.items():
            for background in IOS_BACKGROUNDS[mode]:
                ratio = contrast(value, background)
                if ratio < 4.5:
                    problems.append(f"{name} #{value:06X} on #{background:06X} ({mode}): {ratio:.2f}:1")
    assert not problems, "\n".join(problems)


def test_no_prominent_buttons_white_on_the_dark_primary():
    # .borderedProminent writes white on the tint: fine on the light primary, not on the dark one.
    assert contrast(0xFFFFFF, 0x4CDADA) < 4.5
    problems = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted(SCREENS.rglob("*.swift"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".borderedProminent" in line
    ]
    assert not problems, "\n".join(problems)


def test_screens_colour_text_only_with_the_palette():
    bad = '.foregroundStyle(.secondary)\nLabel(x).foregroundStyle(Color.orange)\n.foregroundColor(.red)'
    assert len(SYSTEM_COLOUR.findall(bad)) == 3, "the scan can fail"
    problems = []
    for path in sorted(SCREENS.rglob("*.swift")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SYSTEM_COLOUR.search(line):
                problems.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not problems, "\n".join(problems)
