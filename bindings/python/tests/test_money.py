"""Free functions for money: format_money and parse_money."""

from __future__ import annotations

import pytest

from sweep import MinorAmount, SweepError, currency_minor_units, format_eta, format_money, format_time, parse_money


def test_currency_minor_units_are_iso_4217s():
    assert [currency_minor_units(code) for code in ("KRW", "USD", "BHD", "IQD")] == [0, 2, 3, 3]
    with pytest.raises(SweepError.UnknownCurrency):
        currency_minor_units("usd")


def test_format_money():
    dollars = MinorAmount(minor_units=150, currency_code="USD")
    assert format_money(dollars, "en-US") == "$1.50"
    assert format_money(MinorAmount(minor_units=5000, currency_code="KRW"), "ko-KR") == "5,000원"
    assert format_money(MinorAmount(minor_units=-5000, currency_code="KRW"), "ko-KR") == "-5,000원"
    assert format_money(MinorAmount(minor_units=5000, currency_code="KRW"), "en-US") == "₩5,000"

    assert format_money(MinorAmount(minor_units=123450, currency_code="EUR"), "de-DE") == "1.234,50\u00a0€"
    # Unknown locales fall back rather than fail.
    assert format_money(dollars, "th-TH") == "$1.50"

    # Round trips, including the extremes of i64.
    for amount, locale in [
        (dollars, "en-US"),
        (MinorAmount(minor_units=12340, currency_code="KRW"), "ko-KR"),
        (MinorAmount(minor_units=123450, currency_code="EUR"), "fr-FR"),
        (MinorAmount(minor_units=2**63 - 1, currency_code="USD"), "en-US"),
        (MinorAmount(minor_units=-(2**63), currency_code="KWD"), "de-DE"),
    ]:
        text = format_money(amount, locale)
        assert parse_money(text, amount.currency_code, locale) == amount, text

    # Finer than the minor unit is refused, never rounded.
    with pytest.raises(SweepError.SubMinorPrecision):
        parse_money("$1.505", "USD", "en-US")
    with pytest.raises(SweepError.UnparsableAmount):
        parse_money("$1.5x", "USD", "en-US")

    for bad in ("usd", "XXX", ""):
        with pytest.raises(SweepError.UnknownCurrency) as err:
            format_money(MinorAmount(minor_units=150, currency_code=bad), "en-US")
        assert err.value.code == bad
        with pytest.raises(SweepError.UnknownCurrency) as err:
            parse_money("1.50", bad, "en-US")
        assert err.value.code == bad


def test_times_and_payout_times_in_each_locale():
    # 2026-12-04T15:30Z is already the 5th in Korea.
    assert format_time(1_796_398_200_000, "ko-KR") == "2026년 12월 5일 00:30"
    assert format_time(1_796_398_200_000, "en-US") == "Dec 4, 2026, 15:30 UTC"
    assert format_eta(86_400, "ko-KR") == "약 24시간"
    assert format_eta(86_400, "en-US") == "about 24 hours"
