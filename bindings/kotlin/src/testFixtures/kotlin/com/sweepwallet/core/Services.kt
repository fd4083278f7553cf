package com.sweepwallet.core

import java.math.BigInteger
import java.net.CookieManager
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.security.KeyPair
import java.security.KeyPairGenerator
import java.security.Signature
import java.security.interfaces.ECPublicKey
import java.security.spec.ECGenParameterSpec

/**
 * Test fixtures shared by the binding tests and the presentation tests
 * (android/presentation): the services `cargo xtask test` starts, a
 * browser stand-in and an authenticator.
 */

/** An environment variable, or null when unset or blank. */
fun env(name: String): String? = System.getenv(name)?.takeIf { it.isNotBlank() }

/**
 * Says a test cannot run because [reason]: under `CI=true` a missing service
 * or variable fails the run; elsewhere one `skip:` line is printed.
 */
fun skip(reason: String) {
    check(System.getenv("CI") != "true") { "CI=true, and this test cannot run: $reason" }
    println("skip: $reason")
}

/** The sandbox provider's URL, or null after [skip] says why. */
fun sandboxOrSkip(): String? = env("SWEEP_SANDBOX_URL").also {
    if (it == null) skip("SWEEP_SANDBOX_URL not set (cargo xtask test sets it)")
}

