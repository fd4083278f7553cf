import CryptoKit
import Foundation
import LocalAuthentication
import SweepCoreBindings

/// A `KeyProvider` that keeps a 256-bit key-encryption key (KEK) in the
/// Keychain and wraps the wallet's data key with it (AES-256-GCM).
///
/// The KEK is a generic-password item readable only on this device while it
/// is unlocked (`kSecAttrAccessibleWhenUnlockedThisDeviceOnly`): it is never
/// backed up or synced, so a restored backup cannot open the wallet without
/// it. With `.biometry` the item also needs the current Face ID or Touch ID
/// enrolment (`.biometryCurrentSet`) each time the wallet is opened.
///
/// The wrapped key is a CryptoKit sealed box in its combined representation
/// (12-byte nonce, ciphertext, 16-byte tag), bound to
/// ``KeychainKeyProvider/associatedData``. Sweep calls these methods off the
/// main thread, once per open, so the biometric prompt may block here.
public final class KeychainKeyProvider: KeyProvider {
    /// How the KEK's Keychain item is protected.
    public enum Protection: Sendable, Equatable {
        /// Usable whenever the device is unlocked.
        case whenUnlocked
        /// Usable only after Face ID or Touch ID, with today's enrolment; a
        /// new finger or face makes the KEK (and so the wallet) unreadable.
        case biometry(prompt: String)
    }

    /// Authenticated along with every wrapped key, so a sealed box made for
    /// another purpose with the same KEK never unwraps as a data key.
    static let associatedData = Data("sweep/data-key/v1".utf8)

    /// The Keychain service, usually the app's bundle identifier.
    public let service: String
    /// The Keychain account: which wallet's KEK.
    public let account: String
    /// How the KEK is protected.
    public let protection: Protection

    private var item: KeychainItem { KeychainItem(service: service, account: account) }

    /// A provider whose KEK lives in the Keychain under `service` and
    /// `account`; it is created with the first wallet.
    public init(service: String, account: String, protection: Protection = .whenUnlocked) {
        self.service = service
        self.account = account
        self.protection = protection
    }

    /// Seals the data key with the KEK, creating the KEK on first use.
    /// Throws `SweepError.KeyUnavailable` when the Keychain refuses.
    public func wrapDataKey(dataKey: Data) throws -> Data {
        let kek = try loadOrCreateKek()
        do {
            let box = try AES.GCM.seal(dataKey, using: kek, authenticating: Self.associatedData)
            guard let combined = box.combined else {
                throw SweepError.KeyUnavailable(reason: "AES-GCM gave no combined representation")
            }
            return combined
        } catch let error as SweepError {
            throw error
        } catch {
            throw SweepError.KeyUnavailable(reason: "AES-GCM sealing failed: \(error.localizedDescription)")
        }
    }

    /// Opens a key sealed by ``wrapDataKey(dataKey:)``. Throws
    /// `SweepError.WrongKey` when the bytes do not open with this KEK (another
    /// KEK, or modified bytes), and `SweepError.KeyUnavailable` when there is
    /// no KEK or the Keychain refuses (locked device, biometry declined).
    public func unwrapDataKey(wrappedKey: Data) throws -> Data {
        guard let kek = try loadKek() else {
            throw SweepError.KeyUnavailable(
                reason: "no key-encryption key in the Keychain for \(service)/\(account)"
            )
        }
        do {
            let box = try AES.GCM.SealedBox(combined: wrappedKey)
            return try AES.GCM.open(box, using: kek, authenticating: Self.associatedData)
        } catch {
            throw SweepError.WrongKey
        }
    }

    /// Deletes the KEK. Every wallet it wrapped becomes unreadable: call it
    /// only when the user erases the wallet, after deleting its data.
    public func deleteKey() throws {
        try item.delete()
    }

    /// `Wallet.deleteAccount` crypto-shreds the wallet through this: `deleteKey()`.
    public func deleteWrappingKey() throws {
        try deleteKey()
    }

    private func loadKek() throws -> SymmetricKey? {
        try item.read(context: authenticationContext()).map(Self.kek(from:))
    }

    private func loadOrCreateKek() throws -> SymmetricKey {
        let bytes = try item.readOrAdd(
            context: authenticationContext(),
            accessControl: accessControl(),
            make: { SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) } }
        )
        return try Self.kek(from: bytes)
    }

    private static func kek(from bytes: Data) throws -> SymmetricKey {
        guard bytes.count == 32 else {
            throw SweepError.KeyUnavailable(reason: "the Keychain holds a \(bytes.count)-byte KEK, not 32 bytes")
        }
        return SymmetricKey(data: bytes)
    }

    /// The context that carries the biometric prompt, for `.biometry` only.
    private func authenticationContext() -> LAContext? {
        guard case let .biometry(prompt) = protection else { return nil }
        let context = LAContext()
        context.localizedReason = prompt
        return context
    }

    private func accessControl() throws -> SecAccessControl? {
        guard case .biometry = protection else { return nil }
        return try KeychainItem.accessControl(.biometryCurrentSet)
    }
}
