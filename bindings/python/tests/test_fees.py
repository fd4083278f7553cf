"""The fee calculator, the planner and quotes from Python, against the
sandbox provider that `cargo xtask test` starts (SWEEP_SANDBOX_URL)."""

from __future__ import annotations

import asyncio
import datetime
import os

import pytest
from sandbox_links import link_sandbox_toss

from sweep import (
    DestinationKind,
    LegRequest,
    ManualSource,
    MinorAmount,
    PlanRequest,
    QuoteGoal,
    QuoteRequest,
    RemainingLimits,
    SourceKind,
    Speed,
    SweepError,
    Wallet,
    WalletConfig,
)

SANDBOX = os.environ.get("SWEEP_SANDBOX_URL", "")


def krw(units: int) -> MinorAmount:
    return MinorAmount(minor_units=units, currency_code="KRW")


def request(goal, limits=None) -> QuoteRequest:
    return QuoteRequest(currency_code="KRW", goal=goal, speed=Speed.STANDARD, destination=DestinationKind.BANK_ACCOUNT, limits=limits)


async def wallet_with_balances(tmp_path, key_provider, sandbox: str = "") -> Wallet:
    """KakaoPay typed in (id 1, tracked only), the sandbox's Toss wallet
    linked with the transfer scope when a sandbox runs (id 2), and a
    typed-in phone bill (id 3)."""
    wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="ko-KR"), key_provider)
    await wallet.add_manual_source(ManualSource(name="KakaoPay", kind=SourceKind.WALLET, balance=krw(4_870), account_ref=None))
    if sandbox:
        await link_sandbox_toss(wallet, sandbox, 12_340, name="Toss wallet")
    await wallet.add_manual_source(ManualSource(name="Phone bill", kind=SourceKind.CARRIER_BILLING, balance=krw(8_500), account_ref=None))
    return wallet


def test_without_a_schedule_the_calculator_says_so(tmp_path, key_provider):
    async def run():
        wallet = await wallet_with_balances(tmp_path, key_provider)
        try:
            with pytest.raises(SweepError.NoFeeSchedule):
                await wallet.plan(PlanRequest(currency_code="KRW", speed=Speed.STANDARD, limits=None, target_fee_bps=None))
        finally:
            wallet.close()

    asyncio.run(run())


@pytest.mark.skipif(not SANDBOX, reason="SWEEP_SANDBOX_URL not set (cargo xtask test sets it)")
def test_plan_estimate_and_quote(tmp_path, key_provider):
    async def run():
        wallet = await wallet_with_balances(tmp_path, key_provider, SANDBOX)
        try:
            schedule = await wallet.refresh_fee_schedule(f"{SANDBOX}/sweep-provider/v1")
            assert schedule.version == "krw-2026-11"
            plan = await wallet.plan(PlanRequest(currency_code="KRW", speed=Speed.STANDARD, limits=None, target_fee_bps=None))
            assert [leg.source_name for leg in plan.legs] == ["Toss wallet"]
            assert (plan.total_net.formatted, plan.total_fee.formatted) == ("11,870원", "470원")
            assert any(out.source_name == "KakaoPay" for out in plan.left_out), "typed-in money is tracked, never planned"
            assert plan.worth_it

            exact = await wallet.estimate(request(QuoteGoal.RECEIVE_EXACTLY(amount=krw(10_000))))
            assert exact.total_net.amount.minor_units == 10_000

            quote = await wallet.quote(request(QuoteGoal.EVERYTHING()))
            b = quote.breakdown
            assert quote.quote_id
            assert b.total_fee.amount.minor_units == sum(leg.fee.amount.minor_units for leg in b.legs) + b.withdrawal_fee.amount.minor_units
            await wallet.check_quote(quote)

            with pytest.raises(SweepError.AmountNotPositive):
                await wallet.estimate(request(QuoteGoal.LEGS(legs=[LegRequest(source_id=1, amount=krw(0))])))
            with pytest.raises(SweepError.NotCashable) as phone:
                await wallet.estimate(request(QuoteGoal.LEGS(legs=[LegRequest(source_id=3, amount=krw(8_500))])))
            assert phone.value.source_id == 3
            with pytest.raises(SweepError.NotCashable) as typed_in:
                await wallet.estimate(request(QuoteGoal.LEGS(legs=[LegRequest(source_id=1, amount=krw(4_870))])))
            assert typed_in.value.source_id == 1
            limits = RemainingLimits(per_withdrawal=None, daily_remaining=krw(10_000), monthly_remaining=None)
            with pytest.raises(SweepError.LimitExceeded) as over:
                await wallet.quote(request(QuoteGoal.SEND_EXACTLY(amount=krw(12_000)), limits))
            assert over.value.limit == "daily"
            usd = MinorAmount(minor_units=500, currency_code="USD")
            with pytest.raises(SweepError.CurrencyMismatch):
                await wallet.estimate(request(QuoteGoal.LEGS(legs=[LegRequest(source_id=1, amount=usd)])))

            # A quote priced with an older schedule, and one whose lock ran out.
            quote.breakdown.schedule_version = "krw-2026-10"
            with pytest.raises(SweepError.FeeScheduleStale) as stale:
                await wallet.check_quote(quote)
            assert (stale.value.quote_version, stale.value.current_version) == ("krw-2026-10", "krw-2026-11")
            expired = await wallet.quote(request(QuoteGoal.EVERYTHING()))
            expired.expires_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
            with pytest.raises(SweepError.QuoteExpired) as late:
                await wallet.check_quote(expired)
            assert late.value.quote_id == expired.quote_id
        finally:
            wallet.close()

    asyncio.run(run())
