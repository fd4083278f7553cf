import Foundation
import SweepCore

/// The export's one question: account numbers and names masked, or in full.
struct ExportQuestion: Equatable, Sendable {
    let question: String
    /// What "masked" means: the last four digits and a name's first letter.
    let maskedExplanation: String
    /// What "in full" means: anyone with the files reads everything.
    let inFullExplanation: String
}

/// What the last export wrote.
struct ExportDone: Equatable, Sendable {
    /// The folder the files are in.
    let folder: URL
    /// Every file written, the JSON document (`sweep-export.json`) first, for the share sheet.
    let files: [URL]
    let inFull: Bool
    /// "Exported … as 7 files."
    let message: String
    /// After an export in full: the files hold everything in plain text. `nil` when masked.
    let warning: String?
}

/// A deletion waiting for the user's explicit yes.
struct DeletionQuestion: Equatable, Sendable {
    let question: String
    /// What deleting does, and that it cannot be undone.
    let explanation: String
    /// "Export your data first if you want a copy."
    let exportFirst: String
}

/// What deleting the account did, to show before the app starts fresh.
struct AccountDeleted: Equatable, Sendable {
    /// The core's summary, in the wallet's language.
    let note: String
    /// What the provider deleted, or that it was never used.
    let provider: String
    /// Above `retained` when the provider keeps records; `nil` when it keeps none.
    let retainedIntro: String?
    /// One line per record the provider keeps as the law requires: which
    /// cash-out, until when, and why.
    let retained: [String]
}

/// Your data, as Android's `DataRightsStateHolder`: "Export my data" (asks
/// whether account numbers and names are masked or in full, writes the
/// files under `exportRoot` and says what it wrote, for the share sheet)
/// and "Delete my account" (asks, needs an explicit "I understand", shows
/// progress, then the core's note and the records the provider keeps as
/// the law requires; then `startFresh` tells the app to start over).
///
/// Export files are not encrypted, so only the latest export is kept under
/// `exportRoot`: each export removes the earlier ones, and deleting the
/// account removes them all. `keyProvider` is the one the wallet was opened
/// with: deleting the account has it delete the key that wraps the data key.
@MainActor
final class DataRightsViewModel: ObservableObject, ShowsErrors {
    /// The export's question, while it is asked (`nil` closes it).
    @Published var exportQuestion: ExportQuestion?
    /// An export is being written.
    @Published private(set) var exporting = false
    /// What the last export wrote.
    @Published private(set) var exported: ExportDone?
    /// The deletion's question, while it is asked (`nil` keeps the account).
    @Published var deletion: DeletionQuestion?
    /// The user turned on "I understand this cannot be undone" under the
    /// question: only then can `confirmDelete` go ahead. Off each time it is asked.
    @Published var understood = false
    /// The account is being deleted: what is going on, beside a spinner.
    @Published private(set) var deleting: String?
    /// What deleting the account did.
    @Published private(set) var deleted: AccountDeleted?
    /// The account is gone and the wallet closed: once the user has read
    /// `deleted`, the app drops this wallet and starts at a fresh first run.
    @Published private(set) var startFresh = false
    @Published var error: String?

    private let wallet: Wallet
    private let keyProvider: KeyProvider
    private let exportRoot: URL
    private let locale: String
    private let now: @Sendable () -> Date

    nonisolated private static let prefix = "sweep-export-"

    init(
        wallet: Wallet, keyProvider: KeyProvider, exportRoot: URL, locale: String = "ko-KR",
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.wallet = wallet
        self.keyProvider = keyProvider
        self.exportRoot = exportRoot
        self.locale = locale
        self.now = now
    }

    /// `Application Support/Exports`: the app's own, kept out of backups,
    /// and apart from the wallet's folder (deleting the account empties that one).
    nonisolated static func defaultExportRoot() -> URL {
        let support = (try? FileManager.default.url(
            for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true
        )) ?? FileManager.default.temporaryDirectory
        var root = support.appendingPathComponent("Exports", isDirectory: true)
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try? root.setResourceValues(values)
        return root
    }

    /// Asks how the export should show account numbers and names.
    func askToExport() {
        guard !startFresh else { return }
        deletion = nil
        error = nil
        exportQuestion = ExportQuestion(
            question: L10n.text("data.exportQuestion"),
            maskedExplanation: L10n.text("data.exportMaskedExplain"),
            inFullExplanation: L10n.text("data.exportInFullExplain")
        )
    }

