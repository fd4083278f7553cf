package com.sweepwallet.core

import java.awt.image.BufferedImage
import java.nio.file.Path
import java.util.concurrent.CopyOnWriteArrayList
import javax.imageio.ImageIO
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** ID capture from Kotlin: checks, typed refusals, and a tus upload to the sandbox. */
class CaptureTest {
    @TempDir
    lateinit var dir: Path

    class Progress : UploadListener {
        val seen = CopyOnWriteArrayList<UploadProgress>()
        override fun onProgress(progress: UploadProgress) {
            seen.add(progress)
        }
    }

    @Test
    fun `a photo is checked from its header and a small one gets advice`() = runBlocking<Unit> {
        val sample = dir.resolve("id.txt").toString() // the name does not matter
        writeSampleCapture(sample, true)
        val check = checkCapture(sample)
        assertEquals(ImageFormat.JPEG, check.format)
        assertEquals(1600u to 1000u, check.width to check.height)
        assertTrue(check.issues.isEmpty(), check.issues.toString())
        assertEquals(listOf("EXIF"), check.removedMetadata)

        val small = dir.resolve("small.png").toFile()
        val image = BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY)
        for (x in 0 until 300) for (y in 0 until 200) image.raster.setSample(x, y, 0, if ((x / 5 + y / 7) % 2 == 0) 20 else 200)
        ImageIO.write(image, "png", small)
        val advice = checkCapture(small.toString()).issues.map { it.kind }
        assertEquals(listOf(QualityIssueKind.TOO_SMALL), advice)
    }

    @Test
    fun `bad files are typed refusals`() = runBlocking<Unit> {
        val missing = assertThrows(SweepException.CaptureRejected::class.java) {
            runBlocking { checkCapture(dir.resolve("nope.jpg").toString()) }
        }
        assertEquals(CaptureProblem.MISSING, missing.problem)
        val folder = assertThrows(SweepException.CaptureRejected::class.java) { runBlocking { checkCapture(dir.toString()) } }
        assertEquals(CaptureProblem.NOT_A_FILE, folder.problem)
        val text = dir.resolve("notes.jpg").toFile().apply { writeText("not a photo") }
        val wrong = assertThrows(SweepException.CaptureRejected::class.java) { runBlocking { checkCapture(text.toString()) } }
        assertEquals(CaptureProblem.WRONG_TYPE, wrong.problem)
    }

    @Test
    fun `a capture uploads to the sandbox with progress`() = runBlocking<Unit> {
        val sandbox = System.getenv("SWEEP_SANDBOX_URL")?.takeIf { it.isNotBlank() }
        if (sandbox == null) skip("SWEEP_SANDBOX_URL not set (cargo xtask test sets it)")
        assumeTrue(sandbox != null)
        val wallet = Wallet.open(walletConfig(dir.resolve("w")), InMemoryKeyProvider())
        try {
            val photo = dir.resolve("front.jpg").toString()
            writeSampleCapture(photo, true)
            val progress = Progress()
            val receipt = wallet.submitCapture(
                CaptureSubmission(photo, DocumentType.NATIONAL_ID, DocumentSide.FRONT, "$sandbox/tus/files/"),
                progress,
            )
            assertEquals(receipt.upload.totalBytes, progress.seen.last().sentBytes)
            assertTrue(progress.seen.zipWithNext().all { (a, b) -> a.sentBytes <= b.sentBytes })
            assertEquals(0u, wallet.pendingUploads())
            closeDatabase(wallet)
        } finally {
            wallet.close()
        }
    }
}
