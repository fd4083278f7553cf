"""A source over time, from Python: a typed-in balance edited (in its own
currency only) and removed, a linked sandbox source removed with its tokens
revoked at the issuer (RFC 7009), and a link that takes over a typed-in
balance so its money counts once. Removal keeps the history, so the ledger
still verifies."""

from __future__ import annotations

import asyncio
import os

import pytest
from sandbox_links import link_sandbox_platform_result, link_sandbox_toss
from test_withdrawals import knobs

from sweep import (
    Collectability,
    LinkOutcome,
    ManualSource,
    MinorAmount,
    SourceKind,
    SweepError,
    TokenRevocation,
    Wallet,
    WalletConfig,
)

SANDBOX = os.environ.get("SWEEP_SANDBOX_URL", "")
needs_sandbox = pytest.mark.skipif(not SANDBOX, reason="SWEEP_SANDBOX_URL not set (cargo xtask test sets it)")


def krw(units: int) -> MinorAmount:
    return MinorAmount(minor_units=units, currency_code="KRW")


def typed_in(name: str, balance: MinorAmount, kind: SourceKind = SourceKind.WALLET) -> ManualSource:
    return ManualSource(name=name, kind=kind, balance=balance, account_ref=None)


def test_a_typed_in_balance_is_edited_in_its_own_currency_and_removed_with_no_tokens(tmp_path, key_provider):
    async def run():
        wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="en-US"), key_provider)
        try:
            jar = await wallet.add_manual_source(typed_in("Cash jar", krw(5_000)))

            await wallet.edit_manual_source(jar, typed_in("Coin jar", krw(7_500)))
            [edited] = (await wallet.dashboard()).sources
            assert edited.source_id == jar, "the same source, edited in place"
            assert (edited.name, edited.balance.formatted) == ("Coin jar", "₩7,500")
            assert edited.collection == Collectability.TRACKED_ONLY, "still typed in: tracked only"

            # Another currency is another balance: refused, and nothing is written.
            with pytest.raises(SweepError.CurrencyMismatch) as dollars:
                await wallet.edit_manual_source(jar, typed_in("Coin jar", MinorAmount(minor_units=500, currency_code="USD")))
            assert (dollars.value.expected, dollars.value.found) == ("KRW", "USD")
            assert [s.balance.formatted for s in (await wallet.dashboard()).sources] == ["₩7,500"]
            assert (await wallet.verify_ledger()).entries == 2, "typed in, then edited: both in the history"

            removal = await wallet.remove_source(jar)
            assert removal.source_id == jar
            assert removal.revocation == TokenRevocation.NO_TOKENS(), "a typed-in balance has no tokens"
            assert removal.note == "Removed 'Coin jar'. Its history stays.", removal.note
            home = await wallet.dashboard()
            assert home.sources == [] and home.cashable_totals == [], home
            assert (await wallet.verify_ledger()).entries == 2, "the history stays, and it verifies"

            # Gone for the user: neither removed again nor edited.
            with pytest.raises(SweepError.SourceNotFound):
                await wallet.remove_source(jar)
            with pytest.raises(SweepError.SourceNotFound):
                await wallet.edit_manual_source(jar, typed_in("Coin jar", krw(1)))
        finally:
            wallet.close()

    asyncio.run(run())


@needs_sandbox
def test_removing_a_linked_source_revokes_its_tokens_and_keeps_its_history(tmp_path, key_provider):
    async def run():
        knobs({})
        wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="ko-KR"), key_provider)
        try:
            toss = await link_sandbox_toss(wallet, SANDBOX, 12_340)
            assert [t.formatted for t in (await wallet.dashboard()).cashable_totals] == ["12,340원"]
            with pytest.raises(SweepError.InvalidInput) as edit:
                await wallet.edit_manual_source(toss, typed_in("Toss", krw(1)))
            assert edit.value.field == "source_id", "a linked balance is read from its source, not typed"
            entries = (await wallet.verify_ledger()).entries

            removal = await wallet.remove_source(toss)
            assert removal.source_id == toss
            assert removal.revocation == TokenRevocation.REVOKED(), "the sandbox's issuer offers RFC 7009 revocation"
            assert removal.note.strip() and "Toss" in removal.note and "취소" in removal.note, removal.note

            home = await wallet.dashboard()
            assert home.sources == [] and home.cashable_totals == [], home
            assert wallet.connected_source_count() == 0, "its connector is dropped"
            assert await wallet.sync() == [], "nothing left to read"
            assert (await wallet.verify_ledger()).entries == entries, "the history stays, and it verifies"
            with pytest.raises(SweepError.SourceNotFound):
                await wallet.remove_source(toss)
        finally:
            wallet.close()

    asyncio.run(run())


@needs_sandbox
def test_linking_the_platform_of_a_typed_in_balance_takes_it_over(tmp_path, key_provider):
    async def run():
        knobs({})
        wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="ko-KR"), key_provider)
        try:
            typed = await wallet.add_manual_source(typed_in("토스 지갑", krw(12_000)))
            phone_bill = await wallet.add_manual_source(typed_in("Phone bill", krw(8_500), SourceKind.CARRIER_BILLING))

            # Only a typed-in balance of the same kind can be taken over; refused before any token is issued.
            with pytest.raises(SweepError.InvalidInput) as wrong_kind:
                await link_sandbox_platform_result(wallet, SANDBOX, "sandbox-toss", 12_340, "Toss", replaces_source_id=phone_bill)
            assert wrong_kind.value.field == "replaces_source_id"

            linked = await link_sandbox_platform_result(wallet, SANDBOX, "sandbox-toss", 12_340, "Toss", replaces_source_id=typed)
            assert linked.source_id == typed, "the typed-in source keeps its id"
            assert linked.outcome == LinkOutcome.ADOPTED_TYPED_IN()
            assert linked.note and "토스 지갑" in linked.note, linked.note

            home = await wallet.dashboard()
            assert sorted(s.source_id for s in home.sources) == [typed, phone_bill], "one Toss source, not a typed-in and a linked one"
            [toss] = [s for s in home.sources if s.source_id == typed]
            assert (toss.balance.formatted, toss.collection) == ("12,340원", Collectability.SOURCE_API_TRANSFER)
            assert [t.formatted for t in home.cashable_totals] == ["12,340원"], "the platform's balance, once"
            # Typed in 12,000, phone bill 8,500, then Toss read as 12,340: one history.
            assert (await wallet.verify_ledger()).entries == 3
        finally:
            wallet.close()

    asyncio.run(run())
