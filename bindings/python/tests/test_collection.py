"""A two-leg withdrawal from Python against the sandbox: each leg is
collected from its own platform before the payout, one platform refuses,
the listener hears each leg's change, and the partial collection rule
decides what is paid and charged."""

from __future__ import annotations

import asyncio
import os
import threading

import pytest
from sandbox_links import approve_at_bank, link_sandbox_bank, link_sandbox_platform, link_sandbox_toss
from test_withdrawals import KeyAuthenticator, knobs

import sweep
from sweep import (
    DestinationKind,
    LegState,
    PayeeDestination,
    PayeeRequest,
    QuoteGoal,
    QuoteRequest,
    Speed,
    Wallet,
    WalletConfig,
    WithdrawalState,
)

SANDBOX = os.environ.get("SWEEP_SANDBOX_URL", "")


class Heard(sweep.WithdrawalListener):
    """Every change told, leg changes included (called from Sweep's threads)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.changes = []

    def on_withdrawal(self, withdrawal):
        with self.lock:
            self.changes.append(withdrawal)


@pytest.mark.skipif(not SANDBOX, reason="SWEEP_SANDBOX_URL not set (cargo xtask test sets it)")
def test_a_lost_leg_costs_nothing_and_the_listener_hears_each_leg(tmp_path, key_provider):
    everything = QuoteRequest(currency_code="KRW", goal=QuoteGoal.EVERYTHING(), speed=Speed.STANDARD, destination=DestinationKind.BANK_ACCOUNT, limits=None)

    async def run():
        knobs({})
        wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="ko-KR"), key_provider)
        auth = KeyAuthenticator()
        try:
            toss = await link_sandbox_toss(wallet, SANDBOX, 12_340)
            kakao = await link_sandbox_platform(wallet, SANDBOX, "sandbox-kakaopay", 4_870, name="KakaoPay")
            await wallet.refresh_fee_schedule(f"{SANDBOX}/sweep-provider/v1")
            shinhan = PayeeDestination.KR_BANK_ACCOUNT(bank_code="088", account_number="110-123-456789")
            payee = (await wallet.add_payee(PayeeRequest(destination=shinhan, holder_name="Kim Minji"))).payee_id
            await wallet.register_authenticator(auth)
            heard = Heard()
            subscription = await wallet.track_withdrawals(heard)

            quote = await wallet.quote(everything)
            assert [leg.source_id for leg in quote.breakdown.legs] == [toss, kakao]
            knobs({"refuse_transfers_from": "sandbox-kakaopay"})
            w = await wallet.withdraw(quote, payee, auth, None)
            assert [leg.state for leg in w.legs] == [LegState.COLLECTED, LegState.FAILED]
            assert w.legs[1].reason == "플랫폼이 이 잔액을 옮기는 것을 거절했어요."
            with heard.lock:
                told = [[leg.state for leg in c.legs] for c in heard.changes if c.withdrawal_id == w.withdrawal_id]
            # The tracker may also catch the first leg in flight (INSTRUCTED)
            # while it is being collected; nothing else comes before it.
            first_collected = told.index([LegState.COLLECTED, LegState.PENDING])
            assert all(t == [LegState.INSTRUCTED, LegState.PENDING] for t in told[:first_collected]), told
            assert told[-1] == [LegState.COLLECTED, LegState.FAILED], told

            now = await wallet.refresh_withdrawal(w.withdrawal_id)
            for _ in range(5):
                if now.state == WithdrawalState.COMPLETED:
                    break
                now = await wallet.refresh_withdrawal(w.withdrawal_id)
            assert now.state == WithdrawalState.COMPLETED
            receipt = await wallet.withdrawal_receipt(w.withdrawal_id)
            toss_fee = next(leg.fee for leg in quote.breakdown.legs if leg.source_id == toss)
            assert receipt.fee == toss_fee, "only the fee share of what arrived"
            assert receipt.net.amount.minor_units == 12_340 - toss_fee.amount.minor_units
            assert now.net == receipt.net
            statement = await wallet.statement(w.withdrawal_id)
            assert [line.collected.amount.minor_units for line in statement.lines] == [12_340, 0]
            assert statement.collected.amount.minor_units == statement.paid_out.amount.minor_units + statement.fee.amount.minor_units
            assert statement.sent_back.amount.minor_units == 0 and statement.in_flight.amount.minor_units == 0
            subscription.cancel()
            await wallet.sync()
            assert [s.available.formatted for s in (await wallet.dashboard()).sources] == ["0원", "4,870원"]
            await wallet.verify_ledger()
        finally:
            knobs({})
            wallet.close()

    asyncio.run(run())


@pytest.mark.skipif(not SANDBOX, reason="SWEEP_SANDBOX_URL not set (cargo xtask test sets it)")
def test_a_bank_leg_is_paid_after_the_user_approves_it(tmp_path, key_provider):
    everything = QuoteRequest(currency_code="KRW", goal=QuoteGoal.EVERYTHING(), speed=Speed.STANDARD, destination=DestinationKind.BANK_ACCOUNT, limits=None)

    async def run():
        knobs({})
        wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="ko-KR"), key_provider)
        auth = KeyAuthenticator()
        try:
            toss = await link_sandbox_toss(wallet, SANDBOX, 12_340)
            bank = await link_sandbox_bank(wallet, SANDBOX, 9_500)
            await wallet.refresh_fee_schedule(f"{SANDBOX}/sweep-provider/v1")
            shinhan = PayeeDestination.KR_BANK_ACCOUNT(bank_code="088", account_number="110-123-456789")
            payee = (await wallet.add_payee(PayeeRequest(destination=shinhan, holder_name="Kim Minji"))).payee_id
            await wallet.register_authenticator(auth)
            quote = await wallet.quote(everything)
            assert sorted(leg.source_id for leg in quote.breakdown.legs) == sorted([toss, bank])
            w = await wallet.withdraw(quote, payee, auth, None)
            index = next(i for i, leg in enumerate(w.legs) if leg.source_id == bank)
            assert w.legs[index].needs_authorisation and w.legs[index].state == LegState.PENDING
            url = await wallet.begin_bank_leg(w.withdrawal_id, index)
            w = await wallet.complete_bank_leg(approve_at_bank(url))
            assert w.legs[index].state == LegState.COLLECTED and not w.legs[index].needs_authorisation
            with pytest.raises(sweep.SweepError.InvalidInput):
                await wallet.begin_bank_leg(w.withdrawal_id, index)
            for _ in range(5):
                w = await wallet.refresh_withdrawal(w.withdrawal_id)
                if w.state == WithdrawalState.COMPLETED:
                    break
            assert w.state == WithdrawalState.COMPLETED
            receipt = await wallet.withdrawal_receipt(w.withdrawal_id)
            assert receipt.net == quote.breakdown.total_net
            await wallet.verify_ledger()
        finally:
            knobs({})
            wallet.close()

    asyncio.run(run())
