/// A view model with a message for the user after a failure.
@MainActor
protocol ShowsErrors: AnyObject {
    /// The failure's message, or `nil` when there is nothing to show.
    var error: String? { get set }
}

extension ShowsErrors {
    /// Whether the alert is up, for `.alert(isPresented: $model.showsError)`;
    /// dismissing it clears the message.
    var showsError: Bool {
        get { error != nil }
        set {
            if !newValue {
                error = nil
            }
        }
    }
}
