package com.sweepwallet.app.presentation

import com.sweepwallet.core.InMemoryKeyProvider
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** android/README.md's Kotlin sample is this project's ReadmeSample.kt, compiled and run. */
class ReadmeSampleTest {
    @TempDir
    lateinit var dir: Path

    private val project: Path = Paths.get(System.getProperty("user.dir"))

    @Test
    fun `the README shows the sample that compiles here`() {
        val readme = Files.readString(project.resolve("../README.md"))
        val blocks = Regex("```kotlin\n(.*?)```", RegexOption.DOT_MATCHES_ALL).findAll(readme).map { it.groupValues[1] }.toList()
        assertEquals(1, blocks.size, "one Kotlin sample in android/README.md")
        val sample = Files.readString(project.resolve("src/test/kotlin/com/sweepwallet/app/presentation/ReadmeSample.kt"))
        assertTrue(sample.contains(blocks.single().trim()), "README's sample differs from ReadmeSample.kt:\n${blocks.single()}")
    }

    @Test
    fun `the sample opens a wallet and shows its dashboard`() = runBlocking<Unit> {
        val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
        val dashboard = openDashboard(dir.toString(), InMemoryKeyProvider(), korean, scope)
        assertEquals(false, dashboard.state.value.loading)
        assertEquals(emptyList<SourceRow>(), dashboard.state.value.sources)
        dashboard.close()
        scope.cancel()
    }
}
