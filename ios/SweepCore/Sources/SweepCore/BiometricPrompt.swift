import Foundation
import LocalAuthentication
import SweepCoreBindings

/// Asks for Face ID or Touch ID synchronously, for callbacks the core makes
/// on its own background threads (never call it on the main thread: it
/// blocks until the user answers).
enum BiometricPrompt {
    /// Evaluates `context` for biometry with `prompt` as the reason and
    /// returns once the user confirmed. The evaluated context then lets one
    /// Secure Enclave operation run without a second prompt. Throws
    /// `SweepError.AuthenticationFailed` when the user declines or biometry
    /// cannot be used.
    static func confirm(prompt: String, with context: LAContext) throws {
        let outcome = Outcome()
        let answered = DispatchSemaphore(value: 0)
        context.evaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, localizedReason: prompt) { success, error in
            outcome.record(success ? nil : (error ?? LAError(.authenticationFailed)))
            answered.signal()
        }
        answered.wait()
        if let failure = outcome.failure {
            throw SweepError.AuthenticationFailed(reason: reason(for: failure))
        }
    }

    /// The user's words for why the confirmation did not happen, in the
    /// phone's language (this package's String Catalog, English and Korean).
    static func reason(for error: Error) -> String {
        guard let error = error as? LAError else {
            return error.localizedDescription
        }
        switch error.code {
        case .userCancel, .appCancel, .systemCancel, .userFallback:
            return String(localized: "biometric.canceled", bundle: .module)
        case .biometryLockout:
            return String(localized: "biometric.lockedOut", bundle: .module)
        case .biometryNotEnrolled, .biometryNotAvailable, .passcodeNotSet:
            return String(localized: "biometric.notSetUp", bundle: .module)
        case .authenticationFailed:
            return String(localized: "biometric.notRecognised", bundle: .module)
        default:
            return error.localizedDescription
        }
    }

    /// The evaluation's result, handed from LocalAuthentication's queue to
    /// the waiting thread under a lock.
    private final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Error?

        func record(_ failure: Error?) {
            lock.lock()
            defer { lock.unlock() }
            stored = failure
        }

        var failure: Error? {
            lock.lock()
            defer { lock.unlock() }
            return stored
        }
    }
}
