import SwiftUI
import SweepCore

/// A withdrawal's timeline: each state the provider reported, once, in
/// order, and the receipt at the end. Named so as not to shadow SwiftUI's
/// own `TimelineView`.
struct WithdrawalTimelineView: View {
    @StateObject private var model: TimelineViewModel

    init(wallet: Wallet, withdrawalId: UInt64) {
        _model = StateObject(wrappedValue: TimelineViewModel(wallet: wallet, withdrawalId: withdrawalId))
    }

    var body: some View {
        List {
            if let withdrawal = model.withdrawal {
                Section {
                    LabeledContent("Amount", value: withdrawal.net.formatted)
                    if let eta = withdrawal.eta {
                        LabeledContent("Expected") {
                            Text(eta, style: .relative)
                        }
                    }
                }
            }
            Section("Timeline") {
                if model.entries.isEmpty {
                    ProgressView()
                }
                ForEach(model.entries) { entry in
                    HStack(alignment: .firstTextBaseline) {
                        Image(systemName: Self.symbol(entry.state)).foregroundStyle(Self.tint(entry.state))
                        VStack(alignment: .leading) {
                            Text(entry.label)
                            Text(entry.at, style: .time).font(.caption).foregroundStyle(.secondary)
                        }
                    }
                }
            }
            if let receipt = model.receipt {
                Section("Receipt") {
                    Text(receipt)
                }
            }
            if model.cancellable {
                Section {
                    Button("Cancel this withdrawal", role: .destructive) {
                        Task { await model.cancel() }
                    }
                }
            }
        }
        .navigationTitle("Withdrawal")
        .task { await model.run() }
        .refreshable { await model.refresh() }
        .alert("Withdrawal", isPresented: $model.showsError) {
            Button("OK", role: .cancel) {}
        } message: {
            Text(model.error ?? "")
        }
    }

    private static func symbol(_ state: WithdrawalState) -> String {
        switch state {
        case .requested: return "clock"
        case .processing: return "gearshape"
        case .sent: return "paperplane"
        case .completed: return "checkmark.circle.fill"
        case .failed: return "xmark.octagon"
        case .canceled, .returned: return "arrow.uturn.backward.circle"
        }
    }

    private static func tint(_ state: WithdrawalState) -> Color {
        switch state {
        case .completed: return .green
        case .failed: return .red
        case .canceled, .returned: return .orange
        default: return .accentColor
        }
    }
}
