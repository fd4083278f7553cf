package com.sweepwallet.core.android

import com.sweepwallet.core.SweepException
import java.security.GeneralSecurityException
import java.security.KeyStore
import java.security.ProviderException

/** The Android Keystore provider's name. */
internal const val ANDROID_KEYSTORE = "AndroidKeyStore"

/** Android Keystore, loaded. */
internal fun androidKeyStore(): KeyStore = KeyStore.getInstance(ANDROID_KEYSTORE).apply { load(null) }

/**
 * Runs a Keystore step, turning its failures into
 * [SweepException.KeyUnavailable] (the core's own errors pass through).
 * Shared by [KeystoreKeyProvider] and [BiometricKeystoreAuthenticator].
 */
internal inline fun <T> keystore(what: String, step: () -> T): T = try {
    step()
} catch (e: SweepException) {
    throw e
} catch (e: GeneralSecurityException) {
    throw SweepException.KeyUnavailable("Android Keystore could not $what: ${e.javaClass.simpleName}")
} catch (e: ProviderException) {
    throw SweepException.KeyUnavailable("Android Keystore could not $what: ${e.javaClass.simpleName}")
} catch (e: IllegalStateException) {
    // For example "at least one biometric must be enrolled".
    throw SweepException.KeyUnavailable("Android Keystore could not $what: ${e.message ?: e.javaClass.simpleName}")
}
