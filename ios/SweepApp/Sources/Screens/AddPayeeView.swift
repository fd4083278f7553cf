import SwiftUI
import SweepCore

/// Adds the user's own bank account or wallet as a payee: the first run shows it
/// when there is none, and cash-out offers it in a sheet. The bank checks
/// the holder's name; on a close match the screen offers the bank's
/// spelling. An account in someone else's name is refused with the core's
/// warning, and (as on Android) no way around it is offered here.
struct AddPayeeView: View {
    /// Why the account is asked for, above the form.
    let intro: String?
    /// Called with the payee once it is added.
    let onAdded: @MainActor (Payee) -> Void
    @StateObject private var model: AddPayeeViewModel

    init(wallet: Wallet, intro: String? = nil, onAdded: @escaping @MainActor (Payee) -> Void) {
        self.intro = intro
        self.onAdded = onAdded
        _model = StateObject(wrappedValue: AddPayeeViewModel(wallet: wallet))
    }

    var body: some View {
        Form {
            if let intro {
                Section {
                    Text(intro)
                }
            }
            Section {
                Picker("Where", selection: $model.toWallet) {
                    Text("Bank account").tag(false)
                    Text("Wallet").tag(true)
                }
                .pickerStyle(.segmented)
                TextField(model.toWallet ? "Wallet, for example toss or kakaopay" : "Bank code, for example 088", text: $model.bankCode)
                    .keyboardType(model.toWallet ? .asciiCapable : .numberPad)
                TextField(model.toWallet ? "Your handle there" : "Account number", text: $model.accountNumber)
                    .keyboardType(model.toWallet ? .asciiCapable : .numbersAndPunctuation)
                TextField("Account holder (your name)", text: $model.holderName)
                    .textContentType(.name)
            } footer: {
                Text("Cash-outs go to accounts in your own name. A new account can receive only a small amount until its waiting period ends.")
            }
            if let suggested = model.suggestedName {
                Section {
                    Button("Use the bank's spelling: \(suggested)") { model.useSuggestedName() }
                }
            }
            Section {
                Button {
                    Task {
                        if let payee = await model.add() {
                            onAdded(payee)
                        }
                    }
                } label: {
                    if model.busy {
                        ProgressView()
                    } else {
                        Text(model.toWallet ? "Add my wallet" : "Add my account")
                    }
                }
                .disabled(!model.canAdd)
            }
        }
        .alert("Bank account", isPresented: $model.showsError) {
            Button("OK", role: .cancel) {}
        } message: {
            Text(model.error ?? "")
        }
    }
}
