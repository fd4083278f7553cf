"""The core's own connectors built from Python against the sandbox that
`cargo xtask test` starts (SWEEP_SANDBOX_URL)."""

from __future__ import annotations

import asyncio
import os

import pytest
from sandbox_links import top_up

from sweep import (
    ConnectedSource,
    ConsentStatus,
    SourceEndpoint,
    SourceKind,
    SweepError,
    Wallet,
    WalletConfig,
    open_banking_accounts,
    open_banking_create_consent,
    source_connector,
)

SANDBOX = os.environ.get("SWEEP_SANDBOX_URL", "")
needs_sandbox = pytest.mark.skipif(not SANDBOX, reason="SWEEP_SANDBOX_URL not set (cargo xtask test sets it)")


@needs_sandbox
def test_a_built_in_connector_pages_through_the_feed(tmp_path, key_provider):
    async def run():
        wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="ko-KR"), key_provider)
        try:
            top_up(SANDBOX, "sandbox-toss", 12_340)  # other tests move the shared sandbox's balance
            toss = source_connector(SourceEndpoint.SOURCE_API(base_url=f"{SANDBOX}/sweep/v1"), "sandbox-toss")
            sid = await wallet.add_connected_source(ConnectedSource(name="Toss", kind=SourceKind.WALLET, provider="source-api"), toss)
            [first] = await wallet.sync()
            assert (first.synced, first.new_transactions) == (True, 6)
            [second] = await wallet.sync()
            assert second.new_transactions == 0, "only new transactions are fetched"
            assert [t.id for t in await wallet.transactions(sid, 2)] == ["tx-0006", "tx-0005"]
        finally:
            wallet.close()

    asyncio.run(run())


@needs_sandbox
def test_a_built_in_connector_can_be_called_directly_from_python():
    async def run():
        top_up(SANDBOX, "sandbox-toss", 12_340)
        toss = source_connector(SourceEndpoint.SOURCE_API(base_url=f"{SANDBOX}/sweep/v1"), "sandbox-toss")
        # Runs on Sweep's own tokio runtime: no "no reactor running" panic.
        [balance] = await toss.fetch_balances()
        assert (balance.amount.minor_units, balance.amount.currency_code) == (12_340, "KRW")
        page = await toss.fetch_transactions(None)
        assert [t.id for t in page.transactions][:1] == ["tx-0001"]

    asyncio.run(run())


@needs_sandbox
def test_open_banking_consents_and_accounts():
    async def run():
        aisp = f"{SANDBOX}/open-banking/v4.0/aisp"
        consent = await open_banking_create_consent(aisp, "tpp-token", None)
        assert consent.status == ConsentStatus.AWAITING_AUTHORISATION
        assert [a.account_id for a in await open_banking_accounts(aisp, "psu-token")] == ["acc-1001", "acc-1002", "acc-1003"]

    asyncio.run(run())


def test_a_bad_endpoint_is_a_typed_error():
    with pytest.raises(SweepError.InvalidInput) as bad:
        source_connector(SourceEndpoint.CARRIER_BILLING(billing_base_url="ftp://x", refund_base_url="https://y"), "t")
    assert bad.value.field == "base_url"
