package com.sweepwallet.core

import java.nio.file.Path
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** Runs docs/app-guide.md's JVM example against the sandbox, end to end. */
class ConsumerExampleTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun `the guide's example cashes out from open to completed`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        topUpSandbox(sandbox!!, "sandbox-toss", 40_000L)
        val setup = ExampleSetup(
            dataDir = dir.toString(),
            keys = InMemoryKeyProvider(),
            authenticator = P256Authenticator(),
            sourceApi = "$sandbox/sweep/v1",
            issuer = "$sandbox/oauth/sandbox-toss",
            provider = "$sandbox/sweep-provider/v1",
            signIn = { url -> browse(url) },
        )
        val done = cashOutExample(setup)
        assertEquals(WithdrawalState.COMPLETED, done.state, "$done")
        assertEquals("38,700원", done.net.formatted)
    }
}
