import SwiftUI
import SweepCore

/// Every source with its balance, what it may become and how fresh it is;
/// pull to sync. Sources that need a new sign-in offer it in place, and
/// linked phone-bill money offers its refund to the bill. At the end, the
/// way to the user's data: export it, or delete the account.
struct DashboardView: View {
    let wallet: Wallet
    /// The key provider the wallet was opened with (deleting the account deletes its key).
    let keyProvider: KeyProvider
    let locale: String
    /// The account was deleted and the user has read what was done: the app starts over.
    let onStartFresh: () -> Void
    /// What the first run found (stale fees, work carried on), until dismissed.
    @Binding var startNote: String?
    /// A source whose sign-in a tapped reminder asked for: its sheet opens, and this is cleared.
    @Binding var relinkRequest: UInt64?
    @StateObject private var model: DashboardViewModel
    @State private var linking = false
    @State private var relinking: RelinkTarget?
    @State private var refunding: RefundTarget?
    @State private var confirmingRefund = false

    init(
        wallet: Wallet, locale: String, startNote: Binding<String?>, relinkRequest: Binding<UInt64?> = .constant(nil),
        keyProvider: KeyProvider, onStartFresh: @escaping () -> Void
    ) {
        self.wallet = wallet
        self.keyProvider = keyProvider
        self.locale = locale
        self.onStartFresh = onStartFresh
        _startNote = startNote
        _relinkRequest = relinkRequest
        _model = StateObject(wrappedValue: DashboardViewModel(wallet: wallet, locale: locale))
    }

    var body: some View {
        List {
            notes
            totals
            advice
            Section("dashboard.sources") {
                if model.sources.isEmpty && !model.loading {
                    Text("dashboard.noSources")
                        .foregroundStyle(Palette.muted)
                }
                ForEach(model.sources) { source in
                    SourceRowView(
                        row: source,
                        signInAgain: { relinking = RelinkTarget(id: source.id) },
                        refundToBill: {
                            refunding = RefundTarget(id: source.id, name: source.name)
                            confirmingRefund = true
                        }
                    )
                }
            }
            // Export everything Sweep holds, or delete the account.
            Section {
                NavigationLink {
                    DataRightsView(wallet: wallet, keyProvider: keyProvider, locale: locale, onStartFresh: onStartFresh)
                } label: {
                    Text("dashboard.yourData")
                }
            }
        }
        .overlay {
            if model.loading {
                ProgressView().accessibilityLabel(Text("common.loading"))
            }
        }
        .navigationTitle("dashboard.title")
        .toolbar {
            ToolbarItem(placement: .primaryAction) {
                Button {
                    linking = true
                } label: {
                    // The toolbar shows the plus alone; VoiceOver reads the title.
                    Label("dashboard.link", systemImage: "plus")
                }
            }
        }
        .refreshable { await model.sync() }
        .task { await model.run() }
        .alert("dashboard.refreshFailed", isPresented: $model.showsError) {
            Button("common.ok", role: .cancel) {}
        } message: {
            Text(model.error ?? "")
        }
        .sheet(isPresented: $linking, onDismiss: { refresh() }) {
            LinkSourceView(wallet: wallet, relink: nil)
        }
        .sheet(item: $relinking, onDismiss: { refresh() }) { target in
            LinkSourceView(wallet: wallet, relink: target.id)
        }
        .confirmationDialog(
            "dashboard.refundConfirmTitle",
            isPresented: $confirmingRefund,
            titleVisibility: .visible,
            presenting: refunding
        ) { target in
            Button(L10n.text("dashboard.refundConfirm", target.name)) {
                Task { await model.refundToBill(sourceId: target.id) }
            }
            Button("common.notNow", role: .cancel) {}
        } message: { _ in
            Text("dashboard.refundExplain")
        }
        .announcesChanges(of: model.refunded)
        .onAppear { takeRelinkRequest() }
        .onChange(of: relinkRequest) { _ in takeRelinkRequest() }
    }

