package com.sweepwallet.app.presentation

import java.nio.file.Path
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.io.TempDir

/** A test of state holders: a folder for the wallet, and the scope they run in, cancelled after each test. */
abstract class ScopedTest {
    @TempDir
    lateinit var dir: Path

    protected val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

    @AfterEach
    fun stopScope() = scope.cancel()
}
