import CryptoKit
import Foundation
import LocalAuthentication
import SweepCoreBindings

/// An `Authenticator` whose P-256 signing key lives in the Secure Enclave and
/// signs only after Face ID or Touch ID with today's enrolment.
///
/// The key is created on first use with the access control
/// `[.privateKeyUsage, .biometryCurrentSet]`; the Keychain keeps only its
/// `dataRepresentation`, an opaque blob that only this device's Secure Enclave
/// can use. Enrolling a new face or finger invalidates the key: call
/// ``deleteKey()`` and `Wallet.registerAuthenticator` again.
///
/// Register it once after opening the wallet
/// (`try await wallet.registerAuthenticator(authenticator:)`); each
/// `Wallet.withdraw` then calls ``sign(prompt:digest:)`` on a background
/// thread, which shows the system prompt and blocks until the user answers.
public final class SecureEnclaveAuthenticator: Authenticator {
    /// The Keychain service of the item holding the key's blob.
    public let service: String
    /// The Keychain account of that item.
    public let account: String

    private var item: KeychainItem { KeychainItem(service: service, account: account) }

    /// Whether this device has a Secure Enclave (the Simulator has none).
    public static var isAvailable: Bool { SecureEnclave.isAvailable }

    /// An authenticator whose key blob is kept under `service` and `account`.
    public init(service: String, account: String = "sweep-withdrawal-confirmation") {
        self.service = service
        self.account = account
    }

    /// The key's public half as an uncompressed P-256 point (X9.63: 65
    /// bytes, `04 ‖ X ‖ Y`), creating the key on first use. Needs no
    /// biometry. Throws `SweepError.KeyUnavailable` without a Secure Enclave.
    public func publicKey() throws -> Data {
        try loadOrCreateKey().publicKey.x963Representation
    }

    /// Shows `prompt` in the Face ID / Touch ID sheet and, once the user
    /// confirms, signs `digest` and returns the ECDSA signature in ASN.1 DER.
    ///
    /// The core sends the 32-byte SHA-256 confirmation digest and verifies
    /// with ECDSA P-256 / SHA-256 over those 32 bytes *as the message* (as
    /// `SHA256withECDSA` does on Android). So the digest is passed to
    /// `signature(for:)` as `Data`, which hashes it once more, and never as a
    /// `SHA256Digest`, which would sign it as a precomputed hash and fail
    /// the core's check. A refusal throws `SweepError.AuthenticationFailed`.
    public func sign(prompt: String, digest: Data) throws -> Data {
        let message = try Self.signedMessage(for: digest)
        let context = LAContext()
        context.localizedReason = prompt
        try BiometricPrompt.confirm(prompt: prompt, with: context)
        let key = try loadKey(context: context)
        do {
            return try key.signature(for: message).derRepresentation
        } catch {
            throw SweepError.AuthenticationFailed(
                reason: "the Secure Enclave did not sign: \(error.localizedDescription)"
            )
        }
    }

    /// Deletes the key's blob (the key becomes unusable). Register a new
    /// authenticator with the wallet afterwards.
    public func deleteKey() throws {
        try item.delete()
    }

    /// What `signature(for:)` receives: the core's 32-byte digest itself,
    /// checked for length, as a message that CryptoKit hashes with SHA-256.
    static func signedMessage(for digest: Data) throws -> Data {
        guard digest.count == digestByteCount else {
            throw SweepError.InvalidInput(field: "digest", reason: "a 32-byte SHA-256 digest")
        }
        return digest
    }

    /// The size of a SHA-256 digest.
    static let digestByteCount = 32

    private func loadOrCreateKey() throws -> SecureEnclave.P256.Signing.PrivateKey {
        try Self.requireSecureEnclave()
        let blob = try item.readOrAdd(make: {
            let access = try KeychainItem.accessControl([.privateKeyUsage, .biometryCurrentSet])
            do {
                return try SecureEnclave.P256.Signing.PrivateKey(accessControl: access).dataRepresentation
            } catch {
                throw SweepError.KeyUnavailable(
                    reason: "the Secure Enclave did not create a key (is Face ID or Touch ID set up?): "
                        + error.localizedDescription
                )
            }
        })
        return try Self.key(from: blob, context: nil)
    }

    private func loadKey(context: LAContext) throws -> SecureEnclave.P256.Signing.PrivateKey {
        try Self.requireSecureEnclave()
        guard let blob = try item.read() else {
            throw SweepError.AuthenticationFailed(
                reason: "this device has no confirmation key; register the authenticator again"
            )
        }
        return try Self.key(from: blob, context: context)
    }

    private static func key(from blob: Data, context: LAContext?) throws -> SecureEnclave.P256.Signing.PrivateKey {
        do {
            return try SecureEnclave.P256.Signing.PrivateKey(dataRepresentation: blob, authenticationContext: context)
        } catch {
            throw SweepError.KeyUnavailable(
                reason: "the Secure Enclave refused the stored key: \(error.localizedDescription)"
            )
        }
    }

    private static func requireSecureEnclave() throws {
        guard SecureEnclave.isAvailable else {
            throw SweepError.KeyUnavailable(reason: "this device has no Secure Enclave")
        }
    }
}
