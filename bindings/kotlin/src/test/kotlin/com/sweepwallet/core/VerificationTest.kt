package com.sweepwallet.core

import java.nio.file.Path
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** Identity from Kotlin: the tier caps the plan until a session verifies the ID. */
class VerificationTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun `a verified ID lifts the tier's cap`() = runBlocking<Unit> {
        val sandbox = System.getenv("SWEEP_SANDBOX_URL")?.takeIf { it.isNotBlank() }
        if (sandbox == null) skip("SWEEP_SANDBOX_URL not set (cargo xtask test sets it)")
        assumeTrue(sandbox != null)
        val wallet = Wallet.open(walletConfig(dir.resolve("w")), InMemoryKeyProvider())
        try {
            linkSandboxToss(wallet, sandbox!!, 1_000_000L)
            wallet.refreshFeeSchedule("$sandbox/sweep-provider/v1")
            assertEquals(Tier.UNVERIFIED, wallet.identity().tier)
            val request = PlanRequest("KRW", Speed.STANDARD, null, null)
            assertEquals(200_000L, wallet.plan(request).totalGross.amount.minorUnits)

            val session = wallet.startVerification(DocumentType.NATIONAL_ID)
            assertEquals(VerificationStatus.CREATED, session.status)
            val photo = dir.resolve("id.jpg").toString()
            writeSampleCapture(photo, true)
            wallet.submitCapture(CaptureSubmission(photo, DocumentType.NATIONAL_ID, DocumentSide.FRONT, session.uploadUrl), null)
            assertEquals(VerificationStatus.PROCESSING, wallet.verificationStatus(session.sessionId).status)
            assertEquals(VerificationStatus.VERIFIED, wallet.verificationStatus(session.sessionId).status)
            assertEquals(Tier.ID_VERIFIED, wallet.identity().tier)
            assertEquals(1_000_000L, wallet.plan(request).totalGross.amount.minorUnits)
            closeDatabase(wallet)
        } finally {
            wallet.close()
        }
    }
}
