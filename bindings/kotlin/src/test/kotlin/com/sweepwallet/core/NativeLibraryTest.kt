package com.sweepwallet.core

import java.io.File
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/**
 * The tests must exercise the library the Rust build just produced. JNA falls
 * back to system paths and the class path when `jna.library.path` has no
 * match, which could silently test a stale copy; this makes that a failure.
 */
class NativeLibraryTest {
    @Test
    fun `the native library is the one in sweep_native_dir`() {
        val dir = System.getProperty("jna.library.path")
        assertTrue(!dir.isNullOrBlank(), "jna.library.path is not set: run through Maven (see pom.xml)")
        val expected = File(dir, System.mapLibraryName("sweep_ffi")).canonicalFile
        assertTrue(expected.isFile, "$expected does not exist: build sweep-ffi first")

        // Any call loads the library.
        assertEquals("$1.50", formatMoney(MinorAmount(150L, "USD"), "en-US"))

        val maps = File("/proc/self/maps")
        assumeTrue(maps.canRead(), "no /proc/self/maps on this OS: cannot see where the library came from")
        val loaded = maps.readLines()
            .mapNotNull { it.trim().split(Regex("\\s+"), limit = 6).getOrNull(5) }
            .filter { File(it).name.startsWith(System.mapLibraryName("sweep_ffi")) }
            .map { File(it.removeSuffix(" (deleted)")).canonicalFile }
            .toSet()
        assertEquals(setOf(expected), loaded, "libsweep_ffi was loaded from somewhere else")
    }

    /**
     * uniffi's start-up checksum check fails on 32-bit ARM Android even when
     * the library matches (mozilla/uniffi-rs#2939), so uniffi.toml turns it
     * off for Kotlin. The generated file then has no function that runs it.
     */
    @Test
    fun `the bindings skip the API checksum check that breaks 32-bit ARM Android`() {
        val generated = Class.forName("com.sweepwallet.core.SweepKt")
        val names = generated.declaredMethods.map { it.name }
        assertTrue(names.none { it.startsWith("uniffiCheckApiChecksums") }, "checksum check present: $names")
        assertTrue(names.any { it.startsWith("uniffiCheckContractApiVersion") }, "contract check missing: $names")
    }
}
