"""Identity from Python: the tier caps the plan until a session verifies
the ID, against the sandbox that `cargo xtask test` starts."""

from __future__ import annotations

import asyncio
import os

import pytest
from sandbox_links import link_sandbox_toss

from sweep import (
    CaptureSubmission,
    DocumentSide,
    DocumentType,
    ManualSource,
    MinorAmount,
    PlanRequest,
    SourceKind,
    Speed,
    Tier,
    VerificationStatus,
    Wallet,
    WalletConfig,
    write_sample_capture,
)

SANDBOX = os.environ.get("SWEEP_SANDBOX_URL", "")


@pytest.mark.skipif(not SANDBOX, reason="SWEEP_SANDBOX_URL not set (cargo xtask test sets it)")
def test_a_verified_id_lifts_the_tier_cap(tmp_path, key_provider):
    async def run():
        wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="ko-KR"), key_provider)
        try:
            await link_sandbox_toss(wallet, SANDBOX, 1_000_000)
            await wallet.refresh_fee_schedule(f"{SANDBOX}/sweep-provider/v1")
            assert (await wallet.identity()).tier == Tier.UNVERIFIED
            request = PlanRequest(currency_code="KRW", speed=Speed.STANDARD, limits=None, target_fee_bps=None)
            assert (await wallet.plan(request)).total_gross.amount.minor_units == 200_000

            session = await wallet.start_verification(DocumentType.PASSPORT)
            assert session.status == VerificationStatus.CREATED
            photo = str(tmp_path / "id.jpg")
            write_sample_capture(photo, True)
            await wallet.submit_capture(CaptureSubmission(path=photo, document_type=DocumentType.PASSPORT, side=DocumentSide.FRONT, upload_endpoint=session.upload_url), None)
            assert (await wallet.verification_status(session.session_id)).status == VerificationStatus.PROCESSING
            assert (await wallet.verification_status(session.session_id)).status == VerificationStatus.VERIFIED
            assert (await wallet.identity()).tier == Tier.ID_VERIFIED
            assert (await wallet.plan(request)).total_gross.amount.minor_units == 1_000_000
        finally:
            wallet.close()

    asyncio.run(run())
