"""Withdrawals from Python against the sandbox: submit, track to completed,
cancel, and a failure that releases its hold."""

from __future__ import annotations

import asyncio
import json
import os
import urllib.request

import pytest
from sandbox_links import link_sandbox_toss, top_up
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from sweep import (
    LegState,
    Authenticator,
    DestinationKind,
    ManualSource,
    MinorAmount,
    PayeeDestination,
    PayeeRequest,
    QuoteGoal,
    QuoteRequest,
    SourceKind,
    Speed,
    SweepError,
    Wallet,
    WalletConfig,
    WithdrawalState,
)

SANDBOX = os.environ.get("SWEEP_SANDBOX_URL", "")


class KeyAuthenticator(Authenticator):
    """Signs with a P-256 key, as a Secure Enclave or Keystore key would."""

    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.prompts = []

    def public_key(self):
        return self.key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)

    def sign(self, prompt, digest):
        self.prompts.append(prompt)
        return self.key.sign(bytes(digest), ec.ECDSA(hashes.SHA256()))


def knobs(body: dict) -> None:
    request = urllib.request.Request(f"{SANDBOX}/_sandbox/knobs", data=json.dumps(body).encode(), method="PUT", headers={"content-type": "application/json"})
    urllib.request.urlopen(request).read()


def krw(units: int) -> MinorAmount:
    return MinorAmount(minor_units=units, currency_code="KRW")


@pytest.mark.skipif(not SANDBOX, reason="SWEEP_SANDBOX_URL not set (cargo xtask test sets it)")
def test_submit_track_cancel_and_a_failure(tmp_path, key_provider):
    everything = QuoteRequest(currency_code="KRW", goal=QuoteGoal.EVERYTHING(), speed=Speed.STANDARD, destination=DestinationKind.BANK_ACCOUNT, limits=None)

    async def run():
        wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="ko-KR"), key_provider)
        auth = KeyAuthenticator()
        try:
            await link_sandbox_toss(wallet, SANDBOX, 40_000)
            await wallet.refresh_fee_schedule(f"{SANDBOX}/sweep-provider/v1")
            shinhan = PayeeDestination.KR_BANK_ACCOUNT(bank_code="088", account_number="110-123-456789")
            with pytest.raises(SweepError.PayeeNameMismatch) as wrong:
                await wallet.add_payee(PayeeRequest(destination=shinhan, holder_name="Lee Jiwoo"))
            assert wrong.value.result == "no_match" and wrong.value.suggested_name is None
            payee = (await wallet.add_payee(PayeeRequest(destination=shinhan, holder_name="Kim Minji"))).payee_id
            await wallet.register_authenticator(auth)

            quote = await wallet.quote(everything)
            first = await wallet.withdraw(quote, payee, auth, None)
            assert first.state == WithdrawalState.PROCESSING
            assert auth.prompts == ["Shinhan •••• 6789 계좌로 38,700원 보낼까요?"]
            assert (await wallet.refresh_withdrawal(first.withdrawal_id)).state == WithdrawalState.SENT
            with pytest.raises(SweepError.CancelTooLate):
                await wallet.cancel_withdrawal(first.withdrawal_id)
            assert (await wallet.refresh_withdrawal(first.withdrawal_id)).state == WithdrawalState.COMPLETED
            receipt = await wallet.withdrawal_receipt(first.withdrawal_id)
            assert receipt.fee == quote.breakdown.total_fee, "the receipt's fee is the quote's"
            left = await wallet.remaining_limits("KRW")
            assert left.daily_remaining == krw(260_000), "today's limit counts the withdrawal"

            top_up(SANDBOX, "sandbox-toss", 40_000)  # a top-up at Toss, seen by the next sync
            await wallet.sync()
            second = await wallet.withdraw(await wallet.quote(everything), payee, auth, None)
            assert (await wallet.cancel_withdrawal(second.withdrawal_id)).state == WithdrawalState.CANCELED
            await wallet.sync()  # the cancel sent the collected money back to Toss

            knobs({"withdrawal_outcome": "fail"})
            third = await wallet.withdraw(await wallet.quote(everything), payee, auth, None)
            failed = await wallet.refresh_withdrawal(third.withdrawal_id)
            assert failed.state == WithdrawalState.FAILED and failed.reason == "받는 계좌가 해지됐어요."
            # Collected before the payout failed: the provider sent it back to
            # Toss, and the next sync sees it there.
            assert [leg.state for leg in failed.legs] == [LegState.RETURNED]
            await wallet.sync()
            assert [t.formatted for t in (await wallet.dashboard()).cashable_totals] == ["40,000원"]
            await wallet.verify_ledger()
        finally:
            knobs({})
            wallet.close()

    asyncio.run(run())
