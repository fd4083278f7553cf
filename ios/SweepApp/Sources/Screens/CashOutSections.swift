import SwiftUI
import SweepCore

/// The planner's suggestion: which balances to sweep, each in one sentence,
/// what stays behind and why, and advice.
struct PlanSummary: View {
    let plan: Plan

    var body: some View {
        Section("Suggested") {
            ForEach(plan.legs, id: \.sourceId) { leg in
                VStack(alignment: .leading, spacing: 2) {
                    LabeledContent(leg.sourceName, value: leg.net.formatted)
                    Text(leg.explanation).font(.footnote).foregroundStyle(.secondary)
                }
            }
            LabeledContent("Fees", value: plan.totalFee.formatted)
            LabeledContent("You would receive", value: plan.totalNet.formatted).bold()
            if !plan.worthIt {
                Label {
                    Text("The fees take most of it; waiting for more may be better.")
                } icon: {
                    Image(systemName: "exclamationmark.triangle").foregroundStyle(.orange)
                }
            }
            ForEach(plan.advice, id: \.text) { advice in
                Text(advice.text).font(.footnote)
            }
            ForEach(plan.leftOut, id: \.sourceId) { left in
                Text("\(left.sourceName): \(left.reason)").font(.footnote).foregroundStyle(.secondary)
            }
        }
    }
}

/// A locked quote, fee by fee, with its time limit.
struct QuoteSummary: View {
    let quote: Quote

    var body: some View {
        let breakdown = quote.breakdown
        Section("From") {
            ForEach(breakdown.legs, id: \.sourceId) { leg in
                LabeledContent(leg.sourceName) {
                    VStack(alignment: .trailing) {
                        Text(leg.gross.formatted)
                        Text("fee \(leg.fee.formatted)").font(.footnote).foregroundStyle(.secondary)
                    }
                }
            }
        }
        Section {
            LabeledContent("Taken from your balances", value: breakdown.totalGross.formatted)
            LabeledContent("Withdrawal fee", value: breakdown.withdrawalFee.formatted)
            LabeledContent("All fees", value: breakdown.totalFee.formatted)
            LabeledContent("You receive", value: breakdown.totalNet.formatted).bold()
            LabeledContent("Arrives", value: UserText.eta(seconds: breakdown.etaSeconds))
        } footer: {
            Text("This quote holds for \(Text(quote.expiresAt, style: .timer)); after that, ask for a new one.")
        }
    }
}

/// The short safety guide before the first cash-out (the scam shield's
/// guide, worded as on Android): phone-bill "cash-out" offers are illegal,
/// Sweep never asks for passwords or codes, and where to report fraud.
struct SafetyGuideSection: View {
    let lines: [String]

    var body: some View {
        Section("Before your first cash-out") {
            ForEach(lines, id: \.self) { line in
                Label(line, systemImage: "shield.lefthalf.filled").font(.footnote)
            }
        }
    }
}

/// The scam shield's verdict on the quote under review: every reason on a
/// warning; on a step-up, the user must say they are sure before the
/// confirmation unlocks.
struct RiskSection: View {
    let risk: RiskAssessment
    let accepted: Bool
    let onAccept: () -> Void

    var body: some View {
        if !risk.reasons.isEmpty {
            Section {
                ForEach(risk.reasons, id: \.ruleId) { reason in
                    Label(reason.text, systemImage: reason.level == .stepUp ? "exclamationmark.octagon" : "exclamationmark.triangle")
                        .foregroundStyle(reason.level == .stepUp ? Color.red : Color.orange)
                }
                if risk.level == .stepUp && !accepted {
                    Button("I understand, and I am sure", action: onAccept)
                }
            } header: {
                Text(risk.level == .stepUp ? "Stop and check" : "Before you confirm")
            }
        }
    }
}
