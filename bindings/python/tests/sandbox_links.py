"""Links the sandbox's Toss wallet the way an app does, for the tests that
need money Sweep can collect: a typed-in balance is tracked only and is
never cashed out, so withdrawals and quotes need a linked source whose
grant includes `transfers:write`."""

from __future__ import annotations

import http.client
import json
import urllib.parse
import urllib.request

from sweep import LinkRequest, LinkResult, OAuthConfig, SourceEndpoint, SourceKind

REDIRECT = "com.sweepwallet.test:/oauth/callback"


def top_up(sandbox: str, platform: str, won: int) -> None:
    """Sets a sandbox platform's balance, as a top-up at the platform would."""
    request = urllib.request.Request(
        f"{sandbox}/_sandbox/platforms/{platform}/balance",
        data=json.dumps({"minor_units": won}).encode(),
        headers={"content-type": "application/json"},
        method="PUT",
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 204, answer.status


def _callback(authorize_url: str) -> str:
    """Plays the browser: the sandbox's issuer approves at once and redirects
    straight back to the app."""
    url = urllib.parse.urlsplit(authorize_url)
    connection = http.client.HTTPConnection(url.netloc, timeout=10)
    connection.request("GET", f"{url.path}?{url.query}")
    answer = connection.getresponse()
    location = answer.getheader("location") or ""
    connection.close()
    assert location.startswith(REDIRECT), location
    return location


def _oauth(sandbox: str, platform: str, scopes: list) -> OAuthConfig:
    """The tests' public client at one of the sandbox's OAuth issuers."""
    issuer = f"{sandbox}/oauth/{platform}"
    return OAuthConfig(
        issuer=issuer,
        authorize_endpoint=f"{issuer}/authorize",
        token_endpoint=f"{issuer}/token",
        client_id="sweep-test",
        redirect_uri=REDIRECT,
        scopes=scopes,
    )


async def link_sandbox_toss(wallet, sandbox: str, won: int, name: str = "Toss") -> int:
    """Tops the sandbox's Toss wallet up to `won`, links it with the
    transfer scope and syncs it; returns the source id."""
    return await link_sandbox_platform(wallet, sandbox, "sandbox-toss", won, name)


async def link_sandbox_platform(wallet, sandbox: str, platform: str, won: int, name: str) -> int:
    """The same for any of the sandbox's Source API platforms."""
    return (await link_sandbox_platform_result(wallet, sandbox, platform, won, name)).source_id


async def link_sandbox_platform_result(
    wallet, sandbox: str, platform: str, won: int, name: str, replaces_source_id: int | None = None
) -> LinkResult:
    """Links a sandbox Source API platform the same way and says what linking
    did: a new source, or the typed-in balance it took over
    (`replaces_source_id`, or else one of the same kind under the same name),
    which keeps its id and history so its money counts once."""
    top_up(sandbox, platform, won)
    oauth = _oauth(sandbox, platform, ["balances:read", "transfers:write"])
    endpoint = SourceEndpoint.SOURCE_API(base_url=f"{sandbox}/sweep/v1")
    request = LinkRequest(name=name, kind=SourceKind.WALLET, endpoint=endpoint, oauth=oauth, replaces_source_id=replaces_source_id)
    linked = await wallet.complete_link(_callback(wallet.begin_link(request)))
    assert all(r.synced for r in await wallet.sync())
    return linked


async def link_sandbox_bank(wallet, sandbox: str, won: int) -> int:
    """Tops the sandbox bank's KRW account up to `won` and links that account
    over Open Banking; returns the source id."""
    top_up(sandbox, "sandbox-bank", won)
    oauth = _oauth(sandbox, "sandbox-bank", ["accounts"])
    endpoint = SourceEndpoint.OPEN_BANKING(aisp_base_url=f"{sandbox}/open-banking/v4.0/aisp", account_id="acc-1003")
    url = wallet.begin_link(LinkRequest(name="Bank", kind=SourceKind.BANK, endpoint=endpoint, oauth=oauth))
    source_id = (await wallet.complete_link(_callback(url))).source_id
    assert all(r.synced for r in await wallet.sync())
    return source_id


def approve_at_bank(authorize_url: str) -> str:
    """The user approves a bank payment: the sandbox bank approves at once."""
    assert "openbanking_intent_id=" in authorize_url
    return _callback(authorize_url)
