"""The Wallet object through the generated Python bindings.

Async methods are driven with asyncio.run (no pytest-asyncio).
"""

from __future__ import annotations

import asyncio
import datetime

import pytest

import sweep
from sweep import (
    Eligibility,
    ManualSource,
    MinorAmount,
    SourceKind,
    SweepError,
    Wallet,
    WalletConfig,
)


def _config(tmp_path) -> WalletConfig:
    return WalletConfig(data_dir=str(tmp_path / "wallet"), locale="ko-KR")


def _toss() -> ManualSource:
    return ManualSource(
        name="Toss wallet",
        kind=SourceKind.WALLET,
        balance=MinorAmount(minor_units=12340, currency_code="KRW"),
        account_ref="010-1234-5678",
    )


def _usd_wallet() -> ManualSource:
    return ManualSource(
        name="PayPal",
        kind=SourceKind.WALLET,
        balance=MinorAmount(minor_units=150, currency_code="USD"),
        account_ref=None,
    )


def _phone_bill() -> ManualSource:
    return ManualSource(
        name="Phone bill",
        kind=SourceKind.CARRIER_BILLING,
        balance=MinorAmount(minor_units=50000, currency_code="KRW"),
        account_ref=None,
    )


def _snapshot(dashboard: sweep.Dashboard):
    """What must not change when a write is refused."""
    return (
        [(s.source_id, s.name, s.kind, s.balance.amount, s.account_hint) for s in dashboard.sources],
        [t.amount for t in dashboard.cashable_totals],
    )


def test_wallet_flow(tmp_path, key_provider, make_key_provider):
    async def first_session():
        wallet = await Wallet.open(_config(tmp_path), key_provider)
        ids = [
            await wallet.add_manual_source(_toss()),
            await wallet.add_manual_source(_usd_wallet()),
            await wallet.add_manual_source(_phone_bill()),
        ]
        assert len(set(ids)) == 3, f"source ids must be distinct, got {ids}"

        dash = await wallet.dashboard()
        assert [s.source_id for s in dash.sources] == ids, "sources come back in the order they were added"
        assert len(dash.sources) == 3

        toss, usd, phone = dash.sources
        assert toss.name == "Toss wallet"
        assert toss.kind == SourceKind.WALLET
        assert toss.provider == "manual"
        assert toss.balance.amount == MinorAmount(minor_units=12340, currency_code="KRW")
        assert toss.balance.formatted == "12,340원"
        assert toss.available.formatted == "12,340원"
        assert toss.terms.eligibility == Eligibility.CASHABLE
        assert toss.auth_state == sweep.AuthState.LINKED
        assert toss.last_synced is None
        assert toss.account_hint == "•••• 5678"
        age = datetime.datetime.now(datetime.timezone.utc) - toss.last_updated
        assert datetime.timedelta(0) <= age < datetime.timedelta(minutes=5), toss.last_updated
        # The full account number never leaves the core. (repr() of generated
        # records is empty, "SourceBalance()", so look at every field.)
        for s in dash.sources:
            texts = [s.name, s.provider, s.terms.reason, s.account_hint or "", s.balance.formatted]
            assert not any("1234-5678" in t or "010-1234" in t for t in texts), texts

        assert usd.account_hint is None
        assert usd.balance.amount == MinorAmount(minor_units=150, currency_code="USD")

        assert phone.kind == SourceKind.CARRIER_BILLING
        assert phone.terms.eligibility == Eligibility.REFUND_TO_ORIGIN
        assert phone.terms.reason, "a reason the user can read"

        # Typed in, so tracked only: nothing counts as cashable, and each says why.
        assert dash.cashable_totals == []
        assert [s.collection for s in dash.sources] == [
            sweep.Collectability.TRACKED_ONLY,
            sweep.Collectability.TRACKED_ONLY,
            sweep.Collectability.REFUND_TO_ORIGIN,
        ]

        report = await wallet.verify_ledger()
        assert report.entries == 3
        assert report.head_fingerprint, "the ledger head has a fingerprint"

        wallet.close()
        wallet.close()  # closing twice is harmless
        with pytest.raises(SweepError.WalletClosed):
            await wallet.dashboard()
        with pytest.raises(SweepError.WalletClosed):
            await wallet.add_manual_source(_toss())
        return _snapshot(dash), report

    before, report_before = asyncio.run(first_session())
    assert key_provider.wrap_calls == 1

    async def reopen_same_provider():
        wallet = await Wallet.open(_config(tmp_path), key_provider)
        try:
            dash = await wallet.dashboard()
            report = await wallet.verify_ledger()
        finally:
            wallet.close()
        return _snapshot(dash), report

    after, report_after = asyncio.run(reopen_same_provider())
    assert key_provider.unwrap_calls == 1
    assert after == before, "a reopened wallet sees exactly what was written"
    assert report_after.entries == 3
    assert report_after.head_fingerprint == report_before.head_fingerprint

    stranger = make_key_provider()

    async def reopen_other_provider():
        await Wallet.open(_config(tmp_path), stranger)

    with pytest.raises(SweepError.WrongKey):
        asyncio.run(reopen_other_provider())
    assert stranger.unwrap_calls == 1 and stranger.wrap_calls == 0, "an existing wallet is unwrapped, never re-keyed"

    # The refused open changed nothing: the right provider still opens it.
    again, _ = asyncio.run(reopen_same_provider())
    assert again == before


