import SwiftUI
import SweepCore

/// The Sweep app: a thin SwiftUI layer over the SweepCore package. Every
/// rule (eligibility, fees, limits, signatures, uploads) lives in the core;
/// the screens show its answers.
@main
struct SweepApp: App {
    @StateObject private var app = AppModel()

    var body: some Scene {
        WindowGroup {
            RootView(app: app)
                .task { await app.open() }
        }
    }
}

/// Opens the wallet, then shows the three tabs.
struct RootView: View {
    @ObservedObject var app: AppModel

    var body: some View {
        switch app.phase {
        case .opening:
            ProgressView("Opening your wallet…")
        case .failed(let message):
            VStack(spacing: 16) {
                Text(message).multilineTextAlignment(.center)
                Button("Try again") {
                    Task { await app.open() }
                }
            }
            .padding()
        case .ready(let wallet):
            TabView {
                NavigationStack { DashboardView(wallet: wallet) }
                    .tabItem { Label("Balances", systemImage: "wallet.pass") }
                NavigationStack {
                    CashOutView(
                        wallet: wallet,
                        authenticator: app.authenticator,
                        authenticatorProblem: app.authenticatorProblem,
                        locale: app.locale
                    )
                }
                .tabItem { Label("Cash out", systemImage: "arrow.down.to.line") }
                NavigationStack { IdCaptureView(wallet: wallet) }
                    .tabItem { Label("Verify ID", systemImage: "person.text.rectangle") }
            }
        }
    }
}
