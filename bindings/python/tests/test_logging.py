"""Logs reach a Python Logger, with personal data redacted."""

from __future__ import annotations

import asyncio

import sweep
from sweep import LogLevel, ManualSource, MinorAmount, SourceKind, Wallet, WalletConfig


class ListLogger(sweep.Logger):
    def __init__(self):
        self.records = []  # list.append is atomic under the GIL

    def log(self, record):
        self.records.append(record)


def test_logger_redacts(tmp_path, key_provider):
    secret_name = "Secret Name Kim"
    secret_number = "010-9999-0000"
    config = WalletConfig(data_dir=str(tmp_path / "wallet"), locale="ko-KR")

    async def run():
        wallet = await Wallet.open(config, key_provider)
        try:
            source_id = await wallet.add_manual_source(
                ManualSource(
                    name=secret_name,
                    kind=SourceKind.WALLET,
                    balance=MinorAmount(minor_units=777, currency_code="KRW"),
                    account_ref=secret_number,
                )
            )
            dash = await wallet.dashboard()
            await wallet.verify_ledger()
        finally:
            wallet.close()
        return source_id, dash

    logger = ListLogger()
    sweep.set_logger(logger, LogLevel.INFO)
    try:
        source_id, dash = asyncio.run(run())
    finally:
        sweep.clear_logger()

    assert dash.sources[0].name == secret_name, "the name itself is stored and returned to the app"
    records = list(logger.records)
    lines = [r.line for r in records]
    assert any("wallet opened" in line for line in lines), lines
    assert any("manual source added" in line and f"source_id={source_id}" in line for line in lines), lines
    assert all(r.level in (LogLevel.ERROR, LogLevel.WARN, LogLevel.INFO) for r in records), "nothing below INFO"
    for record in records:
        for secret in (secret_name, "Secret", secret_number, "9999"):
            assert secret not in record.line, f"{secret!r} leaked into {record.level} {record.target}: {record.line!r}"
            assert secret not in record.target

    # After clear_logger() nothing more arrives.
    seen = len(logger.records)

    async def reopen():
        wallet = await Wallet.open(config, key_provider)
        wallet.close()

    asyncio.run(reopen())
    assert len(logger.records) == seen, logger.records[seen:]
