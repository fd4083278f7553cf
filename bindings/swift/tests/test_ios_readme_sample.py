"""ios/README.md shows exactly ios/Samples/QuickStart.swift, the sample
that `cargo xtask test` syntax-checks with the rest of ios/."""

from pathlib import Path
import re

ROOT = Path(__file__).resolve().parents[3]


def test_the_readme_sample_is_the_checked_file():
    readme = (ROOT / "ios" / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```swift\n(.*?)```", readme, flags=re.DOTALL)
    assert len(blocks) == 1, "one Swift sample in ios/README.md"
    sample = (ROOT / "ios" / "Samples" / "QuickStart.swift").read_text(encoding="utf-8")
    assert blocks[0].strip() in sample, "ios/README.md's sample differs from ios/Samples/QuickStart.swift"
