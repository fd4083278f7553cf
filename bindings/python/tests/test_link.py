"""Linking a source with OAuth (Authorization Code + PKCE) against the real
oidc-provider and the sandbox that `cargo xtask test` starts. urllib with a
cookie jar plays the browser."""

from __future__ import annotations

import asyncio
import http.cookiejar
import json
import os
import urllib.parse
import urllib.request

import pytest
from sandbox_links import top_up

from sweep import LinkOutcome, LinkRequest, OAuthConfig, SourceEndpoint, SourceKind, SweepError, Wallet, WalletConfig

REDIRECT = "com.sweepwallet.app:/oauth/callback"
ISSUER = os.environ.get("SWEEP_OIDC_ISSUER", "").strip()
SANDBOX = os.environ.get("SWEEP_SANDBOX_URL", "").strip()
if not (ISSUER and SANDBOX):
    print("skip: SWEEP_OIDC_ISSUER/SWEEP_SANDBOX_URL not set (cargo xtask test sets them)")
pytestmark = pytest.mark.skipif(not (ISSUER and SANDBOX), reason="cargo xtask test starts oidc-provider and the sandbox")


class _Stop(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _browse(authorize_url: str) -> str:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _Stop)
    url = authorize_url
    for _ in range(10):
        try:
            opener.open(url)
        except urllib.error.HTTPError as redirect:
            location = redirect.headers["Location"]
            if location.startswith(REDIRECT):
                return location
            url = urllib.parse.urljoin(url, location)
    raise AssertionError("the provider never sent the user back")


def _knobs(body: dict) -> None:
    request = urllib.request.Request(
        f"{SANDBOX}/_sandbox/knobs", data=json.dumps(body).encode(), method="PUT", headers={"content-type": "application/json"}
    )
    assert urllib.request.urlopen(request).status == 200


def test_link_with_pkce_then_sync(tmp_path, key_provider):
    _knobs({"any_token_as": "sandbox-toss"})
    oauth = OAuthConfig(
        issuer=ISSUER,
        authorize_endpoint=f"{ISSUER}/auth",
        token_endpoint=f"{ISSUER}/token",
        client_id="sweep-app",
        redirect_uri=REDIRECT,
        scopes=["offline_access", "balances:read"],
    )

    async def run():
        wallet = await Wallet.open(WalletConfig(data_dir=str(tmp_path / "w"), locale="ko-KR"), key_provider)
        try:
            top_up(SANDBOX, "sandbox-toss", 12_340)  # other tests move the shared sandbox's balance
            url = wallet.begin_link(LinkRequest(name="Toss wallet", kind=SourceKind.WALLET, endpoint=SourceEndpoint.SOURCE_API(base_url=f"{SANDBOX}/sweep/v1"), oauth=oauth))
            callback = _browse(url)
            linked = await wallet.complete_link(callback)
            assert linked.outcome == LinkOutcome.LINKED(), "a new source: nothing typed in to take over"
            assert linked.note is None, "a plain link needs no explaining"
            source_id = linked.source_id
            with pytest.raises(SweepError.InvalidInput) as replay:
                await wallet.complete_link(callback)
            assert replay.value.field == "state"
            results = await wallet.sync()
            assert [r.synced for r in results if r.source_id == source_id] == [True]
            assert [s.balance.formatted for s in (await wallet.dashboard()).sources] == ["12,340원"]
        finally:
            wallet.close()
            _knobs({})

    asyncio.run(run())
