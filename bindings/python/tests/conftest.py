"""Shared setup for the Python binding tests.

The generated module `sweep` (sweep.py plus libsweep_ffi.so) is not checked
in: `cargo xtask gen-bindings` writes it. This conftest finds it through
SWEEP_PY_BINDINGS_DIR (default: <repo>/target/bindings/python), puts that
directory on sys.path, and stops the run with a clear message when it is
missing. It never skips silently.
"""

from __future__ import annotations

import os
import secrets
import sys
import threading
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_BINDINGS_DIR = REPO_ROOT / "target" / "bindings" / "python"
LIBRARY_NAMES = ("libsweep_ffi.so", "libsweep_ffi.dylib", "sweep_ffi.dll")


def _bindings_dir() -> Path:
    configured = os.environ.get("SWEEP_PY_BINDINGS_DIR", "").strip()
    return Path(configured).expanduser().resolve() if configured else DEFAULT_BINDINGS_DIR


def _missing(reason: str) -> None:
    pytest.exit(
        f"Sweep Python bindings not usable: {reason}\n"
        "Generate them first with `cargo xtask gen-bindings` (from the repository root), "
        "or point SWEEP_PY_BINDINGS_DIR at a directory holding sweep.py and libsweep_ffi.so.",
        returncode=4,
    )


BINDINGS_DIR = _bindings_dir()
if not (BINDINGS_DIR / "sweep.py").is_file():
    _missing(f"{BINDINGS_DIR / 'sweep.py'} does not exist")
if not any((BINDINGS_DIR / name).is_file() for name in LIBRARY_NAMES):
    _missing(f"no native library ({', '.join(LIBRARY_NAMES)}) in {BINDINGS_DIR}")

if str(BINDINGS_DIR) not in sys.path:
    sys.path.insert(0, str(BINDINGS_DIR))

try:
    import sweep  # noqa: E402  (the path is set just above)
except Exception as exc:  # a stale or mismatched library fails here, not in every test
    _missing(f"importing sweep from {BINDINGS_DIR} failed: {type(exc).__name__}: {exc}")


class DictKeyProvider(sweep.KeyProvider):
    """TEST-ONLY key provider. It does not encrypt anything.

    wrap_data_key keeps the data key in a dict under a random 16-byte handle
    and returns the handle; unwrap_data_key looks the handle up. The wrapped
    bytes written to disk therefore reveal nothing about the key, but the key
    lives in this object's memory only, so a different instance cannot open
    the wallet (unwrap raises SweepError.WrongKey). Never use this pattern
    outside tests: real providers must use the platform key store.
    """

    def __init__(self) -> None:
        self._keys: dict[bytes, bytes] = {}
        self._lock = threading.Lock()  # Sweep calls from a background thread
        self.wrap_calls = 0
        self.unwrap_calls = 0

    def wrap_data_key(self, data_key: bytes) -> bytes:
        handle = secrets.token_bytes(16)
        with self._lock:
            self.wrap_calls += 1
            self._keys[handle] = bytes(data_key)
        return handle

    def unwrap_data_key(self, wrapped_key: bytes) -> bytes:
        with self._lock:
            self.unwrap_calls += 1
            key = self._keys.get(bytes(wrapped_key))
        if key is None:
            raise sweep.SweepError.WrongKey()
        return key

    def delete_wrapping_key(self) -> None:
        with self._lock:
            self._keys.clear()


@pytest.fixture
def key_provider() -> DictKeyProvider:
    return DictKeyProvider()


@pytest.fixture
def make_key_provider():
    return DictKeyProvider


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a test skipped for a missing service (the sandbox, the
    OpenID provider) fails: CI starts every service, so a skip there means
    the run is broken, not that the test does not apply."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CI", "").lower() == "true":
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, where every service must run: {report.longrepr}"
