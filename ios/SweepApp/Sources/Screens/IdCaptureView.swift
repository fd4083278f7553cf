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
        .navigationTitle("Verify your ID")
        .alert("ID check", isPresented: $model.showsError) {
            Button("OK", role: .cancel) {}
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
            Picker("Document", selection: $model.documentType) {
                Text("National ID card").tag(DocumentType.nationalId)
                Text("Driver's licence").tag(DocumentType.driversLicence)
                Text("Passport").tag(DocumentType.passport)
            }
            Button("Start") {
                Task { await model.start() }
            }
        } footer: {
            Text("The photo is checked on this phone, its location and camera details are removed, and only then is it sent.")
        }
    }

    private var capture: some View {
        Section("Photo") {
            if model.documentType != .passport {
                Picker("Side", selection: $side) {
                    Text("Front").tag(DocumentSide.front)
                    Text("Back").tag(DocumentSide.back)
                }
                .pickerStyle(.segmented)
            }
            Button {
                capturing = true
            } label: {
                Label(model.phase == .retake ? "Take it again" : "Take a photo", systemImage: "camera")
            }
            .disabled(model.phase == .checking || model.phase == .uploading)
        }
    }

    /// What to fix, one line per problem ("Too blurry — hold the phone steady").
    @ViewBuilder private var feedback: some View {
        if !model.feedback.isEmpty {
            Section("To fix") {
                ForEach(model.feedback, id: \.self) { advice in
                    Label {
                        Text(advice)
                    } icon: {
                        Image(systemName: "exclamationmark.triangle").foregroundStyle(.orange)
                    }
                }
            }
        }
    }

    private var status: some View {
        Section("Status") {
            switch model.phase {
            case .idle:
                Text("Ready for the photo.")
            case .checking:
                ProgressView("Checking the photo…")
            case .retake:
                Text("Please take the photo again.")
            case .uploading:
                ProgressView("Uploading…", value: model.progress)
            case .processing:
                Text("Sent. The provider is checking it.")
            case .verified:
                Label {
                    Text("Verified")
                } icon: {
                    Image(systemName: "checkmark.seal.fill").foregroundStyle(.green)
                }
            case .notVerified:
                Text("Not verified. \(model.session?.reason ?? "")")
            case .failed:
                Text("Something went wrong; try again.")
            }
            if model.phase == .processing || model.phase == .uploading {
                Button("Check the status") {
                    Task { await model.refreshStatus() }
                }
            }
        }
    }
}
