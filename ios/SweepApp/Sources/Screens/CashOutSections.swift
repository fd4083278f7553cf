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
                Text("The fees take most of it; waiting for more may be better.").foregroundStyle(.orange)
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

/// A Korean bank account to cash out to; the provider checks the holder's name.
struct AddBankAccountSheet: View {
    /// Called with the bank code, the account number and the holder's name.
    let onAdd: (String, String, String) -> Void
    @Environment(\.dismiss) private var dismiss
    @State private var bankCode = ""
    @State private var accountNumber = ""
    @State private var holderName = ""

    var body: some View {
        NavigationStack {
            Form {
                TextField("Bank code (for example 088)", text: $bankCode).keyboardType(.numberPad)
                TextField("Account number", text: $accountNumber).keyboardType(.numbersAndPunctuation)
                TextField("Account holder's name", text: $holderName).textContentType(.name)
            }
            .navigationTitle("Bank account")
            .toolbar {
                ToolbarItem(placement: .cancellationAction) {
                    Button("Cancel") { dismiss() }
                }
                ToolbarItem(placement: .confirmationAction) {
                    Button("Add") {
                        onAdd(bankCode, accountNumber, holderName)
                        dismiss()
                    }
                    .disabled(bankCode.isEmpty || accountNumber.isEmpty || holderName.isEmpty)
                }
            }
        }
    }
}
