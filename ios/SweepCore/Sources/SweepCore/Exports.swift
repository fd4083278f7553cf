// The generated bindings live in their own target (`SweepCoreBindings`, see
// Package.swift) so that only they build in the Swift 5 language mode. Apps
// still write `import SweepCore` alone: this makes the bindings' types
// (`Wallet`, `KeyProvider`, `SweepError`, …) part of this module's interface.
@_exported import SweepCoreBindings
