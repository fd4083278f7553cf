"""The user's rights to their data from Python, against the sandbox: the
export (checked against docs/export-schema.json with jsonschema, masked and
in full) and deleting the account (the provider's part, the tokens, the
key, the files)."""

from __future__ import annotations

import asyncio
import csv
import json
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from sandbox_links import link_sandbox_toss
from test_withdrawals import KeyAuthenticator, knobs

from sweep import (
    CaptureSubmission,
    DestinationKind,
    DocumentSide,
    DocumentType,
    ManualSource,
    MinorAmount,
    PayeeDestination,
    PayeeRequest,
    ProviderDeletion,
    QuoteGoal,
    QuoteRequest,
    SourceKind,
    Speed,
    SweepError,
    Wallet,
    WalletConfig,
    WithdrawalState,
    write_sample_capture,
)

SANDBOX = os.environ.get("SWEEP_SANDBOX_URL", "")
needs_sandbox = pytest.mark.skipif(not SANDBOX, reason="SWEEP_SANDBOX_URL not set (cargo xtask test sets it)")

REPO_ROOT = Path(__file__).resolve().parents[3]
SCHEMA = json.loads((REPO_ROOT / "docs" / "export-schema.json").read_text(encoding="utf-8"))
EXPORT_FILES = [
    "sweep-export.json",
    "sources.csv",
    "balance_history.csv",
    "transactions.csv",
    "withdrawals.csv",
    "withdrawal_legs.csv",
    "payees.csv",
]
EVERYTHING = QuoteRequest(currency_code="KRW", goal=QuoteGoal.EVERYTHING(), speed=Speed.STANDARD, destination=DestinationKind.BANK_ACCOUNT, limits=None)


def krw(units: int) -> MinorAmount:
    return MinorAmount(minor_units=units, currency_code="KRW")


async def ready(wallet, auth) -> int:
    """Toss linked with ₩40,000, the provider's schedule, a payee whose name
    the sandbox knows and a registered authenticator; returns the payee."""
    await link_sandbox_toss(wallet, SANDBOX, 40_000)
    await wallet.refresh_fee_schedule(f"{SANDBOX}/sweep-provider/v1")
    shinhan = PayeeDestination.KR_BANK_ACCOUNT(bank_code="088", account_number="110-123-456789")
    payee = (await wallet.add_payee(PayeeRequest(destination=shinhan, holder_name="Kim Minji"))).payee_id
    await wallet.register_authenticator(auth)
    return payee


async def cash_out(wallet, payee: int, auth):
    """Withdraws everything and follows it to completed."""
    w = await wallet.withdraw(await wallet.quote(EVERYTHING), payee, auth, None)
    for _ in range(6):
        w = await wallet.refresh_withdrawal(w.withdrawal_id)
        if w.state == WithdrawalState.COMPLETED:
            break
    assert w.state == WithdrawalState.COMPLETED
    return w


def everything_in(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()))


