import SwiftUI
import SweepCore

/// The Sweep app: a thin SwiftUI layer over the SweepCore package. Every
/// rule (eligibility, fees, limits, signatures, uploads, which status
/// changes notify) lives in the core; the screens show its answers.
@main
struct SweepApp: App {
    @StateObject private var app = AppModel.shared

    init() {
        StatusNotifications.showWhileOpen()
    }

    var body: some Scene {
        WindowGroup {
            RootView(app: app)
                // Buttons and links in the tested colours (Palette), in light and dark.
                .tint(Palette.primary)
                .task { await app.open() }
        }
        // iOS may launch the app without a window for this: the shared
        // model opens the wallet and posts what changed.
        .backgroundTask(.appRefresh(StatusNotifications.refreshTask)) {
            await AppModel.shared.refreshInBackground()
        }
    }
}

/// Opens the wallet, runs this launch's first run, then shows the four tabs.
struct RootView: View {
    @ObservedObject var app: AppModel
    @Environment(\.scenePhase) private var scenePhase

    var body: some View {
        content
            .onChange(of: scenePhase) { phase in
                switch phase {
                case .active:
                    Task { await app.becameActive() }
                case .background:
                    StatusNotifications.scheduleRefresh()
                default:
                    break
                }
            }
    }

    @ViewBuilder private var content: some View {
        switch app.phase {
        case .opening:
            ProgressView("app.opening")
        case .failed(let message):
            VStack(spacing: 16) {
                Text(message).multilineTextAlignment(.center)
                Button("common.tryAgain") {
                    Task { await app.open() }
                }
            }
            .padding()
            .onAppear { Announcer.say(message) }
        case .ready(let wallet):
            if app.firstRunDone {
                tabs(wallet)
            } else {
                NavigationStack {
                    FirstRunView(
                        wallet: wallet,
                        afterCarryOn: { app.checkStatusAtStart(wallet) },
                        onReady: { notes in app.finishFirstRun(notes: notes) }
                    )
                }
            }
        }
    }

    private func tabs(_ wallet: Wallet) -> some View {
        TabView(selection: $app.tab) {
            NavigationStack {
                DashboardView(
                    wallet: wallet, locale: app.locale, startNote: $app.startNote, relinkRequest: $app.relinkRequest,
                    keyProvider: app.keyProvider,
                    onStartFresh: { Task { await app.startFresh() } }
                )
            }
            .tabItem { Label("tab.balances", systemImage: "wallet.pass") }
            .tag(AppTab.balances)
            NavigationStack {
                CashOutView(
                    wallet: wallet,
                    authenticator: app.authenticator,
                    authenticatorProblem: app.authenticatorProblem,
                    locale: app.locale
                )
            }
            .tabItem { Label("tab.cashOut", systemImage: "arrow.down.to.line") }
            .tag(AppTab.cashOut)
            NavigationStack { HistoryView(wallet: wallet, locale: app.locale) }
                .tabItem { Label("tab.history", systemImage: "clock.arrow.circlepath") }
                .tag(AppTab.history)
            NavigationStack { IdCaptureView(wallet: wallet) }
                .tabItem { Label("tab.verifyId", systemImage: "person.text.rectangle") }
                .tag(AppTab.verifyId)
        }
    }
}
