import CryptoKit
import Security
import XCTest
@testable import SweepCore

/// Runs on a Mac only (`xcodebuild test` on an iOS Simulator): the Keychain
/// and CryptoKit are not available on the project's Linux CI.
final class KeychainKeyProviderTests: XCTestCase {
    private var providers: [KeychainKeyProvider] = []

    /// Skips (rather than fails) where the test host gets no Keychain at
    /// all: some Simulator hosts for package tests lack the entitlement.
    override func setUpWithError() throws {
        let probe: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: "com.sweepwallet.tests.probe",
            kSecAttrAccount as String: UUID().uuidString,
        ]
        var item = probe
        item[kSecValueData as String] = Data([1])
        let status = SecItemAdd(item as CFDictionary, nil)
        SecItemDelete(probe as CFDictionary)
        if status == errSecMissingEntitlement {
            throw XCTSkip("this test host has no Keychain access (errSecMissingEntitlement)")
        }
    }

    override func tearDownWithError() throws {
        for provider in providers {
            try provider.deleteKey()
        }
        providers = []
    }

    /// A provider with its own Keychain item, deleted after the test.
    private func makeProvider(account: String = UUID().uuidString) -> KeychainKeyProvider {
        let provider = KeychainKeyProvider(service: "com.sweepwallet.tests", account: account)
        providers.append(provider)
        return provider
    }

    private func randomDataKey() -> Data {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    func testWrapsAndUnwrapsTheDataKey() throws {
        let provider = makeProvider()
        let dataKey = randomDataKey()

        let wrapped = try provider.wrapDataKey(dataKey: dataKey)

        XCTAssertEqual(wrapped.count, 12 + 32 + 16, "nonce, ciphertext and tag")
        XCTAssertNotEqual(Data([UInt8](wrapped)[12..<44]), dataKey)
        XCTAssertEqual(try provider.unwrapDataKey(wrappedKey: wrapped), dataKey)
        // A second provider on the same Keychain item reads the same KEK.
        let again = KeychainKeyProvider(service: provider.service, account: provider.account)
        XCTAssertEqual(try again.unwrapDataKey(wrappedKey: wrapped), dataKey)
    }

    func testAnotherKekOrModifiedBytesAreTheWrongKey() throws {
        let provider = makeProvider()
        let wrapped = try provider.wrapDataKey(dataKey: randomDataKey())
        let other = makeProvider()
        _ = try other.wrapDataKey(dataKey: randomDataKey())

        XCTAssertThrowsError(try other.unwrapDataKey(wrappedKey: wrapped)) { error in
            XCTAssertEqual(error as? SweepError, .WrongKey)
        }
        var tampered = [UInt8](wrapped)
        tampered[tampered.count - 1] ^= 0x01
        XCTAssertThrowsError(try provider.unwrapDataKey(wrappedKey: Data(tampered))) { error in
            XCTAssertEqual(error as? SweepError, .WrongKey)
        }
        XCTAssertThrowsError(try provider.unwrapDataKey(wrappedKey: Data([1, 2, 3]))) { error in
            XCTAssertEqual(error as? SweepError, .WrongKey)
        }
    }

    func testUnwrappingWithoutAKekIsUnavailable() throws {
        let provider = makeProvider()

        XCTAssertThrowsError(try provider.unwrapDataKey(wrappedKey: Data(count: 60))) { error in
            guard case .KeyUnavailable = error as? SweepError else {
                return XCTFail("expected KeyUnavailable, got \(error)")
            }
        }
    }
}
