// The Android build of Sweep: the library module (generated bindings, the
// native library, Keystore and BiometricPrompt), the presentation state
// holders, and the Compose app. See README.md for what runs where.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    // Every module resolves from these two; a module may not add its own.
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "sweep-android"

include(":sweepcore", ":presentation", ":app")