    /// The user did not export after all.
    func cancelExport() {
        exportQuestion = nil
    }

    /// Writes the export the user chose (`inFull`: account numbers, payees
    /// and the verified name as they are; else masked) into a new folder
    /// under `exportRoot`, after removing earlier exports there.
    func export(inFull: Bool) async {
        guard !exporting, !startFresh else { return }
        exportQuestion = nil
        exporting = true
        defer { exporting = false }
        await attempt {
            self.removeExports()
            let folder = self.newFolder()
            let summary = try await self.wallet.exportData(path: folder.path, inFull: inFull)
            self.exported = ExportDone(
                folder: folder,
                files: summary.files.map { URL(fileURLWithPath: $0) },
                inFull: inFull,
                message: L10n.text("data.exported", summary.files.count),
                warning: inFull ? L10n.text("data.exportInFullWarning") : nil
            )
        }
    }

    /// Asks the user to confirm deleting the account; `understood` starts off.
    func askToDelete() {
        guard !startFresh, deleting == nil else { return }
        exportQuestion = nil
        error = nil
        understood = false
        deletion = DeletionQuestion(
            question: L10n.text("data.deleteQuestion"),
            explanation: L10n.text("data.deleteExplain"),
            exportFirst: L10n.text("data.deleteExportFirst")
        )
    }

    /// The user kept the account.
    func cancelDelete() {
        deletion = nil
    }

    /// Deletes the account the user confirmed, once they said they
    /// understand: the provider deletes the ID checks and photos (keeping
    /// cash-out records only as the law requires), every linked source's
    /// access is revoked, the key and the wallet's files go, and so do the
    /// exports on this phone. Refused while a cash-out is under way; if the
    /// provider cannot be reached nothing is deleted and the wallet stays
    /// as it was.
    func confirmDelete() async {
        guard deletion != nil, deleting == nil else { return }
        guard understood else {
            error = L10n.text("data.deleteNotConfirmed")
            return
        }
        deletion = nil
        understood = false
        error = nil
        deleting = L10n.text("data.deleting")
        defer { deleting = nil }
        do {
            let result = try await wallet.deleteAccount(keyProvider: keyProvider)
            removeExports()
            exported = nil
            deleted = outcome(result)
            startFresh = true
        } catch SweepError.InvalidInput(let field, _) where field == "account" {
            // The account is refused only while a cash-out is under way: its money must land first.
            error = L10n.text("data.deleteUnderWay")
        } catch {
            // The provider could not be reached or refused: nothing was deleted.
            self.error = L10n.text("data.deleteFailed", UserText.message(for: error))
        }
    }

    private func outcome(_ deletion: AccountDeletion) -> AccountDeleted {
        switch deletion.provider {
        case .notContacted:
            return AccountDeleted(
                note: deletion.note, provider: L10n.text("data.providerNotContacted"), retainedIntro: nil, retained: []
            )
        case .done(_, let sessions, let captures, let retained):
            return AccountDeleted(
                note: deletion.note,
                provider: L10n.text("data.providerDeleted", Int(sessions), Int(captures)),
                retainedIntro: retained.isEmpty ? nil : L10n.text("data.retainedIntro"),
                retained: retained.map { kept in
                    L10n.text("data.retained", kept.withdrawalId, until(kept.retainUntil), kept.reason)
                }
            )
        }
    }

    /// An RFC 3339 moment in the wallet's locale and time zone; as the
    /// provider wrote it if it cannot be read.
    private func until(_ rfc3339: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: rfc3339) else { return rfc3339 }
        return UserText.time(date, locale: locale)
    }

    /// A new folder under `exportRoot`, named by the time (UTC), not created yet: the core creates it.
    private func newFolder() -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let stamp = formatter.string(from: now())
        var folder = exportRoot.appendingPathComponent(Self.prefix + stamp, isDirectory: true)
        var n = 2
        while FileManager.default.fileExists(atPath: folder.path) {
            folder = exportRoot.appendingPathComponent("\(Self.prefix)\(stamp)-\(n)", isDirectory: true)
            n += 1
        }
        return folder
    }

    /// Removes every earlier export under `exportRoot` (and nothing else there).
    private func removeExports() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: exportRoot.path)) ?? []
        for name in names where name.hasPrefix(Self.prefix) {
            try? FileManager.default.removeItem(at: exportRoot.appendingPathComponent(name, isDirectory: true))
        }
    }
}
