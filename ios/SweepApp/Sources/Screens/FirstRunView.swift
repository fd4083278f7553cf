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
            .navigationTitle("firstRun.title")
            .task { await model.start() }
            .onChange(of: model.step) { step in
                if step == .ready {
                    onReady(model.notes)
                }
            }
            .alert("firstRun.title", isPresented: $model.showsError) {
                Button("common.ok", role: .cancel) {}
            } message: {
                Text(model.error ?? "")
            }
    }

    @ViewBuilder private var content: some View {
        switch model.step {
        case .starting, .ready:
            starting
        case .addOwnAccount:
            AddPayeeView(wallet: wallet, intro: "firstRun.addAccountIntro") { _ in
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
                Text("firstRun.notReady")
                    .multilineTextAlignment(.center)
                    .onAppear { Announcer.say(L10n.text("firstRun.notReady")) }
                Button("common.tryAgain") {
                    Task { await model.start() }
                }
                .disabled(model.busy)
            } else {
                VStack(spacing: 16) {
                    ProgressView()
                    Text("firstRun.preparing")
                        .multilineTextAlignment(.center)
                }
                .accessibilityElement(children: .combine)
            }
            if let note = model.scheduleNote {
                Text(note).font(.footnote).foregroundStyle(Palette.muted)
            }
        }
        .padding()
    }

    /// The optional check of this phone's number with the operator.
    private var phone: some View {
        Form {
            Section {
                Text("firstRun.phoneIntro")
                TextField("firstRun.phonePlaceholder", text: $model.phoneNumber)
                    .keyboardType(.phonePad)
                    .textContentType(.telephoneNumber)
            }
            Section {
                Button("firstRun.confirm") {
                    Task { await model.verifyPhone() }
                }
                .disabled(model.busy || model.phoneNumber.isEmpty)
                Button("common.notNow") {
                    Task { await model.skipPhone() }
                }
                .disabled(model.busy)
            }
        }
    }
}
