"""A WithdrawalListener written in Python, across the FFI: it hears one
withdrawal's changes in order, the provider's from the Rust thread that
tracks it, up to
`completed`; and once its subscription is cancelled or dropped (the handle
freed), it hears nothing more.

The sandbox's events feed is switched off, so the tracker falls back to
asking the provider about open withdrawals (every two seconds), and each
look moves the sandbox's payout one step: nothing but the tracker moves the
withdrawal on, so what the listener hears is the tracker's doing."""

from __future__ import annotations

import asyncio
import gc
import os
import threading
import time

import pytest
from sandbox_links import link_sandbox_toss, top_up
from test_withdrawals import KeyAuthenticator, knobs

import sweep
from sweep import (
    DestinationKind,
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
ORDER = [WithdrawalState.REQUESTED, WithdrawalState.PROCESSING, WithdrawalState.SENT, WithdrawalState.COMPLETED]


class Heard(sweep.WithdrawalListener):
    """Every change told, and the thread that told it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.changes = []
        self.threads = []

    def on_withdrawal(self, withdrawal):
        with self.lock:
            self.changes.append(withdrawal)
            self.threads.append(threading.get_ident())

    def seen(self):
        with self.lock:
            return list(self.changes)


@pytest.mark.skipif(not SANDBOX, reason="SWEEP_SANDBOX_URL not set (cargo xtask test sets it)")
def test_a_python_listener_hears_a_withdrawal_to_completed_and_nothing_once_cancelled_or_dropped(tmp_path, key_provider):
    everything = QuoteRequest(currency_code="KRW", goal=QuoteGoal.EVERYTHING(), speed=Speed.STANDARD, destination=DestinationKind.BANK_ACCOUNT, limits=None)

    async def run():
        knobs({"events_unavailable": True})
        wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="ko-KR"), key_provider)
        auth = KeyAuthenticator()
        try:
            await link_sandbox_toss(wallet, SANDBOX, 40_000)
            await wallet.refresh_fee_schedule(f"{SANDBOX}/sweep-provider/v1")
            shinhan = PayeeDestination.KR_BANK_ACCOUNT(bank_code="088", account_number="110-123-456789")
            payee = (await wallet.add_payee(PayeeRequest(destination=shinhan, holder_name="Kim Minji"))).payee_id
            await wallet.register_authenticator(auth)

            heard = Heard()
            subscription = await wallet.track_withdrawals(heard)
            assert subscription.is_active()
            quote = await wallet.quote(everything)
            w = await wallet.withdraw(quote, payee, auth, None)
            # Bounded: two fallback rounds of two seconds move it to completed.
            deadline = time.monotonic() + 30
            while not any(c.state == WithdrawalState.COMPLETED for c in heard.seen()) and time.monotonic() < deadline:
                await asyncio.sleep(0.05)

            changes = heard.seen()
            assert changes, "the listener was told"
            assert {c.withdrawal_id for c in changes} == {w.withdrawal_id}, "only this withdrawal"
            states = [c.state for c in changes]
            # In order: never backwards, each state once (leg changes aside),
            # from where `withdraw` left it to sent, then completed.
            assert states == sorted(states, key=ORDER.index), states
            steps = list(dict.fromkeys(states))
            assert ORDER.index(steps[0]) <= ORDER.index(WithdrawalState.PROCESSING), states
            assert steps[-2:] == [WithdrawalState.SENT, WithdrawalState.COMPLETED], states
            assert changes[-1].net == quote.breakdown.total_net, "the last word is the quoted payout"
            # What the tracker learnt from the provider it told from its own
            # thread (a leg's change during `withdraw` comes from that call).
            with heard.lock:
                tracked = [t for c, t in zip(heard.changes, heard.threads) if c.state in ORDER[2:]]
            assert tracked and threading.get_ident() not in tracked, "told from the tracker's thread"
            assert (await wallet.refresh_withdrawal(w.withdrawal_id)).state == WithdrawalState.COMPLETED

            # One subscription cancelled, one dropped (its handle freed, which
            # drops it in Rust), and a live one as the control: a withdrawal's
            # leg is told to every live listener before `withdraw` returns.
            subscription.cancel()
            assert not subscription.is_active(), "cancelled"
            gone = Heard()
            dropped = await wallet.track_withdrawals(gone)
            del dropped
            gc.collect()
            control = Heard()
            live = await wallet.track_withdrawals(control)
            told_before = len(heard.seen())
            top_up(SANDBOX, "sandbox-toss", 40_000)
            await wallet.sync()
            second = await wallet.withdraw(await wallet.quote(everything), payee, auth, None)
            assert any(c.withdrawal_id == second.withdrawal_id for c in control.seen()), "a live listener hears the leg collected"
            assert len(heard.seen()) == told_before, "the cancelled listener hears nothing more"
            assert gone.seen() == [], "nor does the dropped one"
            live.cancel()
            await wallet.verify_ledger()
        finally:
            knobs({})
            wallet.close()

    asyncio.run(run())
