import CryptoKit
import XCTest
@testable import SweepCore

/// Runs on a Mac only. The Simulator has no Secure Enclave, so the key tests
/// skip there and run on a device; the signing convention runs everywhere.
final class SecureEnclaveAuthenticatorTests: XCTestCase {
    /// The core verifies with ECDSA P-256 / SHA-256 over the 32 digest bytes
    /// as a message (ring's ECDSA_P256_SHA256_ASN1 hashes its input). A
    /// signature over `signedMessage(for:)` must therefore verify against
    /// SHA-256 of the digest, i.e. the digest hashed once more.
    func testSignsTheDigestAsAMessageTheWayTheCoreVerifies() throws {
        let digest = Data(SHA256.hash(data: Data("sweep-withdrawal-v1\nquote:qt-1\n".utf8)))
        let key = P256.Signing.PrivateKey()

        let message = try SecureEnclaveAuthenticator.signedMessage(for: digest)
        let signature = try key.signature(for: message)
        let der = try P256.Signing.ECDSASignature(derRepresentation: signature.derRepresentation)

        XCTAssertEqual(message, digest)
        XCTAssertTrue(key.publicKey.isValidSignature(der, for: SHA256.hash(data: digest)))
        XCTAssertTrue(key.publicKey.isValidSignature(der, for: digest))
        XCTAssertEqual(key.publicKey.x963Representation.count, 65)
        XCTAssertEqual(key.publicKey.x963Representation.first, 0x04)
    }

    func testOnlyA32ByteDigestIsSigned() {
        XCTAssertThrowsError(try SecureEnclaveAuthenticator.signedMessage(for: Data(count: 31))) { error in
            guard case .InvalidInput(let field, _) = error as? SweepError else {
                return XCTFail("expected InvalidInput, got \(error)")
            }
            XCTAssertEqual(field, "digest")
        }
    }

    func testThePublicKeyIsAStableUncompressedPoint() throws {
        let authenticator = SecureEnclaveAuthenticator(service: "com.sweepwallet.tests", account: UUID().uuidString)
        defer { try? authenticator.deleteKey() }
        guard SecureEnclaveAuthenticator.isAvailable else {
            XCTAssertThrowsError(try authenticator.publicKey()) { error in
                guard case .KeyUnavailable = error as? SweepError else {
                    return XCTFail("expected KeyUnavailable, got \(error)")
                }
            }
            throw XCTSkip("no Secure Enclave here (Simulator); run on a device")
        }

        let first = try authenticator.publicKey()
        let second = try SecureEnclaveAuthenticator(service: authenticator.service, account: authenticator.account).publicKey()

        XCTAssertEqual(first.count, 65)
        XCTAssertEqual(first.first, 0x04)
        XCTAssertEqual(first, second, "the key is created once and then read back")
        XCTAssertNoThrow(try P256.Signing.PublicKey(x963Representation: first))
    }
}
