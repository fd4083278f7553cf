import SwiftUI
import SweepCore

/// The first run, at every launch: fees and unfinished work at start, then
/// the user's own bank account (the add-payee screen), then the optional
/// phone check. When nothing is missing it passes straight on to the tabs.
struct FirstRunView: View {
    let wallet: Wallet
    /// Called once nothing is missing, with the notes to keep showing.
    let onReady: @MainActor (String?) -> Void
    @StateObject private var model: FirstRunViewModel

    init(wallet: Wallet, afterCarryOn: @escaping @MainActor () async -> Void, onReady: @escaping @MainActor (String?) -> Void) {
        self.wallet = wallet
        self.onReady = onReady
        _model = StateObject(
            wrappedValue: FirstRunViewModel(
                wallet: wallet,
                providerUrl: SourceCatalog.providerUrl,
                numberVerificationUrl: SourceCatalog.numberVerificationUrl,
                afterCarryOn: afterCarryOn
            )
        )
    }

    var body: some View {
        content
            .navigationTitle("Getting ready")
            .task { await model.start() }
            .onChange(of: model.step) { step in
                if step == .ready {
                    onReady(model.notes)
                }
            }
            .alert("Getting ready", isPresented: $model.showsError) {
                Button("OK", role: .cancel) {}
            } message: {
                Text(model.error ?? "")
            }
    }

    @ViewBuilder private var content: some View {
        switch model.step {
        case .starting, .ready:
            starting
        case .addOwnAccount:
            AddPayeeView(wallet: wallet, intro: "Where should your money go? Add a bank account in your own name.") { _ in
                Task { await model.accountAdded() }
            }
        case .verifyPhone:
            phone
        }
    }

    /// Fetching fees and carrying on; after a failure, a way to try again.
    private var starting: some View {
        VStack(spacing: 16) {
            if model.startFailed {
                Text("Sweep is not ready yet: it needs the provider's fees once, online, to show what a cash-out costs.")
                    .multilineTextAlignment(.center)
                Button("Try again") {
                    Task { await model.start() }
                }
                .disabled(model.busy)
            } else {
                ProgressView()
                Text("Getting the latest fees and finishing what was left open…")
                    .multilineTextAlignment(.center)
            }
            if let note = model.scheduleNote {
                Text(note).font(.footnote).foregroundStyle(.secondary)
            }
        }
        .padding()
    }

    /// The optional check of this phone's number with the operator.
    private var phone: some View {
        Form {
            Section {
                Text("Confirm this phone's number with your operator for higher limits.")
                TextField("Phone number, for example +821012345678", text: $model.phoneNumber)
                    .keyboardType(.phonePad)
                    .textContentType(.telephoneNumber)
            }
            Section {
                Button("Confirm") {
                    Task { await model.verifyPhone() }
                }
                .disabled(model.busy || model.phoneNumber.isEmpty)
                Button("Not now") {
                    Task { await model.skipPhone() }
                }
                .disabled(model.busy)
            }
        }
    }
}
