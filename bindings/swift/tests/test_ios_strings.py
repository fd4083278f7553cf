"""The iOS app's String Catalogs (issue #16, items 3 and 4).

ios/SweepApp/Resources/Localizable.xcstrings holds every word the app says,
by semantic key ("dashboard.syncing"), in English and Korean;
InfoPlist.xcstrings holds the Info.plist's. No Swift compiler runs here, so
these tests read the Swift source and the catalogs as text:

- the catalogs are valid JSON, every key is translated in both languages,
  with the same placeholders (by position and type, across plural forms and
  substitutions), and Korean reads as Korean;
- every key the Swift uses is in the catalog and every catalog key is used;
  no English sentence is left as a literal where SwiftUI would look it up;
- `L10n.text` gets as many arguments as its key has placeholders;
- Dynamic Type: no fixed font sizes, no fixed heights; every SF Symbol
  image is hidden from VoiceOver or labelled;
- the Korean agrees with the Android app's (its presentation strings.xml)
  for the messages both apps share.

Each pattern is run against a small inline sample that must fail, so a
pattern that silently matches nothing fails here too.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
IOS = ROOT / "ios"
APP = IOS / "SweepApp"
CATALOG = APP / "Resources" / "Localizable.xcstrings"
INFO_CATALOG = APP / "Resources" / "InfoPlist.xcstrings"
PROJECT = APP / "project.yml"
# The SweepCore package's own words (Face ID outcomes), looked up with
# `String(localized: "key", bundle: .module)`.
CORE_SOURCES = IOS / "SweepCore" / "Sources" / "SweepCore"
CORE_CATALOG = CORE_SOURCES / "Resources" / "Localizable.xcstrings"
CORE_LOOKUP = re.compile(r'String\(localized:\s*"((?:[^"\\\n]|\\.)*)",\s*bundle:\s*\.module')
ANDROID_VALUES = ROOT / "android" / "presentation" / "src" / "main" / "res"

# The Swift that ships in the app: its sources and the samples it compiles.
SWIFT_FILES = sorted(APP.rglob("*.swift")) + sorted((IOS / "Samples").rglob("*.swift"))

LANGUAGES = ("en", "ko")

# A catalog key: dotted lower-camel identifiers, "cashOut.limitToday".
KEY = re.compile(r"[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)+")

# A Swift string literal on one line (the app has no multi-line literals in views).
STRING_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')

# SwiftUI initialisers and modifiers that look their first literal up in
# the catalog (a `LocalizedStringKey`): each such literal must be a key.
LOCALIZED_CALL = re.compile(
    r"(?:(?<![\w.])(?:Text|Button|Label|Toggle|TextField|SecureField|Picker|Section|LabeledContent"
    r"|NavigationLink|ProgressView|Link|Menu)"
    r"|\.(?:navigationTitle|alert|confirmationDialog|accessibilityLabel|accessibilityHint|accessibilityValue|help))"
    r'\(\s*"((?:[^"\\\n]|\\.)*)"'
)

# The view models' helper: `L10n.text("key", arguments...)`.
HELPER_CALL = re.compile(r'\bL10n\.text\(\s*"((?:[^"\\\n]|\\.)*)"')

# A format placeholder: positional `%1$@`, `%2$lld`, a substitution token
# `%2$#@name@`, or a non-positional one (which the catalog must not use).
PLACEHOLDER = re.compile(r"%(?:(\d+)\$)?(#@\w+@|lld|ld|llu|lu|d|u|i|@|f|s|%)")

# Fixed sizes that stop Dynamic Type: a font by points, a frame by height.
FIXED_FONT = re.compile(r"\.font\(\s*\.system\(\s*size\s*:")
FIXED_HEIGHT = re.compile(r"\.frame\([^)]*\b(?:height|minHeight|maxHeight)\s*:\s*\d")

# An SF Symbol image; what follows it (the line and its chained modifiers)
# must hide it from VoiceOver or label it.
SYMBOL_IMAGE = re.compile(r"Image\(\s*systemName\s*:")
HIDDEN_OR_LABELLED = re.compile(r"\.accessibilityHidden\(\s*true\s*\)|\.accessibilityLabel\(")

# Hangul syllables: Korean text must contain some.
HANGUL = re.compile(r"[\uac00-\ud7a3]")

# A particle whose form depends on the last sound of the word before it,
# right after a placeholder: "%1$@을" is wrong for half the values. The core
# rephrases instead (ADR 0009), and so does the app.
PARTICLE_AFTER_PLACEHOLDER = re.compile(r"%\d+\$(?:@|lld)(?:은|는|이|가|을|를|와|과|으로|로)")

# Korean that may equal English: the brand, and nothing else yet.
SAME_IN_BOTH = {"CFBundleDisplayName"}

# Android presentation strings are named `msg_<snake case>`; an iOS key
# `a.bC` is Android's `msg_a_b_c`. Keys whose names differ but which say
# the same thing are listed here (iOS key -> Android name); none yet.
ANDROID_NAME_OVERRIDES: dict[str, str] = {}


# ---------------------------------------------------------------- helpers


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def catalogs() -> list[tuple[Path, dict]]:
    return [(CATALOG, load(CATALOG)), (INFO_CATALOG, load(INFO_CATALOG)), (CORE_CATALOG, load(CORE_CATALOG))]


def has_words(text: str) -> bool:
    """Whether `text` says anything beside its placeholders: "%1$@ %2$@"
    (two values side by side) has nothing to translate."""
    return any(c.isalpha() for c in PLACEHOLDER.sub("", text))


def units(localization: dict) -> dict[str, dict]:
    """Every string unit of one language's localization, by form: "base"
    for a plain string, the plural category for a plural, and
    "<substitution>.<category>" for a substitution's forms."""
    found = {}
    if "stringUnit" in localization:
        found["base"] = localization["stringUnit"]
    for category, form in localization.get("variations", {}).get("plural", {}).items():
        found[category] = form["stringUnit"]
    for name, substitution in localization.get("substitutions", {}).items():
        for category, form in substitution["variations"]["plural"].items():
            found[f"{name}.{category}"] = form["stringUnit"]
    return found


