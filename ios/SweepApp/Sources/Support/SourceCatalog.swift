import SweepCore

/// The sources the app offers to link. Each names its API and its OAuth
/// sign-in (a public client with PKCE: there is no client secret in the
/// app). These entries point at example hosts: an app team lists the
/// platforms, banks and operators it has agreements with. Their names come
/// from the string catalog, so a source is linked under its name in the
/// phone's language (the wallet keeps that name), as on Android.
enum SourceCatalog {
    /// Where every sign-in comes back to; `ASWebAuthenticationSession`
    /// catches this scheme.
    static let redirectUri = "com.sweepwallet.app:/oauth/callback"

    /// The cash-out provider's API (fees and tiers, quotes, withdrawals);
    /// an example host, the same as Android's.
    static let providerUrl = "https://provider.example/sweep-provider/v1"

    /// The operator's CAMARA Number Verification API, for the first run's
    /// phone check. The core sends the operator's token only to the host
    /// of the linked operator's billing API, so it is that host below.
    static let numberVerificationUrl = "https://operator.example/number-verification/v2"

    /// The offers shown on the link screen.
    static let offers: [LinkRequest] = [
        LinkRequest(
            name: L10n.text("source.gameWallet"),
            kind: .gameCredits,
            endpoint: .sourceApi(baseUrl: "https://games.example/sweep/v1"),
            oauth: oauth(issuer: "https://id.games.example", clientId: "sweep-ios", scopes: ["balances:read"])
        ),
        LinkRequest(
            name: L10n.text("source.exampleBank"),
            kind: .bank,
            endpoint: .openBanking(aispBaseUrl: "https://bank.example/open-banking/v4.0/aisp", accountId: nil),
            oauth: oauth(issuer: "https://auth.bank.example", clientId: "sweep-ios", scopes: ["accounts"])
        ),
        LinkRequest(
            name: L10n.text("source.phoneBill"),
            kind: .carrierBilling,
            endpoint: .carrierBilling(
                billingBaseUrl: "https://operator.example/carrier-billing/v0.5",
                refundBaseUrl: "https://operator.example/carrier-billing-refund/v0.3"
            ),
            oauth: oauth(issuer: "https://auth.operator.example", clientId: "sweep-ios", scopes: ["carrier-billing"])
        ),
    ]

    /// An OAuth configuration with the usual endpoint paths under `issuer`.
    private static func oauth(issuer: String, clientId: String, scopes: [String]) -> OAuthConfig {
        OAuthConfig(
            issuer: issuer,
            authorizeEndpoint: issuer + "/authorize",
            tokenEndpoint: issuer + "/token",
            clientId: clientId,
            redirectUri: redirectUri,
            scopes: scopes
        )
    }
}
