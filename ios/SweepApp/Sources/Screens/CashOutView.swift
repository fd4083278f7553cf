import SwiftUI
import SweepCore

/// Cash out: the planner's suggestion, the amount and the payee, then a
/// locked quote with every fee shown before the user confirms with Face ID
/// (the Secure Enclave key signs exactly that amount, payee and quote).
struct CashOutView: View {
    let wallet: Wallet
    let authenticator: SecureEnclaveAuthenticator
    /// Why this device cannot confirm, if it cannot.
    let authenticatorProblem: String?
    @StateObject private var model: CashOutViewModel
    @State private var addingPayee = false

    init(wallet: Wallet, authenticator: SecureEnclaveAuthenticator, authenticatorProblem: String?, locale: String) {
        self.wallet = wallet
        self.authenticator = authenticator
        self.authenticatorProblem = authenticatorProblem
        _model = StateObject(wrappedValue: CashOutViewModel(wallet: wallet, browser: WebSignIn(), locale: locale))
    }

    var body: some View {
        Form {
            switch model.step {
            case .enter: entry
            case .review: review
            case .confirming: waiting
            case .approvingAtBank: approving
            case .submitted: submitted
            }
        }
        .navigationTitle("Cash out")
        .disabled(model.busy && model.step != .confirming)
        .task { await model.load() }
        .refreshable { await model.load() }
        .alert("Cash-out", isPresented: $model.showsError) {
            Button("OK", role: .cancel) {}
        } message: {
            Text(model.error ?? "")
        }
        .sheet(isPresented: $addingPayee) {
            AddBankAccountSheet { bank, account, holder in
                Task { await model.addBankAccount(bankCode: bank, accountNumber: account, holderName: holder) }
            }
        }
    }

    /// Amount, payee and the planner's suggestion.
    @ViewBuilder private var entry: some View {
        if let plan = model.suggestion {
            PlanSummary(plan: plan)
        }
        Section {
            TextField("Everything cashable", text: $model.amountText)
                .keyboardType(.decimalPad)
        } header: {
            Text("Amount to receive")
        } footer: {
            Text("Leave it empty to cash out everything you can.")
        }
        Section("To") {
            if model.payees.isEmpty {
                Text("Add a bank account to cash out to.").foregroundStyle(.secondary)
            } else {
                Picker("Payee", selection: $model.payeeId) {
                    ForEach(model.payees, id: \.payeeId) { payee in
                        Text(payee.hint).tag(Optional(payee.payeeId))
                    }
                }
            }
            Button("Add a bank account") { addingPayee = true }
        }
        Section {
            Button("See the fees") {
                Task { await model.requestQuote() }
            }
            .disabled(model.payeeId == nil || model.busy)
        }
    }

    /// The locked quote: every fee before the confirmation.
    @ViewBuilder private var review: some View {
        if let quote = model.quote {
            QuoteSummary(quote: quote)
            Section {
                if let authenticatorProblem {
                    Text(authenticatorProblem).foregroundStyle(.orange)
                }
                Button {
                    Task { await model.confirm(with: authenticator) }
                } label: {
                    Label("Confirm with Face ID", systemImage: "faceid")
                }
                .disabled(authenticatorProblem != nil || model.busy)
                Button("Change the amount", role: .cancel) { model.edit() }
            }
        }
    }

    private var waiting: some View {
        Section {
            HStack(spacing: 12) {
                ProgressView()
                Text("Waiting for your confirmation and the provider…")
            }
        }
    }

    private var approving: some View {
        Section {
            HStack(spacing: 12) {
                ProgressView()
                Text("Approve the payment from your bank at your bank. Nothing leaves it until you do.")
            }
        }
    }

    @ViewBuilder private var submitted: some View {
        if let withdrawal = model.withdrawal {
            Section("Submitted") {
                LabeledContent("You receive", value: withdrawal.net.formatted)
                NavigationLink("Follow it") {
                    WithdrawalTimelineView(wallet: wallet, withdrawalId: withdrawal.withdrawalId)
                }
            }
        }
    }
}
