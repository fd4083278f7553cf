"""An error reads as the core's sentence in Python: ``str(e)`` for every
variant, fieldless ones included, with the typed fields kept (issue #15,
item 1), in the language of the wallet opened last or of ``set_text_locale``
(issue #16). The sentences are written out here, not read from the core."""

from __future__ import annotations

import asyncio

import pytest

import sweep
from sweep import PlanRequest, Speed, SweepError, Wallet, WalletConfig


def test_errors_without_fields_read_as_a_sentence():
    sweep.set_text_locale("en-US")
    assert str(SweepError.WrongKey()) == "wrong key: the key provider's key does not open this wallet"
    assert str(SweepError.WalletClosed()) == "the wallet is closed"
    assert str(SweepError.NoFeeSchedule()) == "no fee schedule is cached yet; refresh it from the provider first"


def test_in_korean_an_error_reads_as_its_korean_sentence():
    sweep.set_text_locale("ko-KR")
    try:
        assert str(SweepError.WalletClosed()) == "지갑이 닫혀 있어요."
        assert SweepError.WalletClosed().sentence_in("en-US") == "the wallet is closed"
    finally:
        sweep.set_text_locale("en-US")


def test_an_error_with_fields_reads_as_its_sentence_and_keeps_them():
    sweep.set_text_locale("en-US")
    e = SweepError.LimitExceeded(limit="daily", allowed="₩100,000", requested="₩150,000")
    assert str(e) == "₩150,000 is above the daily limit of ₩100,000"
    assert e.limit == "daily"


def test_a_failing_call_raises_the_sentence(tmp_path, key_provider):
    async def run():
        wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="en-US"), key_provider)
        try:
            with pytest.raises(SweepError.NoFeeSchedule) as raised:
                await wallet.plan(PlanRequest(currency_code="KRW", speed=Speed.STANDARD, limits=None, target_fee_bps=None))
            assert str(raised.value) == "no fee schedule is cached yet; refresh it from the provider first"
        finally:
            wallet.close()

    asyncio.run(run())


class _LockedKeyProvider(sweep.KeyProvider):
    """A key store that fails with a platform error, as a locked one does."""

    def wrap_data_key(self, data_key: bytes) -> bytes:
        raise RuntimeError("keyring is locked")

    def unwrap_data_key(self, wrapped_key: bytes) -> bytes:
        raise RuntimeError("keyring is locked")

    def delete_wrapping_key(self) -> None:
        raise RuntimeError("keyring is locked")


def test_a_key_provider_that_raises_is_key_unavailable_with_its_reason(tmp_path):
    async def run():
        await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="en-US"), _LockedKeyProvider())

    with pytest.raises(SweepError.KeyUnavailable) as raised:
        asyncio.run(run())
    assert "keyring is locked" in raised.value.reason
    assert str(raised.value).startswith("key unavailable: ")