def placeholders(text: str, substitutions: dict | None = None) -> Counter:
    """The placeholders of `text` as (position, type), a substitution token
    standing for its argument (`%2$#@n@` with `lld` is (2, "lld"))."""
    found = Counter()
    for match in PLACEHOLDER.finditer(text):
        position, kind = match.group(1), match.group(2)
        if kind == "%":
            continue
        if kind.startswith("#@"):
            substitution = (substitutions or {})[kind[2:-1]]
            found[(int(substitution["argNum"]), substitution["formatSpecifier"])] += 1
        else:
            found[(int(position) if position else None, kind)] += 1
    return found


def signatures(localization: dict) -> dict[str, Counter]:
    """Each displayable form's placeholders: a substitution's own forms hold
    `%arg` for its argument and are checked separately."""
    substitutions = localization.get("substitutions", {})
    return {
        form: placeholders(unit["value"], substitutions)
        for form, unit in units(localization).items()
        if "." not in form
    }


def swift_sources() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in SWIFT_FILES}


def strip_comments(source: str) -> str:
    """The code without `//` comments (doc comments quote keys and sentences)."""
    return "\n".join(re.sub(r"^\s*//.*$|\s//\s.*$", "", line) for line in source.splitlines())


def localized_literals(source: str) -> list[str]:
    return LOCALIZED_CALL.findall(strip_comments(source))


def helper_keys(source: str) -> list[str]:
    return HELPER_CALL.findall(strip_comments(source))


def namespaced_literals(source: str, namespaces: set[str]) -> list[str]:
    """Every literal that looks like a key in one of the catalog's
    namespaces, wherever it is (a computed `LocalizedStringKey`, a ternary)."""
    return [
        literal
        for literal in STRING_LITERAL.findall(strip_comments(source))
        if KEY.fullmatch(literal) and literal.split(".")[0] in namespaces
    ]


def helper_calls(source: str) -> list[tuple[str, int]]:
    """Each `L10n.text("key", ...)` call with its number of arguments after
    the key, read with brackets and string literals balanced."""
    calls = []
    code = strip_comments(source)
    for match in HELPER_CALL.finditer(code):
        depth, count, i, in_string = 1, 0, match.end(), False
        while depth:
            c = code[i]
            if in_string:
                if c == "\\":
                    i += 1
                elif c == '"':
                    in_string = False
            elif c == '"':
                in_string = True
            elif c in "([{":
                depth += 1
            elif c in ")]}":
                depth -= 1
            elif c == "," and depth == 1:
                count += 1
            i += 1
        calls.append((match.group(1), count))
    return calls