/** Sets the sandbox's fault and behaviour knobs (`PUT /_sandbox/knobs`); `{}` resets them. */
fun setSandboxKnobs(sandbox: String, json: String) {
    val request = HttpRequest.newBuilder(URI.create("$sandbox/_sandbox/knobs"))
        .header("content-type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json))
        .build()
    val status = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode()
    check(status == 200) { "the sandbox refused the knobs: $status" }
}

/**
 * Plays the browser through an OAuth sign-in that approves at once, as
 * Custom Tabs would: follows redirects with a cookie jar until the
 * provider sends the user back to [redirect], and returns that URL.
 */
fun browse(authorizeUrl: String, redirect: String = "com.sweepwallet.app:/oauth/callback"): String {
    val browser = HttpClient.newBuilder().cookieHandler(CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build()
    var url = URI.create(authorizeUrl)
    repeat(10) {
        val response = browser.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.discarding())
        val location = response.headers().firstValue("location").orElseThrow()
        if (location.startsWith(redirect)) return location
        url = url.resolve(location)
    }
    error("the provider never sent the user back")
}

/**
 * An [Authenticator] with a P-256 key in memory, as one backed by Android
 * Keystore and BiometricPrompt would sign. It records each prompt.
 */
class P256Authenticator : Authenticator {
    private val pair: KeyPair = KeyPairGenerator.getInstance("EC").apply { initialize(ECGenParameterSpec("secp256r1")) }.generateKeyPair()
    val prompts = mutableListOf<String>()

    override fun publicKey(): ByteArray {
        val point = (pair.public as ECPublicKey).w
        fun fixed(n: BigInteger) = n.toByteArray().let { b -> ByteArray(32 - minOf(32, b.size)) + b.takeLast(32).toByteArray() }
        return byteArrayOf(4) + fixed(point.affineX) + fixed(point.affineY)
    }

    override fun sign(prompt: String, digest: ByteArray): ByteArray {
        prompts.add(prompt)
        return Signature.getInstance("SHA256withECDSA").run {
            initSign(pair.private)
            update(digest)
            sign()
        }
    }
}

/** Sets a sandbox platform's balance in won, as a top-up at the platform would. */
fun topUpSandbox(sandbox: String, platform: String, won: Long) {
    val request = HttpRequest.newBuilder(URI.create("$sandbox/_sandbox/platforms/$platform/balance"))
        .header("content-type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("""{"minor_units": $won}"""))
        .build()
    val status = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode()
    check(status == 204) { "the sandbox refused the balance: $status" }
}

/**
 * Links the sandbox's Toss wallet holding [won] the way an app does (OAuth
 * with PKCE at the sandbox's own issuer, asking for `transfers:write` so
 * that Sweep can collect it) and syncs it. Only linked, transfer-scoped
 * money can be cashed out: a typed-in balance is tracked only.
 */
suspend fun linkSandboxToss(wallet: Wallet, sandbox: String, won: Long, name: String = "Toss"): ULong =
    linkSandboxPlatform(wallet, sandbox, "sandbox-toss", won, name)

/** Links any of the sandbox's Source API platforms (`sandbox-kakaopay`, …) the same way. */
suspend fun linkSandboxPlatform(wallet: Wallet, sandbox: String, platform: String, won: Long, name: String): ULong =
    linkSandboxPlatformResult(wallet, sandbox, platform, won, name).sourceId

/**
 * Links a sandbox Source API platform the same way and says what linking
 * did ([LinkResult]): a new source, or the typed-in balance it took over,
 * [replacesSourceId] or else one of the same kind under the same name
 * (which keeps its id and history, so its money counts once).
 */
suspend fun linkSandboxPlatformResult(
    wallet: Wallet,
    sandbox: String,
    platform: String,
    won: Long,
    name: String,
    replacesSourceId: ULong? = null,
): LinkResult {
    topUpSandbox(sandbox, platform, won)
    val issuer = "$sandbox/oauth/$platform"
    val redirect = "com.sweepwallet.test:/oauth/callback"
    val oauth = OAuthConfig(issuer, "$issuer/authorize", "$issuer/token", "sweep-test", redirect, listOf("balances:read", "transfers:write"))
    val request = LinkRequest(name, SourceKind.WALLET, SourceEndpoint.SourceApi("$sandbox/sweep/v1"), oauth, replacesSourceId = replacesSourceId)
    val linked = wallet.completeLink(browse(wallet.beginLink(request), redirect))
    check(wallet.sync().all { it.synced }) { "the sandbox answers" }
    return linked
}

/**
 * Links the sandbox's mobile operator (carrier billing, OAuth with PKCE at
 * its issuer) as "SKT" and syncs it: phone-bill money, refundable to the
 * bill only, whose sign-in also serves the operator's Number Verification.
 */
suspend fun linkSandboxOperator(wallet: Wallet, sandbox: String): ULong {
    val issuer = "$sandbox/oauth/sandbox-operator"
    val redirect = "com.sweepwallet.test:/oauth/callback"
    val oauth = OAuthConfig(issuer, "$issuer/authorize", "$issuer/token", "sweep-test", redirect, listOf("carrier-billing"))
    val endpoint = SourceEndpoint.CarrierBilling("$sandbox/carrier-billing/v0.5", "$sandbox/carrier-billing-refund/v0.3")
    val id = wallet.completeLink(browse(wallet.beginLink(LinkRequest("SKT", SourceKind.CARRIER_BILLING, endpoint, oauth)), redirect)).sourceId
    wallet.sync()
    return id
}

/**
 * Links the sandbox bank's KRW account holding [won] over Open Banking (OAuth
 * with PKCE at the bank's issuer) and syncs it. Its money is a bank leg: a
 * payment the user approves at the bank.
 */
suspend fun linkSandboxBank(wallet: Wallet, sandbox: String, won: Long): ULong {
    topUpSandbox(sandbox, "sandbox-bank", won)
    val issuer = "$sandbox/oauth/sandbox-bank"
    val redirect = "com.sweepwallet.test:/oauth/callback"
    val oauth = OAuthConfig(issuer, "$issuer/authorize", "$issuer/token", "sweep-test", redirect, listOf("accounts"))
    val endpoint = SourceEndpoint.OpenBanking("$sandbox/open-banking/v4.0/aisp", "acc-1003")
    val id = wallet.completeLink(browse(wallet.beginLink(LinkRequest("Bank", SourceKind.BANK, endpoint, oauth)), redirect)).sourceId
    check(wallet.sync().all { it.synced }) { "the sandbox answers" }
    return id
}
