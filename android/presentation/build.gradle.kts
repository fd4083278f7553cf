import org.jetbrains.kotlin.gradle.dsl.JvmTarget

// The app's presentation logic: one state holder per screen, plain Kotlin
// over the bindings and kotlinx-coroutines, with no androidx dependency.
//
// The same sources are also built and tested on the JVM by pom.xml in this
// directory (`cargo xtask test` runs `mvn -B test` here against the freshly
// built host library and the sandbox services). That is where
// src/test/kotlin runs: it needs the host library and those services, so
// this Android module compiles src/main/kotlin only.
plugins {
    alias(libs.plugins.android.library)
    alias(libs.plugins.kotlin.android)
}

android {
    namespace = "com.sweepwallet.app.presentation"
    compileSdk = 35

    defaultConfig {
        minSdk = 24
    }

    sourceSets {
        getByName("test") {
            // The JVM tests run under Maven (see above), not as Android unit tests.
            java.setSrcDirs(emptyList<String>())
            kotlin.setSrcDirs(emptyList<String>())
            resources.setSrcDirs(emptyList<String>())
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
        // java.time (Instant, Duration) on API 24 and 25.
        isCoreLibraryDesugaringEnabled = true
    }
}

kotlin {
    compilerOptions {
        jvmTarget.set(JvmTarget.JVM_17)
    }
}

dependencies {
    // The bindings (com.sweepwallet.core) and, through it, JNA and the native library.
    api(project(":sweepcore"))
    api(libs.kotlinx.coroutines.core)
    coreLibraryDesugaring(libs.desugar.jdk.libs)
}