def unhidden_symbols(source: str) -> list[str]:
    """SF Symbol images with neither `.accessibilityHidden(true)` nor a
    label on their line or the modifiers chained below it."""
    lines = strip_comments(source).splitlines()
    found = []
    for number, line in enumerate(lines):
        if not SYMBOL_IMAGE.search(line):
            continue
        statement = [line]
        for following in lines[number + 1 :]:
            if not following.lstrip().startswith("."):
                break
            statement.append(following)
        if not HIDDEN_OR_LABELLED.search("\n".join(statement)):
            found.append(f"{number + 1}: {line.strip()}")
    return found


def android_name(key: str) -> str:
    if key in ANDROID_NAME_OVERRIDES:
        return ANDROID_NAME_OVERRIDES[key]
    snake = re.sub(r"([A-Z])", r"_\1", key).lower().replace(".", "_")
    return "msg_" + snake


def android_strings(path: Path) -> dict[str, str]:
    """An Android strings.xml's strings and plural "other" forms, by name,
    with aapt2's escapes undone and whitespace folded."""
    root = ElementTree.parse(path).getroot()
    found = {}

    def text(element: ElementTree.Element) -> str:
        raw = " ".join("".join(element.itertext()).split())
        if len(raw) >= 2 and raw[0] == raw[-1] == '"':
            raw = raw[1:-1]
        return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), raw)

    for element in root.findall("string"):
        found[element.get("name")] = text(element)
    for plurals in root.findall("plurals"):
        for item in plurals.findall("item"):
            if item.get("quantity") == "other":
                found[plurals.get("name")] = text(item)
    return found


def normalised(text: str) -> str:
    """Placeholders in one notation (`%1$@` and `%1$s` as `%1$s`, `%1$lld`
    and `%1$d` as `%1$d`), whitespace folded."""
    text = re.sub(r"%(\d+)\$@", r"%\1$s", text)
    text = re.sub(r"%(\d+)\$l{0,2}d", r"%\1$d", text)
    return " ".join(text.split())


def korean_text(entry: dict) -> str:
    """The Korean an entry shows: the plain string, or the plural "other"."""
    forms = units(entry["localizations"]["ko"])
    return (forms.get("base") or forms["other"])["value"]


# ---------------------------------------------- the patterns can fail


def test_each_pattern_catches_its_own_bad_sample():
    assert localized_literals('Text("Nothing to cash out yet").font(.body)') == ["Nothing to cash out yet"]
    assert localized_literals('.navigationTitle("Balances")') == ["Balances"]
    assert localized_literals('Button("Refund \\(name) to my bill") {}') == ["Refund \\(name) to my bill"]
    assert localized_literals('x.accessibilityLabel(Text("Close"))') == ["Close"]
    assert localized_literals('Image(systemName: "plus")') == []
    assert localized_literals('Text(verbatim: "Sweep")') == []
    assert helper_keys('error = L10n.text("dashboard.nope", failed)') == ["dashboard.nope"]
    assert helper_calls('L10n.text("a.b", f(x, y), "z,w", [1, 2])') == [("a.b", 3)]
    assert helper_calls('L10n.text("a.b")') == [("a.b", 0)]
    assert namespaced_literals('let t: LocalizedStringKey = on ? "payee.nope" : "wallet.pass"', {"payee"}) == ["payee.nope"]
    assert namespaced_literals('// "payee.inAComment"', {"payee"}) == []
    assert FIXED_FONT.search('Text(x).font(.system(size: 14))')
    assert FIXED_HEIGHT.search('Text(x).frame(height: 44)')
    assert not FIXED_HEIGHT.search('Text(x).frame(maxWidth: .infinity)')
    assert unhidden_symbols('Image(systemName: "faceid")\n    .foregroundStyle(.green)\nText("a.b")') == [
        '1: Image(systemName: "faceid")'
    ]
    assert unhidden_symbols('Image(systemName: "faceid")\n    .accessibilityHidden(true)') == []
    assert PARTICLE_AFTER_PLACEHOLDER.search("%1$@을 보냈어요")
    assert not PARTICLE_AFTER_PLACEHOLDER.search("%1$@까지 보냈어요")
    assert placeholders("%2$lld곳 중 %1$lld곳") == Counter({(2, "lld"): 1, (1, "lld"): 1})
    assert placeholders("%@ and %d") == Counter({(None, "@"): 1, (None, "d"): 1})
    assert android_name("cashOut.limitToday") == "msg_cash_out_limit_today"
    assert normalised("%1$@ 입금됐어요 %2$lld건") == normalised("%1$s 입금됐어요 %2$d건")


