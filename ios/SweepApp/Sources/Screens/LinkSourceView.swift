import SwiftUI
import SweepCore

/// Links a source (or signs in to one again): the sign-in page opens in
/// `ASWebAuthenticationSession`, which returns to `com.sweepwallet.app`, and
/// the core exchanges the code (PKCE, no client secret in the app).
struct LinkSourceView: View {
    /// The source to sign in to again, or `nil` to link a new one.
    let relink: UInt64?
    @StateObject private var model: LinkSourceViewModel
    @Environment(\.dismiss) private var dismiss

    init(wallet: Wallet, relink: UInt64?) {
        self.relink = relink
        _model = StateObject(wrappedValue: LinkSourceViewModel(wallet: wallet, browser: WebSignIn()))
    }

    var body: some View {
        NavigationStack {
            content
                .navigationTitle(relink == nil ? Text("link.title") : Text("link.relinkTitle"))
                .navigationBarTitleDisplayMode(.inline)
                .toolbar {
                    ToolbarItem(placement: .cancellationAction) {
                        Button("common.close") { dismiss() }
                    }
                }
        }
        // Each state replaces the sheet's content without moving VoiceOver's focus.
        .onChange(of: model.state) { state in
            if let status = Self.announcement(for: state) {
                Announcer.say(status)
            }
        }
        .task {
            if let relink {
                await model.relink(sourceId: relink)
            }
        }
    }

    @ViewBuilder private var content: some View {
        switch model.state {
        case .idle:
            if relink == nil {
                offers
            } else {
                ProgressView().accessibilityLabel(Text("common.loading"))
            }
        case .openBrowser:
            status("link.continueInSheet")
        case .finishing:
            status("link.finishing")
        case .linked:
            VStack(spacing: 16) {
                // The sentence below says it; the check mark is decoration.
                Image(systemName: "checkmark.circle.fill").font(.largeTitle).foregroundStyle(Palette.primary)
                    .accessibilityHidden(true)
                Text("link.linked")
                    .multilineTextAlignment(.center)
                Button("common.done") { dismiss() }.buttonStyle(.bordered)
            }
            .padding()
        case .failed(let message):
            VStack(spacing: 16) {
                Text(message).multilineTextAlignment(.center)
                Button("common.tryAgain") { retry() }
            }
            .padding()
        }
    }

    /// The sources the app can link, one tap each.
    private var offers: some View {
        List(SourceCatalog.offers, id: \.name) { offer in
            Button {
                Task { await model.link(offer) }
            } label: {
                VStack(alignment: .leading) {
                    Text(offer.name).font(.headline)
                    Text(Self.kind(offer.kind)).font(.subheadline).foregroundStyle(Palette.muted)
                }
                .accessibilityElement(children: .combine)
            }
        }
    }

    /// Back to the list, or straight into the relink again.
    private func retry() {
        model.reset()
        if let relink {
            Task { await model.relink(sourceId: relink) }
        }
    }

    private func status(_ text: LocalizedStringKey) -> some View {
        VStack(spacing: 16) {
            ProgressView()
            Text(text)
        }
        .accessibilityElement(children: .combine)
        .padding()
    }

    /// What VoiceOver says when linking moves to `state`.
    private static func announcement(for state: LinkState) -> String? {
        switch state {
        case .idle: return nil
        case .openBrowser: return L10n.text("link.continueInSheet")
        case .finishing: return L10n.text("link.finishing")
        case .linked: return L10n.text("link.linked")
        case .failed(let message): return message
        }
    }

    private static func kind(_ kind: SourceKind) -> LocalizedStringKey {
        switch kind {
        case .wallet: return "link.kindWallet"
        case .gameCredits: return "link.kindGameCredits"
        case .points: return "link.kindPoints"
        case .carrierBilling: return "link.kindCarrierBilling"
        case .bank: return "link.kindBank"
        }
    }
}
