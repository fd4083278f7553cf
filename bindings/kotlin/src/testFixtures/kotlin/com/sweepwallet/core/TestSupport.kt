package com.sweepwallet.core

import java.nio.file.Path
import java.security.GeneralSecurityException
import java.security.SecureRandom
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * A [KeyProvider] as an app would write one, with its key-encryption key held
 * in memory instead of Android Keystore. Wrapped form: `iv (12) || ciphertext+tag`.
 *
 * It records what Sweep asked of it, so tests can check how the core uses it.
 */
class InMemoryKeyProvider(private val kek: SecretKey = newKek()) : KeyProvider {
    val wrapCalls = AtomicInteger()
    val unwrapCalls = AtomicInteger()
    /** Threads the core called us on: it promises never the caller's. */
    val callThreads: MutableList<Thread> = CopyOnWriteArrayList()
    /** Every data key handed to us and every wrapped form we returned. */
    val dataKeys: MutableList<ByteArray> = CopyOnWriteArrayList()
    val wrappedKeys: MutableList<ByteArray> = CopyOnWriteArrayList()
    /** Set once the core asked for the key to be deleted (deleteAccount). */
    @Volatile var deleted = false
        private set

    override fun wrapDataKey(dataKey: ByteArray): ByteArray {
        wrapCalls.incrementAndGet()
        callThreads += Thread.currentThread()
        dataKeys += dataKey.copyOf()
        val iv = ByteArray(IV_BYTES).also(random::nextBytes)
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.ENCRYPT_MODE, kek, GCMParameterSpec(TAG_BITS, iv))
        return (iv + cipher.doFinal(dataKey)).also { wrappedKeys += it.copyOf() }
    }

    override fun deleteWrappingKey() {
        deleted = true
    }

    override fun unwrapDataKey(wrappedKey: ByteArray): ByteArray {
        unwrapCalls.incrementAndGet()
        callThreads += Thread.currentThread()
        if (deleted) throw SweepException.KeyUnavailable("the key was deleted")
        if (wrappedKey.size < IV_BYTES + TAG_BITS / 8) throw SweepException.WrongKey()
        return try {
            val cipher = Cipher.getInstance(TRANSFORMATION)
            cipher.init(Cipher.DECRYPT_MODE, kek, GCMParameterSpec(TAG_BITS, wrappedKey, 0, IV_BYTES))
            cipher.doFinal(wrappedKey, IV_BYTES, wrappedKey.size - IV_BYTES)
        } catch (e: GeneralSecurityException) {
            // AEADBadTagException for another key or altered bytes: the core's contract is WrongKey.
            throw SweepException.WrongKey()
        }
    }

    companion object {
        private const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val IV_BYTES = 12
        const val TAG_BITS = 128
        private val random = SecureRandom()

        fun newKek(): SecretKey = KeyGenerator.getInstance("AES").apply { init(256, random) }.generateKey()
    }
}

fun walletConfig(dir: Path, locale: String = "ko-KR") = WalletConfig(dataDir = dir.toString(), locale = locale)

/**
 * Sweep's own `Wallet.close()` (close the database; later calls fail with
 * `WalletClosed`), as opposed to uniffi's `AutoCloseable.close()` which frees
 * the handle. In Kotlin it is `closeDatabase()`: `uniffi.toml` renames it
 * because the two names clash (mozilla/uniffi-rs#2955).
 */
fun closeDatabase(wallet: Wallet) = wallet.closeDatabase()

/**
 * `assertThrows` for code that suspends: inline, so the block may call
 * suspend functions when the caller is in a coroutine (JUnit's takes a plain
 * lambda). Returns the exception for further checks.
 */
inline fun <reified T : Throwable> assertThrowsSuspending(what: String = "", block: () -> Unit): T {
    try {
        block()
    } catch (e: Throwable) {
        if (e is T) return e
        throw AssertionError("expected ${T::class.qualifiedName} $what but got $e", e)
    }
    throw AssertionError("expected ${T::class.qualifiedName} $what but nothing was thrown")
}