# ---------------------------------------------------------- the catalogs


def test_catalogs_are_string_catalogs_in_english_and_korean():
    for path, catalog in catalogs():
        assert catalog["sourceLanguage"] == "en", path
        assert catalog["version"] == "1.0", path
        assert catalog["strings"], path


def test_every_key_is_translated_in_both_languages():
    problems = []
    for path, catalog in catalogs():
        for key, entry in catalog["strings"].items():
            localizations = entry.get("localizations", {})
            for language in LANGUAGES:
                if language not in localizations:
                    problems.append(f"{path.name}: {key}: no {language}")
                    continue
                forms = units(localizations[language])
                if not forms:
                    problems.append(f"{path.name}: {key}: {language} has no text")
                for form, unit in forms.items():
                    if unit.get("state") != "translated" or not unit.get("value", "").strip():
                        problems.append(f"{path.name}: {key}: {language} {form} is not translated")
            en_plural = localizations.get("en", {}).get("variations", {}).get("plural", {})
            if en_plural:
                assert {"one", "other"} <= set(en_plural), f"{key}: English plural needs one and other"
    assert not problems, "\n".join(problems)


def test_english_and_korean_have_the_same_placeholders():
    problems = []
    for path, catalog in catalogs():
        for key, entry in catalog["strings"].items():
            forms = {language: signatures(entry["localizations"][language]) for language in LANGUAGES}
            expected = next(iter(forms["en"].values()))
            for language, by_form in forms.items():
                for form, found in by_form.items():
                    if found != expected:
                        problems.append(f"{key}: {language} {form} has {dict(found)}, English {dict(expected)}")
                    if any(position is None for position, _ in found):
                        problems.append(f"{key}: {language} {form}: placeholders must be positional (%1$@, %1$lld)")
                for name, substitution in entry["localizations"][language].get("substitutions", {}).items():
                    for category, form in substitution["variations"]["plural"].items():
                        if "%arg" not in form["stringUnit"]["value"] and category != "zero":
                            problems.append(f"{key}: {language} {name}.{category} does not say %arg")
    assert not problems, "\n".join(problems)


def test_korean_is_korean_and_reads_without_value_dependent_particles():
    problems = []
    for path, catalog in catalogs():
        for key, entry in catalog["strings"].items():
            for form, unit in units(entry["localizations"]["ko"]).items():
                ko = unit["value"]
                if PARTICLE_AFTER_PLACEHOLDER.search(ko):
                    problems.append(f"{key}: a particle right after a placeholder: {ko}")
                if key not in SAME_IN_BOTH and not HANGUL.search(ko) and has_words(ko):
                    problems.append(f"{key}: Korean has no Korean: {ko}")
            en_forms = units(entry["localizations"]["en"])
            en = (en_forms.get("base") or en_forms["other"])["value"]
            if key not in SAME_IN_BOTH and korean_text(entry) == en and has_words(en):
                problems.append(f"{key}: Korean is the English")
    assert not problems, "\n".join(problems)


def test_the_info_plist_catalog_matches_project_yml():
    """InfoPlist.xcstrings's English is exactly what project.yml puts in
    Info.plist, so the two cannot drift apart."""
    spec = PROJECT.read_text(encoding="utf-8")
    info = load(INFO_CATALOG)["strings"]
    assert set(info) == {"CFBundleDisplayName", "NSCameraUsageDescription", "NSFaceIDUsageDescription"}
    for key, entry in info.items():
        match = re.search(rf"^\s+{key}: (.+)$", spec, flags=re.MULTILINE)
        assert match, f"project.yml has no {key}"
        assert entry["localizations"]["en"]["stringUnit"]["value"] == match.group(1).strip(), key


def test_project_yml_builds_the_catalogs_in_both_languages():
    spec = PROJECT.read_text(encoding="utf-8")
    assert re.search(r"^\s+- path: Resources$", spec, flags=re.MULTILINE), "Resources is not a source of the app"
    assert re.search(r"^\s+developmentLanguage: en$", spec, flags=re.MULTILINE)
    localizations = re.search(r"CFBundleLocalizations:\n((?:\s+- \w+\n)+)", spec)
    assert localizations and set(re.findall(r"- (\w+)", localizations.group(1))) == {"en", "ko"}


# ------------------------------------------------------ the Swift's keys


