import SwiftUI
import SweepCore

/// Every source with its balance, what it may become and how fresh it is;
/// pull to sync. Sources that need a new sign-in offer it in place, and
/// linked phone-bill money offers its refund to the bill.
struct DashboardView: View {
    let wallet: Wallet
    /// What the first run found (stale fees, work carried on), until dismissed.
    @Binding var startNote: String?
    @StateObject private var model: DashboardViewModel
    @State private var linking = false
    @State private var relinking: RelinkTarget?
    @State private var refunding: RefundTarget?
    @State private var confirmingRefund = false

    init(wallet: Wallet, locale: String, startNote: Binding<String?>) {
        self.wallet = wallet
        _startNote = startNote
        _model = StateObject(wrappedValue: DashboardViewModel(wallet: wallet, locale: locale))
    }

    var body: some View {
        List {
            notes
            totals
            Section("Sources") {
                if model.sources.isEmpty && !model.loading {
                    Text("No sources yet. Link one to see its balance.")
                        .foregroundStyle(.secondary)
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
        }
        .overlay { if model.loading { ProgressView() } }
        .navigationTitle("Balances")
        .toolbar {
            ToolbarItem(placement: .primaryAction) {
                Button {
                    linking = true
                } label: {
                    Label("Link a source", systemImage: "plus")
                }
            }
        }
        .refreshable { await model.sync() }
        .task { await model.run() }
        .alert("Could not refresh", isPresented: $model.showsError) {
            Button("OK", role: .cancel) {}
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
            "Refund to your phone bill?",
            isPresented: $confirmingRefund,
            titleVisibility: .visible,
            presenting: refunding
        ) { target in
            Button("Refund \(target.name) to my phone bill") {
                Task { await model.refundToBill(sourceId: target.id) }
            }
            Button("Not now", role: .cancel) {}
        } message: { _ in
            Text("Phone-bill payments never become cash: Sweep refunds what can still be refunded to the bill it came from.")
        }
    }

    /// What the first run found, and what the last refund did.
    @ViewBuilder private var notes: some View {
        if let note = startNote {
            Section {
                Text(note).font(.footnote)
                Button("Dismiss") { startNote = nil }.font(.footnote)
            }
        }
        if let refunded = model.refunded {
            Section {
                Label(refunded, systemImage: "arrow.uturn.backward.circle")
                Button("Dismiss") { model.refunded = nil }.font(.footnote)
            }
        }
    }

    /// The cashable totals, and the sync's progress while it runs.
    @ViewBuilder private var totals: some View {
        Section("Cashable now") {
            if model.cashable.isEmpty {
                Text("Nothing to cash out yet").foregroundStyle(.secondary)
            }
            ForEach(model.cashable, id: \.self) { total in
                Text(total).font(.title2.bold())
            }
            if model.syncing {
                ProgressView(value: Double(model.synced), total: Double(max(model.syncTotal, 1))) {
                    Text("Syncing \(model.synced) of \(model.syncTotal)")
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
                Text(row.terms).font(.footnote).foregroundStyle(.secondary)
            }
            HStack {
                Text(row.freshness).font(.caption).foregroundStyle(row.needsAttention ? .orange : .secondary)
                if row.needsAttention {
                    Spacer()
                    Button("Sign in again", action: signInAgain).font(.caption.bold()).buttonStyle(.borderless)
                }
            }
            // Phone-bill money is never cashed out (소액결제 현금화 is illegal): it goes back to the bill.
            if row.canRefundToBill {
                Button("Refund to my phone bill", action: refundToBill).font(.caption.bold()).buttonStyle(.borderless)
            }
        }
        .accessibilityElement(children: .combine)
    }
}
