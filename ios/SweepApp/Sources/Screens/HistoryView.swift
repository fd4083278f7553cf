import SwiftUI
import SweepCore

/// Every cash-out, newest first: when, how much, where it stands. Each opens
/// its timeline, which ends with the receipt once the money arrived; one
/// that has not gone out yet can be canceled here.
struct HistoryView: View {
    let wallet: Wallet
    @StateObject private var model: HistoryViewModel

    init(wallet: Wallet) {
        self.wallet = wallet
        _model = StateObject(wrappedValue: HistoryViewModel(wallet: wallet))
    }

    var body: some View {
        List {
            if model.rows.isEmpty && !model.loading {
                Text("No cash-outs yet.").foregroundStyle(.secondary)
            }
            ForEach(model.rows) { row in
                Section {
                    NavigationLink {
                        WithdrawalTimelineView(wallet: wallet, withdrawalId: row.id)
                    } label: {
                        HistoryRowView(row: row)
                    }
                    if row.canCancel {
                        Button("Cancel this cash-out", role: .destructive) {
                            Task { await model.cancel(row.id) }
                        }
                    }
                }
            }
        }
        .overlay { if model.loading { ProgressView() } }
        .navigationTitle("Your cash-outs")
        .task { await model.run() }
        .refreshable { await model.refresh() }
        .alert("Cash-outs", isPresented: $model.showsError) {
            Button("OK", role: .cancel) {}
        } message: {
            Text(model.error ?? "")
        }
    }
}

/// One cash-out: when it was asked for (in the user's time zone), what
/// arrives, where it stands, and whether its receipt is ready.
private struct HistoryRowView: View {
    let row: HistoryRow

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            HStack {
                Text(row.askedAt, format: .dateTime.year().month().day().hour().minute())
                    .font(.subheadline)
                Spacer()
                Text(row.amount).font(.headline.monospacedDigit())
                    .accessibilityLabel(row.amountLabel)
            }
            HStack {
                Text(row.status).font(.footnote).foregroundStyle(.secondary)
                Spacer()
                // Secondary, not the tint: small blue text on white is below WCAG AA.
                Text(row.hasReceipt ? "Receipt" : "Timeline").font(.caption).foregroundStyle(.secondary)
            }
        }
        .accessibilityElement(children: .combine)
    }
}