def test_every_literal_swiftui_looks_up_is_a_catalog_key():
    keys = set(load(CATALOG)["strings"])
    problems = []
    for path, source in swift_sources().items():
        for literal in localized_literals(source):
            if not KEY.fullmatch(literal):
                problems.append(f"{path.relative_to(ROOT)}: {literal!r} is text, not a catalog key")
            elif literal not in keys:
                problems.append(f"{path.relative_to(ROOT)}: {literal!r} is not in the catalog")
    assert not problems, "\n".join(problems)


def test_every_key_the_swift_uses_is_in_the_catalog_and_every_key_is_used():
    keys = set(load(CATALOG)["strings"])
    namespaces = {key.split(".")[0] for key in keys}
    used = set()
    for path, source in swift_sources().items():
        for key in helper_keys(source):
            assert key in keys, f"{path.relative_to(ROOT)}: L10n.text({key!r}) is not in the catalog"
            used.add(key)
        used.update(localized_literals(source))
        for literal in namespaced_literals(source, namespaces):
            assert literal in keys, f"{path.relative_to(ROOT)}: {literal!r} is not in the catalog"
            used.add(literal)
    unused = sorted(keys - used)
    assert not unused, f"catalog keys no Swift uses: {unused}"


def test_the_sweepcore_package_says_only_what_its_catalog_holds():
    assert CORE_LOOKUP.findall('String(localized: "biometric.x", bundle: .module)') == ["biometric.x"]
    keys = set(load(CORE_CATALOG)["strings"])
    used = set()
    for path in sorted(CORE_SOURCES.rglob("*.swift")):
        for key in CORE_LOOKUP.findall(path.read_text(encoding="utf-8")):
            assert key in keys, f"{path.relative_to(ROOT)}: {key!r} is not in {CORE_CATALOG.name}"
            used.add(key)
    assert used == keys, f"SweepCore catalog keys no Swift uses: {sorted(keys - used)}"
    package = (IOS / "SweepCore" / "Package.swift").read_text(encoding="utf-8")
    assert 'defaultLocalization: "en"' in package and '.process("Resources")' in package


def test_each_helper_call_passes_as_many_arguments_as_its_text_has_placeholders():
    strings = load(CATALOG)["strings"]
    problems = []
    for path, source in swift_sources().items():
        for key, count in helper_calls(source):
            if key not in strings:
                continue
            english = signatures(strings[key]["localizations"]["en"])
            expected = max((position or 0 for form in english.values() for position, _ in form), default=0)
            if count != expected:
                problems.append(f"{path.relative_to(ROOT)}: L10n.text({key!r}) gets {count} arguments, its text takes {expected}")
    assert not problems, "\n".join(problems)


# ---------------------------------------------- Dynamic Type and VoiceOver


def test_text_scales_with_dynamic_type():
    problems = []
    for path, source in swift_sources().items():
        code = strip_comments(source)
        for pattern in (FIXED_FONT, FIXED_HEIGHT):
            for match in pattern.finditer(code):
                line = code.count("\n", 0, match.start()) + 1
                problems.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0)}")
    assert not problems, "fixed sizes stop Dynamic Type:\n" + "\n".join(problems)


def test_every_symbol_image_is_hidden_or_labelled():
    problems = [
        f"{path.relative_to(ROOT)}:{found}"
        for path, source in swift_sources().items()
        for found in unhidden_symbols(source)
    ]
    assert not problems, "images VoiceOver would read as a symbol name:\n" + "\n".join(problems)


# ------------------------------------------------------- same as Android


def test_korean_matches_the_android_app_for_shared_messages():
    english = ANDROID_VALUES / "values" / "strings.xml"
    korean = ANDROID_VALUES / "values-ko" / "strings.xml"
    if not (english.exists() and korean.exists()):
        pytest.skip(f"no Android presentation strings yet ({english.relative_to(ROOT)}): nothing to compare")
    android = android_strings(korean)
    strings = load(CATALOG)["strings"]
    shared = {key: android_name(key) for key in strings if android_name(key) in android}
    assert shared, "no iOS key matches an Android msg_ name: check the mapping"
    for key in ANDROID_NAME_OVERRIDES:
        assert key in strings and ANDROID_NAME_OVERRIDES[key] in android, key
    problems = [
        f"{key} / {name}:\n  iOS     {korean_text(strings[key])}\n  Android {android[name]}"
        for key, name in sorted(shared.items())
        if normalised(korean_text(strings[key])) != normalised(android[name])
    ]
    assert not problems, "Korean differs between the apps:\n" + "\n".join(problems)
