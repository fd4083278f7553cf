import SwiftUI
import SweepCore

/// Every cash-out, newest first: when, how much, where it stands. Each opens
/// its timeline, which ends with the receipt once the money arrived; one
/// that has not gone out yet can be canceled here.
struct HistoryView: View {
    let wallet: Wallet
    /// The wallet's locale, for times and amounts.
    let locale: String
    @StateObject private var model: HistoryViewModel

    init(wallet: Wallet, locale: String) {
        self.wallet = wallet
        self.locale = locale
        _model = StateObject(wrappedValue: HistoryViewModel(wallet: wallet, locale: locale))
    }

    var body: some View {
        List {
            if model.rows.isEmpty && !model.loading {
                Text("history.empty").foregroundStyle(Palette.muted)
            }
            ForEach(model.rows) { row in
                Section {
                    NavigationLink {
                        WithdrawalTimelineView(wallet: wallet, withdrawalId: row.id, locale: locale)
                    } label: {
                        HistoryRowView(row: row)
                    }
                    if row.canCancel {
                        Button(role: .destructive) {
                            Task { await model.cancel(row.id) }
                        } label: {
                            // System red is 3.6:1 on white; the palette's error colour meets AA.
                            Text("history.cancel").foregroundStyle(Palette.error)
                        }
                    }
                }
            }
        }
        .overlay {
            if model.loading {
                ProgressView().accessibilityLabel(Text("common.loading"))
            }
        }
        .navigationTitle("history.title")
        .task { await model.run() }
        .refreshable { await model.refresh() }
        .alert("history.title", isPresented: $model.showsError) {
            Button("common.ok", role: .cancel) {}
        } message: {
            Text(model.error ?? "")
        }
    }
}

/// One cash-out: when it was asked for (as the core writes it, on the
/// wallet locale's clock), what arrives, where it stands, and whether its
/// receipt is ready; VoiceOver reads it as one element, the amount in words.
private struct HistoryRowView: View {
    let row: HistoryRow

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            HStack {
                Text(row.askedAtText).font(.subheadline)
                Spacer()
                Text(row.amount).font(.headline.monospacedDigit())
                    .accessibilityLabel(row.amountLabel)
            }
            HStack {
                Text(row.status).font(.footnote).foregroundStyle(Palette.muted)
                Spacer()
                // Secondary, not the tint: small blue text on white is below WCAG AA.
                (row.hasReceipt ? Text("history.receipt") : Text("history.timeline")).font(.caption).foregroundStyle(Palette.muted)
            }
        }
        .accessibilityElement(children: .combine)
    }
}
