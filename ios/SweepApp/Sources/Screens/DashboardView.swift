import SwiftUI
import SweepCore

/// Every source with its balance, what it may become and how fresh it is;
/// pull to sync. Sources that need a new sign-in offer it in place.
struct DashboardView: View {
    let wallet: Wallet
    @StateObject private var model: DashboardViewModel
    @State private var linking = false
    @State private var relinking: RelinkTarget?

    init(wallet: Wallet) {
        self.wallet = wallet
        _model = StateObject(wrappedValue: DashboardViewModel(wallet: wallet))
    }

    var body: some View {
        List {
            totals
            Section("Sources") {
                if model.sources.isEmpty && !model.loading {
                    Text("No sources yet. Link one to see its balance.")
                        .foregroundStyle(.secondary)
                }
                ForEach(model.sources) { source in
                    SourceRowView(row: source) { relinking = RelinkTarget(id: source.id) }
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

/// One source: name and balance, eligibility, terms and freshness.
private struct SourceRowView: View {
    let row: SourceRow
    let signInAgain: () -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            HStack {
                Text(row.name).font(.headline)
                Spacer()
                Text(row.balance).font(.headline.monospacedDigit())
            }
            Text(row.eligibility).font(.subheadline)
            if !row.terms.isEmpty {
                Text(row.terms).font(.footnote).foregroundStyle(.secondary)
            }
            HStack {
                Text(row.freshness).font(.caption).foregroundStyle(row.needsAttention ? .orange : .secondary)
                if row.needsAttention {
                    Spacer()
                    Button("Sign in again", action: signInAgain).font(.caption.bold())
                }
            }
        }
        .accessibilityElement(children: .combine)
    }
}
