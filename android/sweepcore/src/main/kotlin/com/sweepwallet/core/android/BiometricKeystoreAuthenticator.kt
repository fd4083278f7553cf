package com.sweepwallet.core.android

import android.os.Build
import android.os.Handler
import android.os.Looper
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.security.keystore.KeyProperties
import androidx.biometric.BiometricManager
import androidx.biometric.BiometricPrompt
import androidx.fragment.app.FragmentActivity
import com.sweepwallet.core.Authenticator
import com.sweepwallet.core.SweepException
import java.lang.ref.WeakReference
import java.math.BigInteger
import java.security.KeyPairGenerator
import java.security.PrivateKey
import java.security.ProviderException
import java.security.PublicKey
import java.security.Signature
import java.security.interfaces.ECPublicKey
import java.security.spec.ECGenParameterSpec
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executor
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicReference

/**
 * Confirms each cash-out with the user's fingerprint or face: an ECDSA
 * P-256 key in Android Keystore that signs only right after a strong
 * biometric (Class 3), every single time.
 *
 * - [publicKey] creates the key on first use (that needs no biometric, but
 *   the phone must have one enrolled) and returns its public half as the
 *   65-byte uncompressed point `0x04 || X || Y`, which the wallet registers.
 *   A key that the phone invalidated (a fingerprint or face was added or
 *   removed) is replaced, so registering again after that makes it usable.
 * - [sign] shows BiometricPrompt with [prompt][sign] (the exact amount and
 *   payee, worded by the core) and, once the user confirms, signs the
 *   32-byte confirmation digest with `SHA256withECDSA`: the digest is the
 *   message, hashed once more, which is what the core verifies
 *   (ECDSA P-256 with SHA-256 over those bytes). The result is ASN.1 DER.
 *
 * Threads: the core calls [sign] (and [publicKey]) on one of its own
 * background threads, never on the main thread. [sign] posts the prompt to
 * the main thread and blocks its calling thread on a [CountDownLatch]
 * until the user answers, the prompt is dismissed, or [timeoutSeconds]
 * pass. Calling [sign] on the main thread would deadlock, so it is refused
 * with [SweepException.Internal].
 *
 * Errors are Sweep's own: [SweepException.AuthenticationFailed] when the
 * user cancels, or the prompt cannot be shown or times out;
 * [SweepException.KeyUnavailable] when the key cannot be made or used (no
 * biometric enrolled, too many attempts, the enrolled biometrics changed
 * and invalidated the key, no biometric hardware).
 *
 * Hold the activity weakly: the authenticator may outlive a configuration
 * change. Make a new one for each activity; instances with the same
 * [alias] share one key.
 *
 * @param activity the activity that hosts the prompt.
 * @param alias the Keystore alias of the signing key.
 * @param title the prompt's title; the core's [sign] prompt is its description.
 * @param timeoutSeconds how long [sign] waits for the user before giving up.
 * @param preferStrongBox make the key in StrongBox when the phone has it.
 */
