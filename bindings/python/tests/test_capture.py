"""ID capture from Python: checks, typed refusals, and a tus upload to the
sandbox that `cargo xtask test` starts (SWEEP_SANDBOX_URL)."""

from __future__ import annotations

import asyncio
import os

import pytest

from sweep import (
    CaptureProblem,
    CaptureSubmission,
    DocumentSide,
    DocumentType,
    ImageFormat,
    SweepError,
    UploadListener,
    Wallet,
    WalletConfig,
    check_capture,
    write_sample_capture,
)

SANDBOX = os.environ.get("SWEEP_SANDBOX_URL", "")


class Progress(UploadListener):
    def __init__(self) -> None:
        self.seen = []

    def on_progress(self, progress) -> None:
        self.seen.append(progress.sent_bytes)


def test_a_sample_photo_passes_and_loses_its_exif(tmp_path):
    path = str(tmp_path / "id.jpg")
    write_sample_capture(path, True)
    check = asyncio.run(check_capture(path))
    assert check.format == ImageFormat.JPEG
    assert (check.width, check.height) == (1600, 1000)
    assert check.issues == []
    assert check.removed_metadata == ["EXIF"]


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("missing.jpg", None, CaptureProblem.MISSING),
        ("empty.jpg", b"", CaptureProblem.EMPTY),
        ("notes.jpg", b"not a photo at all", CaptureProblem.WRONG_TYPE),
        ("cut.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", CaptureProblem.TRUNCATED),
    ],
)
def test_bad_files_are_typed_refusals(tmp_path, name, content, problem):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(SweepError.CaptureRejected) as refused:
        asyncio.run(check_capture(str(path)))
    assert refused.value.problem == problem
    assert str(path) not in refused.value.detail


@pytest.mark.skipif(not SANDBOX, reason="SWEEP_SANDBOX_URL not set (cargo xtask test sets it)")
def test_a_capture_uploads_to_the_sandbox(tmp_path, key_provider):
    async def run():
        wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="ko-KR"), key_provider)
        try:
            photo = str(tmp_path / "front.jpg")
            write_sample_capture(photo, True)
            progress = Progress()
            submission = CaptureSubmission(path=photo, document_type=DocumentType.PASSPORT, side=DocumentSide.FRONT, upload_endpoint=f"{SANDBOX}/tus/files/")
            receipt = await wallet.submit_capture(submission, progress)
            assert progress.seen[-1] == receipt.upload.total_bytes
            assert progress.seen == sorted(progress.seen)
            assert await wallet.pending_uploads() == 0
        finally:
            wallet.close()

    asyncio.run(run())
