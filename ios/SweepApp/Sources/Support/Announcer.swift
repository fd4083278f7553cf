import SwiftUI
import UIKit

/// Tells VoiceOver about a status text that appears or changes in place
/// (a result, a step of progress, a failure shown on the screen rather than
/// in an alert, which VoiceOver reads by itself). SwiftUI's
/// `AccessibilityNotification.Announcement` needs iOS 17; on iOS 16 this
/// posts UIKit's announcement, which does nothing when no assistive
/// technology is listening.
@MainActor
enum Announcer {
    /// Says `text` now, after whatever VoiceOver is saying.
    static func say(_ text: String) {
        guard !text.isEmpty else { return }
        UIAccessibility.post(notification: .announcement, argument: text)
    }
}

extension View {
    /// Announces `text` each time it changes to a new value that is not
    /// `nil`: for a status line that replaces itself without moving focus.
    @MainActor
    func announcesChanges(of text: String?) -> some View {
        onChange(of: text) { new in
            if let new {
                Announcer.say(new)
            }
        }
    }
}
