package com.sweepwallet.core.android

import android.content.Context
import android.content.pm.PackageManager
import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import com.sweepwallet.core.KeyProvider
import com.sweepwallet.core.SweepException
import java.security.ProviderException
import javax.crypto.AEADBadTagException
import javax.crypto.BadPaddingException
import javax.crypto.Cipher
import javax.crypto.IllegalBlockSizeException
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * Keeps Sweep's data key wrapped by an AES-256-GCM key that lives in Android
 * Keystore and never leaves it (in StrongBox when the phone has one).
 *
 * The wrapped form Sweep stores is `iv (12 bytes) || ciphertext and tag`.
 * Keystore picks a fresh random IV for every wrap
 * (`setRandomizedEncryptionRequired(true)`), so no IV is ever reused.
 *
 * Errors are Sweep's own: [SweepException.WrongKey] when wrapped bytes do
 * not open with this key (tampered, truncated, or wrapped by another key),
 * [SweepException.KeyUnavailable] when Keystore has no key under [alias]
 * or refuses to use it.
 *
 * Threads: Sweep calls both methods on one of its background threads, once
 * when a wallet is opened or created. They block on Keystore (tens of
 * milliseconds, more with StrongBox) and may be called from any thread
 * except, by Android's rules for slow work, the main one.
 *
 * @param alias the Keystore alias of the key-encryption key; one per wallet.
 * @param preferStrongBox put a new key in StrongBox when the phone has it,
 *   falling back to the TEE when StrongBox refuses.
 */
class KeystoreKeyProvider @JvmOverloads constructor(
    context: Context,
    private val alias: String = DEFAULT_ALIAS,
    preferStrongBox: Boolean = true,
) : KeyProvider {
    private val strongBox = preferStrongBox &&
        Build.VERSION.SDK_INT >= Build.VERSION_CODES.P &&
        context.packageManager.hasSystemFeature(PackageManager.FEATURE_STRONGBOX_KEYSTORE)

    override fun wrapDataKey(dataKey: ByteArray): ByteArray = keystore("wrap the data key") {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.ENCRYPT_MODE, existingKey() ?: createKey())
        cipher.updateAAD(AAD)
        val iv = cipher.iv
        if (iv == null || iv.size != IV_BYTES) {
            throw SweepException.KeyUnavailable("Android Keystore chose an unexpected GCM nonce")
        }
        iv + cipher.doFinal(dataKey)
    }

    override fun unwrapDataKey(wrappedKey: ByteArray): ByteArray {
        if (wrappedKey.size < IV_BYTES + TAG_BYTES) throw SweepException.WrongKey()
        val key = keystore("read the key") { existingKey() }
            ?: throw SweepException.KeyUnavailable("Android Keystore has no key for this wallet ($alias)")
        return keystore("unwrap the data key") {
            try {
                val cipher = Cipher.getInstance(TRANSFORMATION)
                cipher.init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(TAG_BYTES * 8, wrappedKey, 0, IV_BYTES))
                cipher.updateAAD(AAD)
                cipher.doFinal(wrappedKey, IV_BYTES, wrappedKey.size - IV_BYTES)
            } catch (e: AEADBadTagException) {
                throw SweepException.WrongKey()
            } catch (e: BadPaddingException) {
                throw SweepException.WrongKey()
            } catch (e: IllegalBlockSizeException) {
                throw SweepException.WrongKey()
            }
        }
    }

    /** Deletes the key: every wallet it wrapped becomes unreadable. For "erase this wallet". */
    fun deleteKey() {
        keystore("delete the key") { androidKeyStore().deleteEntry(alias) }
    }

    /** `Wallet.deleteAccount` crypto-shreds the wallet through this: [deleteKey]. */
    override fun deleteWrappingKey() = deleteKey()

    private fun existingKey(): SecretKey? = androidKeyStore().getKey(alias, null) as SecretKey?

    /** Creates the key once; two threads racing here get the same key. */
    private fun createKey(): SecretKey = synchronized(lock) {
        existingKey() ?: if (strongBox) {
            try {
                generate(strongBox = true)
            } catch (e: ProviderException) {
                // StrongBoxUnavailableException (a ProviderException): the chip
                // refused this key; the TEE still keeps it out of the app's memory.
                generate(strongBox = false)
            }
        } else {
            generate(strongBox = false)
        }
    }

    private fun generate(strongBox: Boolean): SecretKey {
        val spec = KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
            .setKeySize(256)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setRandomizedEncryptionRequired(true)
            .apply { if (strongBox && Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) setIsStrongBoxBacked(true) }
            .build()
        return KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, ANDROID_KEYSTORE).run {
            init(spec)
            generateKey()
        }
    }

    companion object {
        /** The alias used when none is given. */
        const val DEFAULT_ALIAS = "com.sweepwallet.core.data-key-kek"

        private const val TRANSFORMATION = "AES/GCM/NoPadding"
        private const val IV_BYTES = 12
        private const val TAG_BYTES = 16

        /** Binds every wrapped key to its purpose: bytes sealed for anything else never open here. */
        private val AAD = "sweep/data-key/v1".toByteArray(Charsets.US_ASCII)
        private val lock = Any()
    }
}
