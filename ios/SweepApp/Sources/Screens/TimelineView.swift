import SwiftUI
import SweepCore

/// A withdrawal's timeline: each state the provider reported, once, in
/// order, and the receipt at the end. Named so as not to shadow SwiftUI's
/// own `TimelineView`.
struct WithdrawalTimelineView: View {
    @StateObject private var model: TimelineViewModel

    init(wallet: Wallet, withdrawalId: UInt64, locale: String) {
        _model = StateObject(wrappedValue: TimelineViewModel(wallet: wallet, withdrawalId: withdrawalId, locale: locale))
    }

    var body: some View {
        List {
            if let withdrawal = model.withdrawal {
                Section {
                    AmountRow(Text("timeline.amount"), amount: withdrawal.net, locale: model.locale)
                    if let eta = withdrawal.eta {
                        LabeledContent("timeline.expected") {
                            Text(eta, style: .relative)
                        }
                    }
                }
            }
            Section("timeline.steps") {
                if model.entries.isEmpty {
                    ProgressView().accessibilityLabel(Text("common.loading"))
                }
                ForEach(model.entries) { entry in
                    HStack(alignment: .firstTextBaseline) {
                        // The step's words say what the symbol shows.
                        Image(systemName: Self.symbol(entry.state)).foregroundStyle(Self.tint(entry.state))
                            .accessibilityHidden(true)
                        VStack(alignment: .leading) {
                            Text(entry.label).accessibilityLabel(entry.spokenLabel)
                            Text(entry.at, style: .time).font(.caption).foregroundStyle(Palette.muted)
                        }
                    }
                    .accessibilityElement(children: .combine)
                }
            }
            if let receipt = model.receipt {
                Section("timeline.receiptTitle") {
                    Text(receipt).accessibilityLabel(model.receiptLabel ?? receipt)
                }
            }
            if model.cancellable {
                Section {
                    Button(role: .destructive) {
                        Task { await model.cancel() }
                    } label: {
                        // System red is 3.6:1 on white; the palette's error colour meets AA.
                        Text("timeline.cancel").foregroundStyle(Palette.error)
                    }
                }
            }
        }
        .navigationTitle("timeline.title")
        .task { await model.run() }
        .refreshable { await model.refresh() }
        // Each new step, and the receipt, as the provider reports them.
        .announcesChanges(of: model.entries.last?.spokenLabel)
        .announcesChanges(of: model.receiptLabel)
        .alert("timeline.title", isPresented: $model.showsError) {
            Button("common.ok", role: .cancel) {}
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
        case .completed: return Palette.primary
        case .failed: return Palette.error
        case .canceled, .returned: return Palette.muted
        default: return Palette.primary
        }
    }
}
