import Foundation
import SweepCore

/// Opens the wallet once for the whole app and registers the Secure Enclave
/// authenticator that confirms cash-outs.
@MainActor
final class AppModel: ObservableObject {
    /// Where opening the wallet stands.
    enum Phase {
        case opening
        case ready(Wallet)
        case failed(String)
    }

    /// The Keychain service of the app's keys.
    nonisolated static let keychainService = "com.sweepwallet.app"

    @Published private(set) var phase: Phase = .opening
    /// Why cash-outs cannot be confirmed on this device, if they cannot
    /// (no Secure Enclave in the Simulator, no Face ID set up).
    @Published private(set) var authenticatorProblem: String?

    /// Signs each withdrawal after Face ID or Touch ID.
    let authenticator = SecureEnclaveAuthenticator(service: AppModel.keychainService)

    /// The wallet's locale, for formatting and parsing amounts ("ko-KR").
    let locale = Locale.current.identifier(.bcp47)

    private var opening = false

    /// Opens (or, on first launch, creates) the wallet. Safe to call again
    /// after a failure; a call while one is under way, or once the wallet
    /// is open, does nothing.
    func open() async {
        if case .ready = phase { return }
        guard !opening else { return }
        opening = true
        defer { opening = false }
        phase = .opening
        do {
            let keys = KeychainKeyProvider(service: Self.keychainService, account: "wallet-kek")
            let dataDir = try Self.dataDirectory()
            let config = WalletConfig(dataDir: dataDir.path(percentEncoded: false), locale: locale)
            let wallet = try await Wallet.open(config: config, keyProvider: keys)
            await register(authenticator, with: wallet)
            phase = .ready(wallet)
            // Every front end resumes unfinished work when it starts: withdrawals
            // not yet sent or settled, then ID uploads left in the outbox.
            Task {
                _ = try? await wallet.resumeWithdrawals()
                if (try? await wallet.pendingUploads()) ?? 0 > 0 {
                    _ = try? await wallet.resumeUploads(listener: nil)
                }
            }
        } catch {
            phase = .failed(UserText.message(for: error))
        }
    }

    /// Registers the confirmation key (the same key each launch; creating it
    /// needs no biometry). A failure only disables cash-outs.
    private func register(_ authenticator: SecureEnclaveAuthenticator, with wallet: Wallet) async {
        guard SecureEnclaveAuthenticator.isAvailable else {
            authenticatorProblem = "This device has no Secure Enclave, so cash-outs cannot be confirmed here."
            return
        }
        do {
            try await wallet.registerAuthenticator(authenticator: authenticator)
            authenticatorProblem = nil
        } catch {
            authenticatorProblem = UserText.message(for: error)
        }
    }

    /// `Application Support/Sweep`, created if needed and kept out of
    /// backups (its key never leaves this device anyway).
    private static func dataDirectory() throws -> URL {
        var directory = try FileManager.default
            .url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
            .appendingPathComponent("Sweep", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try directory.setResourceValues(values)
        return directory
    }
}
