import SwiftUI
import SweepCore

/// Adds the user's own bank account or wallet as a payee: the first run shows it
/// when there is none, and cash-out offers it in a sheet. The bank checks
/// the holder's name; on a close match the screen offers the bank's
/// spelling. An account in someone else's name is refused with the core's
/// warning, and (as on Android) no way around it is offered here.
struct AddPayeeView: View {
    /// Why the account is asked for, above the form: a string catalog key.
    let intro: LocalizedStringKey?
    /// Called with the payee once it is added.
    let onAdded: @MainActor (Payee) -> Void
    @StateObject private var model: AddPayeeViewModel

    init(wallet: Wallet, intro: LocalizedStringKey? = nil, onAdded: @escaping @MainActor (Payee) -> Void) {
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
                Picker("payee.where", selection: $model.toWallet) {
                    Text("payee.bankAccount").tag(false)
                    Text("payee.wallet").tag(true)
                }
                .pickerStyle(.segmented)
                TextField(firstField, text: $model.bankCode)
                    .keyboardType(model.toWallet ? .asciiCapable : .numberPad)
                TextField(secondField, text: $model.accountNumber)
                    .keyboardType(model.toWallet ? .asciiCapable : .numbersAndPunctuation)
                TextField("payee.holder", text: $model.holderName)
                    .textContentType(.name)
            } footer: {
                Text("payee.footer")
            }
            if let suggested = model.suggestedName {
                Section {
                    Button(L10n.text("payee.useBankSpelling", suggested)) { model.useSuggestedName() }
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
                        ProgressView().accessibilityLabel(Text("payee.adding"))
                    } else {
                        model.toWallet ? Text("payee.addWallet") : Text("payee.addAccount")
                    }
                }
                .disabled(!model.canAdd)
            }
        }
        .alert("payee.title", isPresented: $model.showsError) {
            Button("common.ok", role: .cancel) {}
        } message: {
            Text(model.error ?? "")
        }
    }

    /// The bank's code, or the wallet provider: the first field's title.
    private var firstField: LocalizedStringKey {
        model.toWallet ? "payee.walletProvider" : "payee.bankCode"
    }

    /// The account number, or the handle at the wallet: the second field's title.
    private var secondField: LocalizedStringKey {
        model.toWallet ? "payee.handle" : "payee.accountNumber"
    }
}
