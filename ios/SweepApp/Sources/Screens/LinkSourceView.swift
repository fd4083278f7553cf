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
                .navigationTitle(relink == nil ? "Link a source" : "Sign in again")
                .navigationBarTitleDisplayMode(.inline)
                .toolbar {
                    ToolbarItem(placement: .cancellationAction) {
                        Button("Close") { dismiss() }
                    }
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
                ProgressView()
            }
        case .openBrowser:
            status("Continue in the sign-in sheet…")
        case .finishing:
            status("Finishing the link…")
        case .linked:
            VStack(spacing: 16) {
                Image(systemName: "checkmark.circle.fill").font(.largeTitle).foregroundStyle(.green)
                Text("Linked. Its balance appears on the dashboard after the next sync.")
                    .multilineTextAlignment(.center)
                Button("Done") { dismiss() }.buttonStyle(.borderedProminent)
            }
            .padding()
        case .failed(let message):
            VStack(spacing: 16) {
                Text(message).multilineTextAlignment(.center)
                Button("Try again") { retry() }
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
                    Text(Self.kind(offer.kind)).font(.subheadline).foregroundStyle(.secondary)
                }
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

    private func status(_ text: String) -> some View {
        VStack(spacing: 16) {
            ProgressView()
            Text(text)
        }
        .padding()
    }

    private static func kind(_ kind: SourceKind) -> String {
        switch kind {
        case .wallet: return "Wallet"
        case .gameCredits: return "Game credits"
        case .points: return "Points"
        case .carrierBilling: return "Phone bill"
        case .bank: return "Bank account"
        }
    }
}
