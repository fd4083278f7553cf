import SwiftUI
import UIKit

/// The system camera (`UIImagePickerController`) for one photo of a
/// document. The photo is written as a JPEG to a new file in the temporary
/// directory, protected until first unlock, and its path is passed to
/// `onCapture`; the core reads the file, never the app's bytes. Where there
/// is no camera (the Simulator) it falls back to the photo library.
struct CameraPicker: UIViewControllerRepresentable {
    /// Called with the photo's path, or `nil` when the user canceled.
    let onCapture: (String?) -> Void

    func makeCoordinator() -> Coordinator {
        Coordinator(onCapture: onCapture)
    }

    func makeUIViewController(context: Context) -> UIImagePickerController {
        let picker = UIImagePickerController()
        picker.sourceType = UIImagePickerController.isSourceTypeAvailable(.camera) ? .camera : .photoLibrary
        picker.allowsEditing = false
        picker.delegate = context.coordinator
        return picker
    }

    func updateUIViewController(_ picker: UIImagePickerController, context: Context) {}

    /// Receives the picker's answer and writes the JPEG.
    @MainActor
    final class Coordinator: NSObject, UIImagePickerControllerDelegate, UINavigationControllerDelegate {
        private let onCapture: (String?) -> Void

        init(onCapture: @escaping (String?) -> Void) {
            self.onCapture = onCapture
        }

        func imagePickerController(
            _ picker: UIImagePickerController,
            didFinishPickingMediaWithInfo info: [UIImagePickerController.InfoKey: Any]
        ) {
            let image = info[.originalImage] as? UIImage
            onCapture(image.flatMap(Self.writeJPEG))
        }

        func imagePickerControllerDidCancel(_ picker: UIImagePickerController) {
            onCapture(nil)
        }

        /// Writes `image` as a JPEG (quality 0.9: sharp enough for the core's
        /// blur check, a few MB, far under its 15 MB limit) and returns its path.
        nonisolated private static func writeJPEG(_ image: UIImage) -> String? {
            guard let jpeg = image.jpegData(compressionQuality: 0.9) else { return nil }
            let url = FileManager.default.temporaryDirectory
                .appendingPathComponent("capture-\(UUID().uuidString)")
                .appendingPathExtension("jpg")
            do {
                try jpeg.write(to: url, options: [.atomic, .completeFileProtectionUntilFirstUserAuthentication])
                return url.path
            } catch {
                return nil
            }
        }
    }
}