    /// Opens the sign-in sheet a tapped reminder asked for.
    private func takeRelinkRequest() {
        guard let sourceId = relinkRequest else { return }
        relinkRequest = nil
        relinking = RelinkTarget(id: sourceId)
    }

    /// What the first run found, and what the last refund did.
    @ViewBuilder private var notes: some View {
        if let note = startNote {
            Section {
                Text(note).font(.footnote)
                Button("common.dismiss") { startNote = nil }.font(.footnote)
            }
        }
        if let refunded = model.refunded {
            Section {
                Label(refunded, systemImage: "arrow.uturn.backward.circle")
                    .accessibilityLabel(model.refundedLabel ?? refunded)
                Button("common.dismiss") { model.refunded = nil }.font(.footnote)
            }
        }
    }

    /// The cashable totals, the currencies the provider does not pay out,
    /// and the sync's progress while it runs.
    @ViewBuilder private var totals: some View {
        Section("dashboard.cashableNow") {
            if model.cashable.isEmpty {
                Text("dashboard.nothingCashable").foregroundStyle(Palette.muted)
            }
            ForEach(model.cashable, id: \.self) { total in
                Text(total.text).font(.title2.bold())
                    .accessibilityLabel(total.label)
            }
            // Currencies the provider does not pay out, in the core's words: that money is tracked, not cashable.
            ForEach(model.notPaidOut, id: \.self) { note in
                Text(note).font(.footnote).foregroundStyle(Palette.muted)
            }
            if model.syncing {
                ProgressView(value: Double(model.synced), total: Double(max(model.syncTotal, 1))) {
                    Text(L10n.text("dashboard.syncing", model.synced, model.syncTotal))
                }
                .accessibilityAddTraits(.updatesFrequently)
            }
        }
    }

    /// What balances may still give back, or lose soon, under the refund
    /// rules (a tapped reminder lands here), each with the rule it rests on.
    @ViewBuilder private var advice: some View {
        if !model.refundAdvice.isEmpty {
            Section("dashboard.refundAdvice") {
                ForEach(model.refundAdvice) { line in
                    VStack(alignment: .leading, spacing: 4) {
                        Text(line.text)
                            .accessibilityLabel(line.label)
                        Text(line.basis)
                            .font(.footnote)
                            .foregroundStyle(Palette.muted)
                    }
                }
            }
        }
    }

    private func refresh() {
        Task { await model.refresh() }
    }
}

/// The source a relink sheet is for.
private struct RelinkTarget: Identifiable {
    let id: UInt64
}

/// The phone-bill source a refund is asked for.
private struct RefundTarget: Identifiable {
    let id: UInt64
    let name: String
}

/// One source: name and balance, eligibility, terms and freshness; its
/// buttons are borderless so that each takes only its own taps in the row.
/// VoiceOver reads the row as one element (the balance in words) and
/// offers its buttons as actions.
private struct SourceRowView: View {
    let row: SourceRow
    let signInAgain: () -> Void
    let refundToBill: () -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            HStack {
                Text(row.name).font(.headline)
                Spacer()
                Text(row.balance).font(.headline.monospacedDigit())
                    .accessibilityLabel(row.balanceLabel)
            }
            Text(row.eligibility).font(.subheadline)
            if !row.terms.isEmpty {
                Text(row.terms).font(.footnote).foregroundStyle(Palette.muted)
            }
            HStack {
                Text(row.freshness).font(.caption).foregroundStyle(row.needsAttention ? Palette.error : Palette.muted)
                if row.needsAttention {
                    Spacer()
                    Button("dashboard.signInAgain", action: signInAgain).font(.caption.bold()).buttonStyle(.borderless)
                }
            }
            // Phone-bill money is never cashed out (소액결제 현금화 is illegal): it goes back to the bill.
            if row.canRefundToBill {
                Button("dashboard.refundToBill", action: refundToBill).font(.caption.bold()).buttonStyle(.borderless)
            }
        }
        .accessibilityElement(children: .combine)
    }
}
