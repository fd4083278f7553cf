"""The generated Swift's errors read as the core's sentence (issue #15,
item 1). Swift cannot be compiled here, so this checks the generated text:
`SweepError` has a `description` from the core's `Display`, conforms to
`CustomStringConvertible` (which `String(reflecting:)`, and so uniffi's
`errorDescription` and `localizedDescription`, then use), and keeps its
typed cases with their fields."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]


def _generated() -> str:
    configured = os.environ.get("SWEEP_SWIFT_BINDINGS_DIR", "").strip()
    bindings = Path(configured) if configured else REPO_ROOT / "target" / "bindings" / "swift"
    path = bindings / "SweepCore.swift"
    if not path.is_file():
        pytest.fail(f"{path} does not exist: run `cargo xtask gen-bindings` first", pytrace=False)
    return path.read_text(encoding="utf-8")


def _error_enum(text: str) -> str:
    start = text.index("enum SweepError: Swift.Error")
    return text[start : text.index("public struct FfiConverterTypeSweepError", start)]


def test_sweep_error_describes_itself_with_the_cores_sentence():
    body = _error_enum(_generated())
    description = body[body.index("public var description: String {") :]
    assert "uniffi_sweep_core_fn_method_sweeperror_uniffi_trait_display" in description.split("}\n}")[0]
    assert re.search(r"public var errorDescription: String\? \{\s*String\(reflecting: self\)", body)


def test_sweep_error_conforms_to_custom_string_convertible_once():
    text = _generated()
    declared = re.findall(r"extension SweepError: CustomStringConvertible \{\}", text)
    header = text[text.index("enum SweepError: Swift.Error") :].split("{", 1)[0]
    assert len(declared) + header.count("CustomStringConvertible") == 1


def test_fields_stay_typed():
    body = _error_enum(_generated())
    # Each field carries its doc comment; what matters is its name and type.
    without_docs = re.sub(r"/\*\*.*?\*/", "", body, flags=re.S)
    assert re.search(r"case LimitExceeded\(\s*limit: String,\s*allowed: String,\s*requested: String", without_docs)
    assert re.search(r"case WrongKey\b", body)
