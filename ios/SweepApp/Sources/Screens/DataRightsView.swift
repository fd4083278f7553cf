import SwiftUI
import SweepCore

/// Your data: "Export my data" (masked or in full, then the share sheet)
/// and "Delete my account" (an explicit "I understand", its progress, then
/// what was done and the records the provider keeps). Once the account is
/// gone the only way on is a fresh start (`onStartFresh`): the back button
/// is hidden.
struct DataRightsView: View {
    @StateObject private var model: DataRightsViewModel
    let onStartFresh: () -> Void

    init(wallet: Wallet, keyProvider: KeyProvider, locale: String, onStartFresh: @escaping () -> Void) {
        _model = StateObject(wrappedValue: DataRightsViewModel(
            wallet: wallet, keyProvider: keyProvider, exportRoot: DataRightsViewModel.defaultExportRoot(), locale: locale
        ))
        self.onStartFresh = onStartFresh
    }

    var body: some View {
        List {
            if let deleted = model.deleted {
                deletedSections(deleted)
            } else {
                if let error = model.error {
                    Section {
                        Text(error).foregroundStyle(Palette.error)
                    }
                }
                exportSection
                deleteSection
            }
        }
        .navigationTitle("data.title")
        .navigationBarBackButtonHidden(model.startFresh)
        .announcesChanges(of: model.error)
        .announcesChanges(of: model.exported?.message)
        .announcesChanges(of: model.deleting)
        .announcesChanges(of: model.deleted?.note)
    }

    /// The export: what it holds, the question (masked or in full), then what was written and the share sheet.
    @ViewBuilder private var exportSection: some View {
        Section("data.exportTitle") {
            Text("data.exportIntro").font(.footnote)
            if let question = model.exportQuestion {
                Text(question.question).font(.headline)
                VStack(alignment: .leading, spacing: 4) {
                    Button("data.exportMasked") {
                        Task { await model.export(inFull: false) }
                    }
                    Text(question.maskedExplanation).font(.footnote).foregroundStyle(Palette.muted)
                }
                VStack(alignment: .leading, spacing: 4) {
                    Button("data.exportInFull") {
                        Task { await model.export(inFull: true) }
                    }
                    Text(question.inFullExplanation).font(.footnote).foregroundStyle(Palette.muted)
                }
                Button("common.cancel", role: .cancel) { model.cancelExport() }
            } else if model.exporting {
                ProgressView("data.exporting")
            } else {
                Button("data.export") { model.askToExport() }
                    .disabled(model.deleting != nil)
            }
            if let done = model.exported {
                Text(done.message)
                if let warning = done.warning {
                    Text(warning).font(.footnote).foregroundStyle(Palette.error)
                }
                Text("data.exportWhere").font(.footnote).foregroundStyle(Palette.muted)
                ShareLink(items: done.files) {
                    Label("data.exportShare", systemImage: "square.and.arrow.up")
                }
            }
        }
    }

    /// Deleting the account: what it does, an explicit "I understand", then the button that deletes.
    @ViewBuilder private var deleteSection: some View {
        Section("data.deleteTitle") {
            if let deleting = model.deleting {
                ProgressView {
                    Text(deleting)
                }
            } else if let question = model.deletion {
                Text(question.question).font(.headline)
                Text(question.explanation)
                Text(question.exportFirst).font(.footnote).foregroundStyle(Palette.muted)
                Toggle("data.deleteUnderstood", isOn: $model.understood)
                Button("data.deleteConfirm", role: .destructive) {
                    Task { await model.confirmDelete() }
                }
                .disabled(!model.understood)
                .foregroundStyle(Palette.error)
                Button("common.cancel", role: .cancel) { model.cancelDelete() }
            } else {
                Button("data.delete", role: .destructive) { model.askToDelete() }
                    .disabled(model.exporting)
                    .foregroundStyle(Palette.error)
            }
        }
    }

    /// What deleting the account did: the core's note, the provider's part,
    /// the records it keeps; then a fresh start.
    @ViewBuilder private func deletedSections(_ deleted: AccountDeleted) -> some View {
        Section {
            Text(deleted.note)
            Text(deleted.provider).font(.footnote)
        }
        if let intro = deleted.retainedIntro {
            Section {
                ForEach(deleted.retained, id: \.self) { line in
                    Text(line).font(.footnote)
                }
            } header: {
                Text(intro)
            }
        }
        Section {
            Button("data.startFresh", action: onStartFresh)
        }
    }
}