def test_bad_money_is_a_typed_error_and_writes_nothing(tmp_path, key_provider):
    def source(name="Kakao Pay", minor_units=1000, currency_code="KRW"):
        return ManualSource(
            name=name,
            kind=SourceKind.WALLET,
            balance=MinorAmount(minor_units=minor_units, currency_code=currency_code),
            account_ref=None,
        )

    async def run():
        wallet = await Wallet.open(_config(tmp_path), key_provider)
        try:
            await wallet.add_manual_source(_toss())
            baseline = _snapshot(await wallet.dashboard())
            baseline_entries = (await wallet.verify_ledger()).entries

            async def unchanged():
                assert _snapshot(await wallet.dashboard()) == baseline, "a refused write changed the dashboard"
                assert (await wallet.verify_ledger()).entries == baseline_entries, "a refused write reached the ledger"

            with pytest.raises(SweepError.UnknownCurrency) as err:
                await wallet.add_manual_source(source(currency_code="krw"))
            assert err.value.code == "krw"
            await unchanged()

            with pytest.raises(SweepError.NegativeAmount) as err:
                await wallet.add_manual_source(source(minor_units=-1))
            assert err.value.field == "balance"
            await unchanged()

            with pytest.raises(SweepError.InvalidInput) as err:
                await wallet.add_manual_source(source(name=""))
            assert err.value.field == "name"
            await unchanged()

            with pytest.raises(SweepError.InvalidInput) as err:
                await wallet.add_manual_source(source(name="   "))
            assert err.value.field == "name"
            await unchanged()

            # Python ints are unbounded; i64 is not. The generated converter
            # refuses out-of-range values in Python, before the FFI call, with
            # a ValueError (not a SweepError, and not a crash).
            for too_big in (2**63, -(2**63) - 1):
                with pytest.raises(ValueError, match=r"i64 requires"):
                    await wallet.add_manual_source(source(minor_units=too_big))
                await unchanged()

            # The extremes that do fit cross the FFI and are validated by the core.
            with pytest.raises(SweepError.NegativeAmount):
                await wallet.add_manual_source(source(minor_units=-(2**63)))
            await unchanged()
        finally:
            wallet.close()

    asyncio.run(run())


def test_a_balance_above_the_cap_is_refused_and_the_dashboard_still_adds_up(tmp_path, key_provider):
    """Balances are capped (10^15 minor units) so per-currency totals always fit in i64."""
    huge = MinorAmount(minor_units=2**63 - 1, currency_code="KRW")
    cap = MinorAmount(minor_units=10**15, currency_code="KRW")

    async def run():
        wallet = await Wallet.open(_config(tmp_path), key_provider)
        try:
            with pytest.raises(SweepError.InvalidInput) as refused:
                await wallet.add_manual_source(ManualSource(name="A", kind=SourceKind.WALLET, balance=huge, account_ref=None))
            assert refused.value.field == "balance"
            await wallet.add_manual_source(ManualSource(name="B", kind=SourceKind.WALLET, balance=cap, account_ref=None))
            await wallet.add_manual_source(ManualSource(name="C", kind=SourceKind.BANK, balance=cap, account_ref=None))
            dash = await wallet.dashboard()
            assert [s.name for s in dash.sources] == ["B", "C"]
            assert sum(s.balance.amount.minor_units for s in dash.sources) == 2 * 10**15
        finally:
            wallet.close()

    asyncio.run(run())
