package com.sweepwallet.app

import com.sweepwallet.core.LinkRequest
import com.sweepwallet.core.OAuthConfig
import com.sweepwallet.core.SourceEndpoint
import com.sweepwallet.core.SourceKind

/**
 * The sources the app offers to link. Each names its API and its OAuth
 * sign-in: a public client with PKCE, so there is no client secret in the
 * app. These entries point at example hosts; an app team lists the
 * platforms, banks and operators it has agreements with.
 */
object SourceCatalog {
    /** Where every sign-in comes back to; MainActivity's intent filter catches it. */
    const val REDIRECT_URI = "com.sweepwallet.app:/oauth/callback"
    const val REDIRECT_SCHEME = "com.sweepwallet.app"
    const val REDIRECT_PATH = "/oauth/callback"

    /** The cash-out provider's API (fees, quotes, withdrawals); an example host. */
    const val PROVIDER_URL = "https://provider.example/sweep-provider/v1"

    /**
     * The linked operator's CAMARA Number Verification API, on the
     * operator's own host (the core sends the operator's token nowhere else).
     */
    const val NUMBER_VERIFICATION_URL = "https://operator.example/number-verification/v2"

    val offers: List<LinkRequest> = listOf(
        LinkRequest(
            name = "Game wallet",
            kind = SourceKind.GAME_CREDITS,
            endpoint = SourceEndpoint.SourceApi(baseUrl = "https://games.example/sweep/v1"),
            oauth = oauth("https://id.games.example", listOf("balances:read")),
        ),
        LinkRequest(
            name = "Example Bank",
            kind = SourceKind.BANK,
            endpoint = SourceEndpoint.OpenBanking(aispBaseUrl = "https://bank.example/open-banking/v4.0/aisp", accountId = null),
            oauth = oauth("https://auth.bank.example", listOf("accounts")),
        ),
        LinkRequest(
            name = "Phone bill credit",
            kind = SourceKind.CARRIER_BILLING,
            endpoint = SourceEndpoint.CarrierBilling(
                billingBaseUrl = "https://operator.example/carrier-billing/v0.5",
                refundBaseUrl = "https://operator.example/carrier-billing-refund/v0.3",
            ),
            oauth = oauth("https://auth.operator.example", listOf("carrier-billing")),
        ),
    )

    /** An OAuth configuration with the usual endpoint paths under [issuer]. */
    private fun oauth(issuer: String, scopes: List<String>) = OAuthConfig(
        issuer = issuer,
        authorizeEndpoint = "$issuer/authorize",
        tokenEndpoint = "$issuer/token",
        clientId = "sweep-android",
        redirectUri = REDIRECT_URI,
        scopes = scopes,
    )
}
