import SwiftUI
import SweepCore

/// Verify an ID: open a session, photograph each side, see what to fix,
/// then follow the upload and the provider's decision.
struct IdCaptureView: View {
    @StateObject private var model: IdCaptureViewModel
    @State private var side: DocumentSide = .front
    @State private var capturing = false

    init(wallet: Wallet) {
        _model = StateObject(wrappedValue: IdCaptureViewModel(wallet: wallet))
    }

    var body: some View {
        Form {
            if model.session == nil {
                start
            } else {
                capture
                feedback
                status
            }
        }
        .navigationTitle("idCapture.title")
        // The status line changes in place while the photo is checked and sent.
        .onChange(of: model.phase) { phase in
            if let status = announcement(for: phase) {
                Announcer.say(status)
            }
        }
        .alert("idCapture.alertTitle", isPresented: $model.showsError) {
            Button("common.ok", role: .cancel) {}
        } message: {
            Text(model.error ?? "")
        }
        .fullScreenCover(isPresented: $capturing) {
            CameraPicker { path in
                capturing = false
                if let path {
                    Task { await model.submit(path: path, side: side) }
                }
            }
            .ignoresSafeArea()
        }
    }

    private var start: some View {
        Section {
            Picker("idCapture.document", selection: $model.documentType) {
                Text("idCapture.nationalId").tag(DocumentType.nationalId)
                Text("idCapture.driversLicence").tag(DocumentType.driversLicence)
                Text("idCapture.passport").tag(DocumentType.passport)
            }
            Button("idCapture.start") {
                Task { await model.start() }
            }
        } footer: {
            Text("idCapture.privacy")
        }
    }

    private var capture: some View {
        Section("idCapture.photo") {
            if model.documentType != .passport {
                Picker("idCapture.side", selection: $side) {
                    Text("idCapture.front").tag(DocumentSide.front)
                    Text("idCapture.back").tag(DocumentSide.back)
                }
                .pickerStyle(.segmented)
            }
            Button {
                capturing = true
            } label: {
                Label(takeTitle, systemImage: "camera")
            }
            .disabled(model.phase == .checking || model.phase == .uploading)
        }
    }

    /// What to fix, one line per problem ("Too blurry — hold the phone steady").
    @ViewBuilder private var feedback: some View {
        if !model.feedback.isEmpty {
            Section("idCapture.toFix") {
                ForEach(model.feedback, id: \.self) { advice in
                    Label {
                        Text(advice)
                    } icon: {
                        Image(systemName: "exclamationmark.triangle").foregroundStyle(Palette.error)
                            .accessibilityHidden(true)
                    }
                }
            }
        }
    }

    private var status: some View {
        Section("idCapture.status") {
            switch model.phase {
            case .idle:
                Text("idCapture.ready")
            case .checking:
                ProgressView("idCapture.checking")
            case .retake:
                Text("idCapture.pleaseRetake")
            case .uploading:
                ProgressView("idCapture.uploading", value: model.progress)
                    .accessibilityAddTraits(.updatesFrequently)
            case .processing:
                Text("idCapture.processing")
            case .verified:
                Label {
                    Text("idCapture.verified")
                } icon: {
                    Image(systemName: "checkmark.seal.fill").foregroundStyle(Palette.primary)
                        .accessibilityHidden(true)
                }
            case .notVerified:
                Text(notVerified)
            case .failed:
                Text("idCapture.failed")
            }
            if model.phase == .processing || model.phase == .uploading {
                Button("idCapture.checkStatus") {
                    Task { await model.refreshStatus() }
                }
            }
        }
    }

    /// The camera button's title: a first photo, or another one.
    private var takeTitle: LocalizedStringKey {
        model.phase == .retake ? "idCapture.retake" : "idCapture.takePhoto"
    }

    /// Not verified, with the provider's reason when it gave one.
    private var notVerified: String {
        guard let reason = model.session?.reason, !reason.isEmpty else { return L10n.text("idCapture.notVerified") }
        return L10n.text("idCapture.notVerifiedReason", reason)
    }

    /// What VoiceOver says when the status line changes to `phase`.
    private func announcement(for phase: CapturePhase) -> String? {
        switch phase {
        case .idle: return nil
        case .checking: return L10n.text("idCapture.checking")
        case .retake: return L10n.text("idCapture.pleaseRetake")
        case .uploading: return L10n.text("idCapture.uploading")
        case .processing: return L10n.text("idCapture.processing")
        case .verified: return L10n.text("idCapture.verified")
        case .notVerified: return notVerified
        case .failed: return L10n.text("idCapture.failed")
        }
    }
}
