package com.sweepwallet.app

import com.sweepwallet.core.LinkRequest
import com.sweepwallet.core.OAuthConfig
import com.sweepwallet.core.SourceEndpoint
import com.sweepwallet.core.SourceKind

/**
 * The sources the app offers to link. Each names its API and its OAuth
 * sign-in: a public client with PKCE, so there is no client secret in the
 * app. These entries point at example hosts; an app team lists the
 * platforms, banks and operators it has agreements with. Their names are
 * string resources, so a source is linked under its name in the phone's
 * language (the wallet keeps that name).
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

    /**
     * One source on offer: [name] is the string resource of its name (res/values
     * and values-ko), and [request] links it under the name as the user reads it.
     */
    class Offer(val name: Int, val request: (shownName: String) -> LinkRequest)

    val offers: List<Offer> = listOf(
        Offer(R.string.source_game_wallet) { shownName ->
            LinkRequest(
                name = shownName,
                kind = SourceKind.GAME_CREDITS,
                endpoint = SourceEndpoint.SourceApi(baseUrl = "https://games.example/sweep/v1"),
                oauth = oauth("https://id.games.example", listOf("balances:read")),
            )
        },
        Offer(R.string.source_example_bank) { shownName ->
            LinkRequest(
                name = shownName,
                kind = SourceKind.BANK,
                endpoint = SourceEndpoint.OpenBanking(aispBaseUrl = "https://bank.example/open-banking/v4.0/aisp", accountId = null),
                oauth = oauth("https://auth.bank.example", listOf("accounts")),
            )
        },
        Offer(R.string.source_phone_bill) { shownName ->
            LinkRequest(
                name = shownName,
                kind = SourceKind.CARRIER_BILLING,
                endpoint = SourceEndpoint.CarrierBilling(
                    billingBaseUrl = "https://operator.example/carrier-billing/v0.5",
                    refundBaseUrl = "https://operator.example/carrier-billing-refund/v0.3",
                ),
                oauth = oauth("https://auth.operator.example", listOf("carrier-billing")),
            )
        },
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
