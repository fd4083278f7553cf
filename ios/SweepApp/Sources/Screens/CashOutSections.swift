import SwiftUI
import SweepCore

/// The planner's suggestion: which balances to sweep, each in one sentence,
/// what stays behind and why, and advice. Amounts are read aloud in words
/// in the wallet's `locale`.
struct PlanSummary: View {
    let plan: Plan
    let locale: String

    var body: some View {
        Section("plan.suggested") {
            ForEach(plan.legs, id: \.sourceId) { leg in
                VStack(alignment: .leading, spacing: 2) {
                    AmountRow(Text(leg.sourceName), amount: leg.net, locale: locale)
                    Text(leg.explanation).font(.footnote).foregroundStyle(Palette.muted)
                }
                .accessibilityElement(children: .combine)
            }
            AmountRow(Text("plan.fees"), amount: plan.totalFee, locale: locale)
            AmountRow(Text("plan.youWouldReceive"), amount: plan.totalNet, locale: locale).bold()
            if !plan.worthIt {
                Label {
                    Text("plan.notWorthIt")
                } icon: {
                    Image(systemName: "exclamationmark.triangle").foregroundStyle(Palette.error)
                        .accessibilityHidden(true)
                }
            }
            ForEach(plan.advice, id: \.text) { advice in
                Text(advice.text).font(.footnote)
            }
            ForEach(plan.leftOut, id: \.sourceId) { left in
                Text(L10n.text("plan.leftOut", left.sourceName, left.reason)).font(.footnote).foregroundStyle(Palette.muted)
            }
        }
    }
}

/// A locked quote, fee by fee, with its time limit. Amounts are read aloud
/// in words in the wallet's `locale`; the arrival time is the core's
/// ("약 24시간").
struct QuoteSummary: View {
    let quote: Quote
    let locale: String

    var body: some View {
        let breakdown = quote.breakdown
        Section("quote.from") {
            ForEach(breakdown.legs, id: \.sourceId) { leg in
                LabeledContent {
                    VStack(alignment: .trailing) {
                        Text(leg.gross.formatted)
                            .accessibilityLabel(Speech.amount(leg.gross.amount, locale: locale))
                        Text(L10n.text("quote.legFee", leg.fee.formatted)).font(.footnote).foregroundStyle(Palette.muted)
                            .accessibilityLabel(L10n.text("quote.legFee", Speech.amount(leg.fee.amount, locale: locale)))
                    }
                } label: {
                    Text(leg.sourceName)
                }
                .accessibilityElement(children: .combine)
            }
        }
        Section {
            AmountRow(Text("quote.takenFromBalances"), amount: breakdown.totalGross, locale: locale)
            AmountRow(Text("quote.withdrawalFee"), amount: breakdown.withdrawalFee, locale: locale)
            AmountRow(Text("quote.allFees"), amount: breakdown.totalFee, locale: locale)
            AmountRow(Text("cashOut.youReceive"), amount: breakdown.totalNet, locale: locale).bold()
            LabeledContent("quote.arrives", value: UserText.eta(seconds: breakdown.etaSeconds, locale: locale))
            LabeledContent {
                Text(quote.expiresAt, style: .timer)
            } label: {
                Text("quote.holdsFor")
            }
        } footer: {
            Text("quote.afterExpiry")
        }
    }
}

/// The short safety guide before the first cash-out (the scam shield's
/// guide, worded as on Android): phone-bill "cash-out" offers are illegal,
/// Sweep never asks for passwords or codes, and where to report fraud.
struct SafetyGuideSection: View {
    let lines: [String]

    var body: some View {
        Section("cashOut.safetyTitle") {
            ForEach(lines, id: \.self) { line in
                Label(line, systemImage: "shield.lefthalf.filled").font(.footnote)
            }
        }
    }
}

/// The scam shield's verdict on the quote under review: every reason on a
/// warning; on a step-up, the user must say they are sure before the
/// confirmation unlocks. The reasons are the core's sentences.
struct RiskSection: View {
    let risk: RiskAssessment
    let accepted: Bool
    let onAccept: () -> Void

    var body: some View {
        if !risk.reasons.isEmpty {
            Section {
                ForEach(risk.reasons, id: \.ruleId) { reason in
                    Label(reason.text, systemImage: reason.level == .stepUp ? "exclamationmark.octagon" : "exclamationmark.triangle")
                        .foregroundStyle(Palette.error)
                }
                if risk.level == .stepUp && !accepted {
                    Button("risk.accept", action: onAccept)
                }
            } header: {
                (risk.level == .stepUp ? Text("risk.stopTitle") : Text("risk.warnTitle"))
                    .accessibilityAddTraits(.isHeader)
            }
        }
    }
}
