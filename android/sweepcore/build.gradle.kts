import org.jetbrains.kotlin.gradle.dsl.JvmTarget

// The SweepCore library (AAR): the uniffi-generated Kotlin, libsweep_ffi.so
// for three ABIs, and the hand-written Android Keystore KeyProvider and
// BiometricPrompt Authenticator.
//
// `cargo xtask android` fills the two generated inputs (both gitignored)
// before Gradle runs:
//   src/main/kotlin/generated/   the bindings (package com.sweepwallet.core)
//   src/main/jniLibs/<abi>/      libsweep_ffi.so for arm64-v8a, armeabi-v7a, x86_64
// Both are default source locations of the main source set, so nothing
// below has to name them.
plugins {
    alias(libs.plugins.android.library)
    alias(libs.plugins.kotlin.android)
}

android {
    namespace = "com.sweepwallet.core.android"
    compileSdk = 35

    defaultConfig {
        minSdk = 24
        // Shipped inside the AAR: an app's R8 build keeps JNA and the bindings
        // without rules of its own.
        consumerProguardFiles("consumer-rules.pro")
    }

    buildTypes {
        release {
            // A library is shrunk by the app that uses it, with consumer-rules.pro.
            isMinifyEnabled = false
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
        // The bindings use java.time (timestamps), which API 24 and 25 lack.
        isCoreLibraryDesugaringEnabled = true
    }
}

kotlin {
    compilerOptions {
        jvmTarget.set(JvmTarget.JVM_17)
    }
}

dependencies {
    // The generated code calls the native library through JNA. The AAR
    // flavour carries libjnidispatch.so for each Android ABI (the plain jar
    // has desktop libraries only).
    api("net.java.dev.jna:jna:${libs.versions.jna.get()}@aar")
    // Async exports are suspend functions.
    api(libs.kotlinx.coroutines.android)
    // BiometricKeystoreAuthenticator takes a FragmentActivity.
    api(libs.androidx.fragment)
    implementation(libs.androidx.biometric)
    coreLibraryDesugaring(libs.desugar.jdk.libs)
}