def csv_rows(folder: Path, name: str) -> list:
    raw = (folder / name).read_bytes()
    assert raw.startswith("\ufeff".encode()), f"{name}: a byte-order mark for spreadsheet apps"
    with open(folder / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_the_schema_is_valid_json_schema_and_rejects_what_it_should():
    Draft202012Validator.check_schema(SCHEMA)
    validator = Draft202012Validator(SCHEMA)
    assert not validator.is_valid({"format": "sweep-export", "version": 2})
    assert not validator.is_valid({})


@needs_sandbox
def test_the_export_matches_the_schema_and_is_masked_unless_asked_in_full(tmp_path, key_provider):
    async def run():
        knobs({})
        wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="ko-KR"), key_provider)
        auth = KeyAuthenticator()
        try:
            payee = await ready(wallet, auth)
            done = await cash_out(wallet, payee, auth)
            await wallet.withdrawal_receipt(done.withdrawal_id)
            typed = await wallet.add_manual_source(ManualSource(name="용돈 통장", kind=SourceKind.WALLET, balance=krw(5_000), account_ref="010-1234-5678"))
            await wallet.remove_source(typed)

            masked = tmp_path / "export" / "masked"
            summary = await wallet.export_data(str(masked), False)
            assert summary.version == 1
            assert [Path(f).name for f in summary.files] == EXPORT_FILES, "the JSON document first"
            assert sorted(p.name for p in masked.iterdir()) == sorted(EXPORT_FILES), "nothing else in the folder"
            doc = json.loads(Path(summary.files[0]).read_text(encoding="utf-8"))
            errors = sorted(Draft202012Validator(SCHEMA).iter_errors(doc), key=lambda e: list(e.path))
            assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
            assert doc["format"] == "sweep-export" and doc["version"] == 1 and doc["in_full"] is False
            assert datetime.fromisoformat(doc["exported_at"].replace("Z", "+00:00")).tzinfo is not None

            # Complete: every row the wallet holds, in the summary, the document and the CSV files.
            assert (summary.sources, summary.withdrawals, summary.payees) == (2, 1, 1)
            assert [s["state"] for s in doc["sources"]] == ["linked", "removed"], "the removed source too"
            assert summary.balance_entries == (await wallet.verify_ledger()).entries == len(doc["balance_history"])
            toss = (await wallet.dashboard()).sources[0].source_id
            transactions = len(await wallet.transactions(toss, 1_000))
            assert transactions > 0, "the sandbox's feed was read"
            assert summary.transactions == transactions == len(doc["transactions"])
            withdrawal = doc["withdrawals"][0]
            assert withdrawal["state"] == "completed" and withdrawal["net"] == {"minor_units": 38_700, "currency": "KRW"}
            assert withdrawal["provider_withdrawal_id"] == done.provider_withdrawal_id
            assert withdrawal["legs"][0]["state"] == "collected" and isinstance(withdrawal["receipt"]["reference"], str)
            assert doc["identity"]["tier"] == "unverified"
            for name, key in [
                ("sources.csv", "sources"),
                ("balance_history.csv", "balance_history"),
                ("transactions.csv", "transactions"),
                ("withdrawals.csv", "withdrawals"),
                ("payees.csv", "payees"),
            ]:
                assert len(csv_rows(masked, name)) == len(doc[key]), name
            assert [r["state"] for r in csv_rows(masked, "withdrawal_legs.csv")] == ["collected"]

            # Masked: no account number, holder name or typed-in number in any file.
            text = everything_in(masked)
            for secret in ["110123456789", "110-123-456789", "Kim Minji", "010-1234-5678", "01012345678"]:
                assert secret not in text, f"{secret} is in the masked export"
            assert "••••6789" in text and "••••5678" in text, "masked, yet recognisable"

            # In full, at the user's choice, in the same format.
            full = tmp_path / "export" / "full"
            in_full = await wallet.export_data(str(full), True)
            assert (in_full.sources, in_full.balance_entries, in_full.transactions, in_full.withdrawals, in_full.payees) == (
                summary.sources,
                summary.balance_entries,
                summary.transactions,
                summary.withdrawals,
                summary.payees,
            )
            full_doc = json.loads((full / "sweep-export.json").read_text(encoding="utf-8"))
            assert Draft202012Validator(SCHEMA).is_valid(full_doc) and full_doc["in_full"] is True
            assert full_doc["payees"][0]["holder_name"] == "Kim Minji"
            full_text = everything_in(full)
            for secret in ["110123456789", "Kim Minji", "010-1234-5678"]:
                assert secret in full_text, f"{secret} is missing from the full export"

            # A folder that holds files already is refused and left as it was.
            with pytest.raises(SweepError.InvalidInput) as refused:
                await wallet.export_data(str(full), False)
            assert refused.value.field == "path"
            assert everything_in(full) == full_text
        finally:
            wallet.close()

    asyncio.run(run())


