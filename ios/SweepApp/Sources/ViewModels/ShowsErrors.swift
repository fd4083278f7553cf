/// A view model with a message for the user after a failure.
@MainActor
protocol ShowsErrors: AnyObject {
    /// The failure's message, or `nil` when there is nothing to show.
    var error: String? { get set }
}

extension ShowsErrors {
    /// Runs one step of work: clears the last message, and turns a failure
    /// into the user's sentence. Returns whether the step succeeded, so a
    /// view model can put its screen back where it was.
    @discardableResult
    func attempt(_ body: () async throws -> Void) async -> Bool {
        error = nil
        do {
            try await body()
            return true
        } catch {
            self.error = UserText.message(for: error)
            return false
        }
    }

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
