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
        .navigationTitle("cashOut.title")
        .disabled(model.busy && model.step != .confirming)
        // On appear, and again at the other speed: the plan and the limits.
        .task(id: model.instant) { await model.load() }
        // The instant price follows the amount typed (offline).
        .task(id: model.amountText) { await model.priceInstant() }
        .refreshable { await model.load() }
        .onChange(of: model.step) { step in
            // The step's status replaces the form without moving VoiceOver's focus.
            if let status = Self.announcement(for: step) {
                Announcer.say(status)
            }
            // The moment a notification is worth asking for: one is on its way.
            if step == .submitted {
                Task { await StatusNotifications.requestPermission() }
            }
        }
        .alert("cashOut.alertTitle", isPresented: $model.showsError) {
            Button("common.ok", role: .cancel) {}
        } message: {
            Text(model.error ?? "")
        }
        .sheet(isPresented: $addingPayee) {
            NavigationStack {
                AddPayeeView(wallet: wallet) { payee in
                    model.added(payee)
                    addingPayee = false
                }
                .navigationTitle("payee.title")
                .navigationBarTitleDisplayMode(.inline)
                .toolbar {
                    ToolbarItem(placement: .cancellationAction) {
                        Button("common.cancel") { addingPayee = false }
                    }
                }
            }
        }
    }

    /// Amount, payee and the planner's suggestion.
    @ViewBuilder private var entry: some View {
        if let plan = model.suggestion {
            PlanSummary(plan: plan, locale: model.locale)
        }
        Section {
            TextField("cashOut.amountPlaceholder", text: $model.amountText)
                .keyboardType(.decimalPad)
                // The placeholder says what an empty field means; VoiceOver names the field.
                .accessibilityLabel(Text("cashOut.amountHeader"))
        } header: {
            Text("cashOut.amountHeader").accessibilityAddTraits(.isHeader)
        } footer: {
            VStack(alignment: .leading, spacing: 2) {
                Text("cashOut.amountFooter")
                ForEach(Array(zip(model.limits, model.limitsLabels)), id: \.0) { line in
                    Text(line.0).accessibilityLabel(line.1)
                }
            }
        }
        Section {
            Toggle(isOn: $model.instant) {
                VStack(alignment: .leading, spacing: 2) {
                    Text("cashOut.instant")
                    if let extra = model.instantExtra {
                        Text(extra).font(.footnote).foregroundStyle(Palette.muted)
                            .accessibilityLabel(model.instantExtraLabel ?? extra)
                    }
                }
            }
        } footer: {
            Text("cashOut.instantFooter")
        }
        Section("cashOut.to") {
            if model.payees.isEmpty {
                Text("cashOut.addAccountHint").foregroundStyle(Palette.muted)
            } else {
                Picker("cashOut.payee", selection: $model.payeeId) {
                    ForEach(model.payees, id: \.payeeId) { payee in
                        Text(payee.hint).tag(Optional(payee.payeeId))
                    }
                }
            }
            Button("cashOut.addAccount") { addingPayee = true }
        }
        Section {
            Button("cashOut.seeFees") {
                Task { await model.requestQuote() }
            }
            .disabled(model.payeeId == nil || model.busy)
        }
    }

    /// The locked quote: every fee before the confirmation.
    @ViewBuilder private var review: some View {
        if let quote = model.quote {
            QuoteSummary(quote: quote, locale: model.locale)
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
                        Image(systemName: "exclamationmark.triangle.fill").foregroundStyle(Palette.error)
                            .accessibilityHidden(true)
                    }
                }
                Button {
                    Task { await model.confirm(with: authenticator) }
                } label: {
                    Label("cashOut.confirmFaceId", systemImage: "faceid")
                }
                .disabled(authenticatorProblem != nil || model.busy || model.awaitsRiskAcceptance)
                Button("cashOut.changeAmount", role: .cancel) { model.edit() }
            }
        }
    }

    private var waiting: some View {
        Section {
            HStack(spacing: 12) {
                ProgressView()
                Text("cashOut.waiting")
            }
            .accessibilityElement(children: .combine)
        }
    }

    private var approving: some View {
        Section {
            HStack(spacing: 12) {
                ProgressView()
                Text("cashOut.approveAtBank")
            }
            .accessibilityElement(children: .combine)
        }
    }

    @ViewBuilder private var submitted: some View {
        if let withdrawal = model.withdrawal {
            Section("cashOut.submitted") {
                AmountRow(Text("cashOut.youReceive"), amount: withdrawal.net, locale: model.locale)
                NavigationLink("cashOut.followIt") {
                    WithdrawalTimelineView(wallet: wallet, withdrawalId: withdrawal.withdrawalId, locale: model.locale)
                }
            }
        }
    }

    /// What VoiceOver says when the screen moves to `step` on its own.
    private static func announcement(for step: CashOutStep) -> String? {
        switch step {
        case .enter, .review: return nil
        case .confirming: return L10n.text("cashOut.waiting")
        case .approvingAtBank: return L10n.text("cashOut.approveAtBank")
        case .submitted: return L10n.text("cashOut.submitted")
        }
    }
}
