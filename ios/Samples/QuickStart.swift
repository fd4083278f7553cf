import SwiftUI
import SweepCore

/// Opens the wallet (creating it on first launch); a Keychain key that
/// never leaves this device wraps its data key.
func openWallet() async throws -> Wallet {
    let dataDir = URL.applicationSupportDirectory.appending(path: "Sweep", directoryHint: .isDirectory)
    try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
    let keys = KeychainKeyProvider(service: "com.example.myapp", account: "sweep-wallet")
    let config = WalletConfig(dataDir: dataDir.path(percentEncoded: false), locale: "ko-KR")
    return try await Wallet.open(config: config, keyProvider: keys)
}

/// Every source with its balance and what it may become.
struct SweepDashboard: View {
    @State private var dashboard: Dashboard?
    @State private var problem: String?

    var body: some View {
        List(dashboard?.sources ?? [], id: \.sourceId) { source in
            VStack(alignment: .leading) {
                LabeledContent(source.name, value: source.balance.formatted)
                Text(source.terms.reason).font(.footnote)
            }
        }
        .overlay { Text(problem ?? "") }
        .task {
            do {
                let wallet = try await openWallet()
                dashboard = try await wallet.dashboard()
            } catch {
                problem = "\(error)"
            }
        }
    }
}
