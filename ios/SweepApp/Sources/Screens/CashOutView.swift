import SwiftUI
import SweepCore

/// Cash out: the planner's suggestion, the amount with what is left of the
/// limits, instant payout with its price, and the payee; then a locked
/// quote with every fee, the scam shield's check and (before the first
/// cash-out) the safety guide, all shown before the user confirms with
/// Face ID (the Secure Enclave key signs exactly that amount, payee and
/// quote).
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
        // On appear, and again at the other speed: the plan and the limits.
        .task(id: model.instant) { await model.load() }
        // The instant price follows the amount typed (offline).
        .task(id: model.amountText) { await model.priceInstant() }
        .refreshable { await model.load() }
        .onChange(of: model.step) { step in
            // The moment a notification is worth asking for: one is on its way.
            if step == .submitted {
                Task { await StatusNotifications.requestPermission() }
            }
        }
        .alert("Cash-out", isPresented: $model.showsError) {
            Button("OK", role: .cancel) {}
        } message: {
            Text(model.error ?? "")
        }
        .sheet(isPresented: $addingPayee) {
            NavigationStack {
                AddPayeeView(wallet: wallet) { payee in
                    model.added(payee)
                    addingPayee = false
                }
                .navigationTitle("Bank account")
                .navigationBarTitleDisplayMode(.inline)
                .toolbar {
                    ToolbarItem(placement: .cancellationAction) {
                        Button("Cancel") { addingPayee = false }
                    }
                }
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
            VStack(alignment: .leading, spacing: 2) {
                Text("Leave it empty to cash out everything you can.")
                ForEach(model.limits, id: \.self) { line in
                    Text(line)
                }
            }
        }
        Section {
            Toggle(isOn: $model.instant) {
                VStack(alignment: .leading, spacing: 2) {
                    Text("Instant payout")
                    if let extra = model.instantExtra {
                        Text(extra).font(.footnote).foregroundStyle(.secondary)
                    }
                }
            }
        } footer: {
            Text("Instant arrives within minutes; the standard payout costs less.")
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
            if !model.safetyGuide.isEmpty {
                SafetyGuideSection(lines: model.safetyGuide)
            }
            if let risk = model.risk {
                RiskSection(risk: risk, accepted: model.riskAccepted) { model.acceptRisk() }
            }
            Section {
                if let authenticatorProblem {
                    // The text in the primary colour (orange text fails WCAG AA
                    // on white); the warning sign carries the colour.
                    Label {
                        Text(authenticatorProblem)
                    } icon: {
                        Image(systemName: "exclamationmark.triangle.fill").foregroundStyle(.orange)
                    }
                }
                Button {
                    Task { await model.confirm(with: authenticator) }
                } label: {
                    Label("Confirm with Face ID", systemImage: "faceid")
                }
                .disabled(authenticatorProblem != nil || model.busy || model.awaitsRiskAcceptance)
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