class BiometricKeystoreAuthenticator @JvmOverloads constructor(
    activity: FragmentActivity,
    private val alias: String = DEFAULT_ALIAS,
    private val title: String = "Confirm the cash-out",
    private val timeoutSeconds: Long = 120,
    private val preferStrongBox: Boolean = true,
) : Authenticator {
    private val host = WeakReference(activity)
    private val main = Handler(Looper.getMainLooper())
    private val mainExecutor = Executor { main.post(it) }

    override fun publicKey(): ByteArray = keystore("make the confirmation key") {
        uncompressedPoint((usableKey() ?: generate()) as ECPublicKey)
    }

    override fun sign(prompt: String, digest: ByteArray): ByteArray {
        if (Looper.myLooper() == Looper.getMainLooper()) {
            throw SweepException.Internal("BiometricKeystoreAuthenticator.sign must not run on the main thread")
        }
        val signature = keystore("start signing") {
            val key = androidKeyStore().getKey(alias, null) as PrivateKey?
                ?: throw SweepException.KeyUnavailable("no confirmation key: register the authenticator first")
            try {
                Signature.getInstance(SIGNATURE_ALGORITHM).apply { initSign(key) }
            } catch (e: KeyPermanentlyInvalidatedException) {
                // A fingerprint or face was added or removed: this key can never
                // sign again. Drop it; registering again makes a new one.
                androidKeyStore().deleteEntry(alias)
                throw SweepException.KeyUnavailable(
                    "the biometrics on this phone changed, so the confirmation key was reset; register it again",
                )
            }
        }
        val authorized = authenticate(prompt, signature)
        return keystore("sign") {
            authorized.update(digest)
            authorized.sign()
        }
    }

    /** Deletes the signing key (for "erase this wallet"). */
    fun deleteKey() {
        keystore("delete the confirmation key") { androidKeyStore().deleteEntry(alias) }
    }

    /**
     * Shows the prompt on the main thread and waits on this (background)
     * thread for the answer. Returns the [Signature], now authorized for one
     * operation.
     */
    private fun authenticate(prompt: String, signature: Signature): Signature {
        val answered = CountDownLatch(1)
        val outcome = AtomicReference<Result<Signature>?>(null)
        val shown = AtomicReference<BiometricPrompt?>(null)
        fun finish(result: Result<Signature>) {
            if (outcome.compareAndSet(null, result)) answered.countDown()
        }

        main.post {
            val current = host.get()
            if (current == null || current.isFinishing || current.isDestroyed) {
                finish(Result.failure(SweepException.AuthenticationFailed("Sweep is not on screen to ask for confirmation")))
                return@post
            }
            val callback = object : BiometricPrompt.AuthenticationCallback() {
                override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) {
                    val authorized = result.cryptoObject?.signature
                    finish(
                        if (authorized != null) {
                            Result.success(authorized)
                        } else {
                            Result.failure(SweepException.AuthenticationFailed("the prompt returned no signing key"))
                        },
                    )
                }

                override fun onAuthenticationError(errorCode: Int, errString: CharSequence) {
                    finish(Result.failure(refusal(errorCode, errString)))
                }

                // onAuthenticationFailed (a finger or face not recognised) is not
                // final: the prompt stays up and the user tries again.
            }
            try {
                val biometricPrompt = BiometricPrompt(current, mainExecutor, callback)
                shown.set(biometricPrompt)
                biometricPrompt.authenticate(promptInfo(prompt), BiometricPrompt.CryptoObject(signature))
            } catch (e: RuntimeException) {
                // For example IllegalStateException after onSaveInstanceState.
                finish(Result.failure(SweepException.AuthenticationFailed("the confirmation prompt could not be shown")))
            }
        }

        val inTime = try {
            answered.await(timeoutSeconds, TimeUnit.SECONDS)
        } catch (e: InterruptedException) {
            Thread.currentThread().interrupt()
            false
        }
        if (!inTime) {
            finish(Result.failure(SweepException.AuthenticationFailed("no confirmation within $timeoutSeconds seconds")))
            main.post { shown.get()?.cancelAuthentication() }
        }
        return checkNotNull(outcome.get()).getOrThrow()
    }

    private fun promptInfo(prompt: String): BiometricPrompt.PromptInfo =
        BiometricPrompt.PromptInfo.Builder()
            .setTitle(title)
            .setDescription(prompt)
            .setNegativeButtonText("Cancel")
            // A CryptoObject needs a Class 3 biometric; no PIN fallback.
            .setAllowedAuthenticators(BiometricManager.Authenticators.BIOMETRIC_STRONG)
            .setConfirmationRequired(true)
            .build()

    private fun refusal(errorCode: Int, message: CharSequence): SweepException = when (errorCode) {
        BiometricPrompt.ERROR_USER_CANCELED,
        BiometricPrompt.ERROR_NEGATIVE_BUTTON,
        BiometricPrompt.ERROR_CANCELED,
        BiometricPrompt.ERROR_TIMEOUT,
        -> SweepException.AuthenticationFailed("the cash-out was not confirmed ($message)")

        BiometricPrompt.ERROR_LOCKOUT,
        BiometricPrompt.ERROR_LOCKOUT_PERMANENT,
        BiometricPrompt.ERROR_NO_BIOMETRICS,
        BiometricPrompt.ERROR_HW_NOT_PRESENT,
        BiometricPrompt.ERROR_HW_UNAVAILABLE,
        -> SweepException.KeyUnavailable("biometric confirmation is unavailable: $message")

        else -> SweepException.AuthenticationFailed("biometric confirmation failed: $message")
    }

    /**
     * The existing key's public half, or null when there is none or it can
     * never sign again (the enrolled biometrics changed); such a key is
     * deleted so a new one can be made and registered.
     */
    private fun usableKey(): PublicKey? {
        val store = androidKeyStore()
        val signing = store.getKey(alias, null) as PrivateKey? ?: return null
        return try {
            // Needs no biometric (that comes with the operation), but fails
            // at once on a permanently invalidated key.
            Signature.getInstance(SIGNATURE_ALGORITHM).initSign(signing)
            store.getCertificate(alias)?.publicKey
        } catch (e: KeyPermanentlyInvalidatedException) {
            store.deleteEntry(alias)
            null
        }
    }

    /** Makes the key once; racing threads get the same key. Returns its public half. */
    private fun generate(): PublicKey = synchronized(lock) {
        usableKey()?.let { return it }
        val strongBox = preferStrongBox && Build.VERSION.SDK_INT >= Build.VERSION_CODES.P
        try {
            generate(strongBox)
        } catch (e: ProviderException) {
            // StrongBoxUnavailableException is a ProviderException.
            if (strongBox) generate(strongBox = false) else throw e
        }
    }

    private fun generate(strongBox: Boolean): PublicKey {
        val spec = KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_SIGN or KeyProperties.PURPOSE_VERIFY)
            .setAlgorithmParameterSpec(ECGenParameterSpec("secp256r1"))
            .setDigests(KeyProperties.DIGEST_SHA256)
            .setUserAuthenticationRequired(true)
            // Adding a fingerprint or face must not quietly grant the new one
            // the right to confirm cash-outs.
            .setInvalidatedByBiometricEnrollment(true)
            .apply {
                if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.R) {
                    // 0 seconds: every signature needs its own strong biometric.
                    setUserAuthenticationParameters(0, KeyProperties.AUTH_BIOMETRIC_STRONG)
                } else {
                    // Before API 30, -1 means the same: authentication for every use.
                    @Suppress("DEPRECATION")
                    setUserAuthenticationValidityDurationSeconds(-1)
                }
                if (strongBox && Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) setIsStrongBoxBacked(true)
            }
            .build()
        return KeyPairGenerator.getInstance(KeyProperties.KEY_ALGORITHM_EC, ANDROID_KEYSTORE).run {
            initialize(spec)
            generateKeyPair().public
        }
    }

    companion object {
        /** The alias used when none is given. */
        const val DEFAULT_ALIAS = "com.sweepwallet.core.confirmation-key"

        private const val SIGNATURE_ALGORITHM = "SHA256withECDSA"
        private val lock = Any()

        /** `0x04 || X || Y`, each coordinate as exactly 32 big-endian bytes. */
        internal fun uncompressedPoint(key: ECPublicKey): ByteArray =
            byteArrayOf(4) + coordinate(key.w.affineX) + coordinate(key.w.affineY)

        private fun coordinate(value: BigInteger): ByteArray {
            // toByteArray may add a leading sign byte or be shorter than 32 bytes.
            val raw = value.toByteArray()
            val out = ByteArray(32)
            val length = minOf(raw.size, 32)
            System.arraycopy(raw, raw.size - length, out, 32 - length, length)
            return out
        }
    }
}
