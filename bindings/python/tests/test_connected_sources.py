"""A source implemented in Python, synced through the core, with a listener."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import sweep
from sweep import (
    BalanceListener,
    BalanceTerms,
    ConnectedSource,
    Eligibility,
    MinorAmount,
    ObservedBalance,
    SourceConnector,
    SourceKind,
    SourceTransaction,
    SweepError,
    TransactionKind,
    TransactionPage,
    Wallet,
    WalletConfig,
)


def _run_with_connectors(run) -> None:
    """Runs `run()` in a fresh event loop that Sweep may use for connectors.

    Sweep calls async Python connectors from its own threads, which have no
    event loop, so the bindings are told which loop to use; it is reset after,
    because the setting is global to the module.
    """

    async def wrapper():
        sweep.uniffi_set_event_loop(asyncio.get_running_loop())
        try:
            await run()
        finally:
            sweep.uniffi_set_event_loop(None)

    asyncio.run(wrapper())


class InAppCredits(SourceConnector):
    """An app's own credits, read with an async method as real code would."""

    def __init__(self, minor_units: int) -> None:
        self.minor_units = minor_units
        self.calls = 0

    async def fetch_balances(self):
        self.calls += 1
        await asyncio.sleep(0.01)
        terms = BalanceTerms(
            eligibility=Eligibility.CASHABLE,
            reason="In-app credits can be cashed out.",
            min_withdrawal=None,
            refundable_after_used_percent=None,
            expiries=[],
        )
        return [ObservedBalance(amount=MinorAmount(minor_units=self.minor_units, currency_code="KRW"), terms=terms)]

    async def fetch_transactions(self, cursor):
        """One transaction, then nothing new after its cursor."""
        if cursor == "after-top-up":
            return TransactionPage(transactions=[], next_cursor=None, has_more=False)
        top_up = SourceTransaction(
            id="top-up-1",
            occurred_at=datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc),
            amount=MinorAmount(minor_units=self.minor_units, currency_code="KRW"),
            kind=TransactionKind.CREDIT,
            description="Credits bought",
        )
        return TransactionPage(transactions=[top_up], next_cursor="after-top-up", has_more=False)


class Expired(SourceConnector):
    async def fetch_balances(self):
        raise SweepError.AuthExpired("token expired")

    async def fetch_transactions(self, cursor):
        raise SweepError.AuthExpired("token expired")


class Collect(BalanceListener):
    def __init__(self) -> None:
        self.results = []

    def on_sync_result(self, result) -> None:
        self.results.append(result)


def test_a_python_connector_syncs_and_the_subscription_cancels(tmp_path, key_provider):
    async def run():
        wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="ko-KR"), key_provider)
        try:
            credits = InAppCredits(4200)
            ok = await wallet.add_connected_source(ConnectedSource(name="Credits", kind=SourceKind.WALLET, provider="com.example.game"), credits)
            bad = await wallet.add_connected_source(ConnectedSource(name="Old", kind=SourceKind.WALLET, provider="com.example.old"), Expired())
            heard = Collect()
            subscription = wallet.subscribe_sync_results(heard)

            results = {r.source_id: r for r in await wallet.sync()}
            assert results[ok].synced and not results[ok].needs_reauth
            assert not results[bad].synced and results[bad].needs_reauth
            assert len(heard.results) == 2
            assert results[ok].new_transactions == 1 and results[ok].transactions_error is None
            [stored] = await wallet.transactions(ok, 10)
            assert (stored.id, stored.amount.minor_units, stored.kind) == ("top-up-1", 4200, TransactionKind.CREDIT)

            home = await wallet.dashboard()
            assert [s.balance.formatted for s in home.sources] == ["4,200원"]
            # The app reads it, but Sweep has no way to move it: shown, not cashable.
            assert [s.collection for s in home.sources] == [sweep.Collectability.NO_COLLECT_METHOD]
            assert home.cashable_totals == []

            subscription.cancel()
            again = {r.source_id: r for r in await wallet.sync()}
            assert again[ok].new_transactions == 0, "the stored cursor asks only for what is new"
            assert len(heard.results) == 2, "no results after cancel()"
            assert credits.calls == 2
            assert (await wallet.verify_ledger()).entries == 2
        finally:
            wallet.close()

    _run_with_connectors(run)


def test_bad_balances_from_a_python_connector_write_nothing(tmp_path, key_provider):
    async def run():
        wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="ko-KR"), key_provider)
        try:
            source = ConnectedSource(name="Credits", kind=SourceKind.WALLET, provider="com.example.game")
            sid = await wallet.add_connected_source(source, InAppCredits(-5))
            [result] = await wallet.sync()
            assert result.source_id == sid and not result.synced
            assert "must not be negative" in result.error
            assert (await wallet.dashboard()).sources == []
            assert (await wallet.verify_ledger()).entries == 0
        finally:
            wallet.close()

    _run_with_connectors(run)