@needs_sandbox
def test_deleting_the_account_leaves_nothing_readable_and_closes_the_wallet(tmp_path, key_provider):
    async def run():
        knobs({})
        data = tmp_path / "delete-me"
        wallet = await Wallet.open(WalletConfig(data_dir=str(data), locale="ko-KR"), key_provider)
        auth = KeyAuthenticator()
        try:
            payee = await ready(wallet, auth)
            # A verification session with its ID photo, for the provider to delete.
            session = await wallet.start_verification(DocumentType.PASSPORT)
            photo = str(tmp_path / "id.jpg")
            write_sample_capture(photo, True)
            await wallet.submit_capture(CaptureSubmission(path=photo, document_type=DocumentType.PASSPORT, side=DocumentSide.FRONT, upload_endpoint=session.upload_url), None)
            done = await cash_out(wallet, payee, auth)
            await wallet.add_manual_source(ManualSource(name="Secret jar", kind=SourceKind.WALLET, balance=krw(77_777), account_ref="010-9876-5432"))

            # A copy of the files as they are now, as a backup or a thief would have it.
            copy = tmp_path / "copy"
            shutil.copytree(data, copy)

            deleted = await wallet.delete_account(key_provider)
            provider = deleted.provider
            assert isinstance(provider, ProviderDeletion.DONE) and provider.is_done(), deleted
            assert provider.request_id
            assert (provider.verification_sessions, provider.captures) == (1, 1), "the session and its ID photo"
            [kept] = provider.retained
            assert kept.withdrawal_id == done.provider_withdrawal_id, "the completed cash-out is kept as the law requires"
            assert "제22조" in kept.reason and kept.retain_until
            assert (deleted.tokens_revoked, deleted.tokens_not_revoked) == (1, 0)
            assert deleted.note.startswith("계정을 삭제했어요.") and "1곳" in deleted.note, deleted.note
            assert any(f.endswith("sweep-wallet.db") for f in deleted.files_removed), deleted.files_removed

            # Nothing is left in the data folder, and the wallet is closed.
            assert not data.exists() or not any(data.iterdir())
            with pytest.raises(SweepError.WalletClosed):
                await wallet.dashboard()
            with pytest.raises(SweepError.WalletClosed):
                await wallet.export_data(str(tmp_path / "late"), False)

            # The earlier copy never opens with the same key provider: its key is gone.
            with pytest.raises((SweepError.KeyUnavailable, SweepError.WrongKey)):
                await Wallet.open(WalletConfig(data_dir=str(copy), locale="ko-KR"), key_provider)
            copied = b"".join(p.read_bytes() for p in copy.iterdir())
            for secret in ["Kim Minji", "110123456789", "Secret jar", "010-9876-5432", "77777"]:
                assert secret.encode() not in copied, f"{secret} is readable in the copy"
            # The data folder opens only as a new, empty wallet.
            fresh = await Wallet.open(WalletConfig(data_dir=str(data), locale="ko-KR"), key_provider)
            try:
                assert (await fresh.dashboard()).sources == []
                assert await fresh.withdrawals() == []
            finally:
                fresh.close()
        finally:
            wallet.close()

    asyncio.run(run())


@needs_sandbox
def test_nothing_is_deleted_while_money_moves_or_the_provider_is_away(tmp_path, key_provider):
    async def run():
        knobs({})
        data = tmp_path / "keep-me"
        wallet = await Wallet.open(WalletConfig(data_dir=str(data), locale="ko-KR"), key_provider)
        auth = KeyAuthenticator()
        try:
            payee = await ready(wallet, auth)
            w = await wallet.withdraw(await wallet.quote(EVERYTHING), payee, auth, None)
            assert w.state == WithdrawalState.PROCESSING
            with pytest.raises(SweepError.InvalidInput) as refused:
                await wallet.delete_account(key_provider)
            assert refused.value.field == "account"
            for _ in range(6):
                w = await wallet.refresh_withdrawal(w.withdrawal_id)
                if w.state == WithdrawalState.COMPLETED:
                    break
            assert w.state == WithdrawalState.COMPLETED

            knobs({"provider_down": True})
            with pytest.raises(SweepError):
                await wallet.delete_account(key_provider)
            assert (data / "sweep-wallet.db").exists(), "the files are kept"
            await wallet.verify_ledger()
            assert len((await wallet.dashboard()).sources) == 1, "the wallet is whole and open"
        finally:
            knobs({})
            wallet.close()
        # The key was kept too: the wallet opens again as it was.
        again = await Wallet.open(WalletConfig(data_dir=str(data), locale="ko-KR"), key_provider)
        try:
            assert len((await again.dashboard()).sources) == 1
        finally:
            again.close()

    asyncio.run(run())
