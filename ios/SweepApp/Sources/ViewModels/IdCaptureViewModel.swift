import Foundation
import SweepCore

/// Where an ID check stands on the capture screen.
enum CapturePhase: Equatable {
    case idle, checking, retake, uploading, processing, verified, notVerified, failed
}

/// The ID-capture screen. The camera writes the photo to a file and passes
/// its path; the core checks it, strips its metadata, seals it in its outbox
/// and uploads it resumably to the verification session.
@MainActor
final class IdCaptureViewModel: ObservableObject, ShowsErrors {
    @Published var documentType: DocumentType = .nationalId
    @Published private(set) var phase: CapturePhase = .idle
    @Published private(set) var session: VerificationSession?
    /// What to fix before the photo can go, in the user's words.
    @Published private(set) var feedback: [String] = []
    @Published private(set) var sentBytes: UInt64 = 0
    @Published private(set) var totalBytes: UInt64 = 0
    @Published var error: String?

    private let wallet: Wallet

    init(wallet: Wallet) {
        self.wallet = wallet
    }

    /// Upload progress from 0 to 1, for a progress bar.
    var progress: Double {
        totalBytes == 0 ? 0 : min(1, Double(sentBytes) / Double(totalBytes))
    }

    /// Opens a verification session with the provider.
    func start() async {
        await work {
            let session = try await self.wallet.startVerification(documentType: self.documentType)
            self.session = session
            self.phase = .idle
        }
    }

    /// Checks the photo at `path` and, if it is good, uploads it with
    /// progress. The file is deleted afterwards: the core keeps its own
    /// sealed copy until the upload is done.
    func submit(path: String, side: DocumentSide) async {
        defer { try? FileManager.default.removeItem(atPath: path) }
        await work {
            guard let session = self.session else {
                self.error = L10n.text("idCapture.noSession")
                return
            }
            self.phase = .checking
            self.feedback = []
            let check = try await checkCapture(path: path)
            guard check.issues.isEmpty else {
                self.phase = .retake
                self.feedback = check.issues.map(\.advice)
                return
            }
            self.phase = .uploading
            self.sentBytes = 0
            self.totalBytes = check.fileBytes
            let submission = CaptureSubmission(
                path: path, documentType: self.documentType, side: side, uploadEndpoint: session.uploadUrl
            )
            try await self.upload(submission)
            self.phase = .processing
        }
    }

    /// Asks the provider where the session stands.
    func refreshStatus() async {
        await work {
            guard let session = self.session else { return }
            let now = try await self.wallet.verificationStatus(sessionId: session.sessionId)
            self.session = now
            self.phase = Self.phase(for: now.status)
            self.feedback = now.reason.map { [$0] } ?? []
        }
    }

    /// Uploads through SweepCore's stream (`Streams.swift`), showing the
    /// progress the core reports from its own threads, in order; a failure
    /// ends the stream with the core's error. A capture that does not get
    /// through stays in the core's outbox, which the next start carries on.
    private func upload(_ submission: CaptureSubmission) async throws {
        for try await event in wallet.submitCaptureEvents(submission) {
            switch event {
            case .progress(let step):
                sentBytes = step.sentBytes
                totalBytes = step.totalBytes
            case .done(let receipt):
                sentBytes = receipt.upload.totalBytes
                totalBytes = receipt.upload.totalBytes
            case .resumed:
                break
            }
        }
    }

    nonisolated private static func phase(for status: VerificationStatus) -> CapturePhase {
        switch status {
        case .verified: return .verified
        case .rejected, .needsResubmission, .expired: return .notVerified
        case .uploading: return .uploading
        case .created, .processing: return .processing
        }
    }

    private func work(_ body: () async throws -> Void) async {
        if !(await attempt(body)) {
            phase = .failed
        }
    }
}
