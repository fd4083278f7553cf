import Foundation
import LocalAuthentication
import Security
import SweepCoreBindings

/// One generic-password item in the app's Keychain, named by `service` and
/// `account`. Both the key provider and the authenticator keep their secret
/// (or, for the Secure Enclave, its device-bound blob) in one.
///
/// Every failure is thrown as `SweepError.KeyUnavailable`, the error the core
/// expects from a key store that is locked, missing or refusing.
struct KeychainItem: Sendable {
    /// `kSecAttrService`: usually the app's bundle identifier.
    let service: String
    /// `kSecAttrAccount`: which secret of the app.
    let account: String

    /// The item's bytes, or `nil` when there is no such item. `context`
    /// carries the prompt when the item needs the user's biometry.
    func read(context: LAContext? = nil) throws -> Data? {
        var query = baseQuery()
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        if let context {
            query[kSecUseAuthenticationContext as String] = context
        }
        var result: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &result)
        switch status {
        case errSecSuccess:
            guard let data = result as? Data else {
                throw SweepError.KeyUnavailable(reason: "the Keychain item \(account) holds no data")
            }
            return data
        case errSecItemNotFound:
            return nil
        default:
            throw Self.unavailable(status, doing: "read")
        }
    }

    /// Adds the item, readable only while the device is unlocked and never
    /// leaving it (no backup, no iCloud Keychain). With `accessControl` the
    /// item carries that policy instead (it names the accessibility itself).
    /// Returns false when the item exists already; it is left as it was.
    func add(_ data: Data, accessControl: SecAccessControl? = nil) throws -> Bool {
        var attributes = baseQuery()
        attributes[kSecValueData as String] = data
        attributes[kSecAttrSynchronizable as String] = false
        if let accessControl {
            attributes[kSecAttrAccessControl as String] = accessControl
        } else {
            attributes[kSecAttrAccessible as String] = kSecAttrAccessibleWhenUnlockedThisDeviceOnly
        }
        let status = SecItemAdd(attributes as CFDictionary, nil)
        switch status {
        case errSecSuccess:
            return true
        case errSecDuplicateItem:
            return false
        default:
            throw Self.unavailable(status, doing: "add")
        }
    }

    /// The item's bytes; when there is none yet, `make()`'s bytes, stored
    /// first. If another thread stored the item in the meantime, its bytes
    /// win, so every caller ends up with the same secret.
    func readOrAdd(
        context: LAContext? = nil,
        accessControl: SecAccessControl? = nil,
        make: () throws -> Data
    ) throws -> Data {
        if let existing = try read(context: context) {
            return existing
        }
        let fresh = try make()
        if try add(fresh, accessControl: accessControl) {
            return fresh
        }
        guard let winner = try read(context: context) else {
            throw SweepError.KeyUnavailable(reason: "the Keychain item \(account) vanished while it was created")
        }
        return winner
    }

    /// Deletes the item; deleting an item that does not exist is not an error.
    func delete() throws {
        let status = SecItemDelete(baseQuery() as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else {
            throw Self.unavailable(status, doing: "delete")
        }
    }

    /// A `SecAccessControl` that allows use only on this device, while it
    /// is unlocked, with `flags` on top (biometry, Secure Enclave use).
    static func accessControl(_ flags: SecAccessControlCreateFlags) throws -> SecAccessControl {
        var failure: Unmanaged<CFError>?
        guard let access = SecAccessControlCreateWithFlags(
            nil, kSecAttrAccessibleWhenUnlockedThisDeviceOnly, flags, &failure
        ) else {
            let reason = failure.map { ($0.takeRetainedValue() as Error).localizedDescription }
            throw SweepError.KeyUnavailable(reason: "the access control was refused: \(reason ?? "no reason given")")
        }
        return access
    }

    private func baseQuery() -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: account,
        ]
    }

    /// The core's error for a Keychain status, with the system's words.
    private static func unavailable(_ status: OSStatus, doing operation: String) -> SweepError {
        let detail: String
        switch status {
        case errSecUserCanceled:
            detail = "the user canceled"
        case errSecAuthFailed:
            detail = "authentication failed"
        case errSecInteractionNotAllowed:
            detail = "the device is locked"
        default:
            let message = SecCopyErrorMessageString(status, nil) as String?
            detail = message ?? "status \(status)"
        }
        return SweepError.KeyUnavailable(reason: "Keychain \(operation): \(detail)")
    }
}
