import SweepCore

/// Turns the upload listener's callbacks into an ordered `AsyncStream` that
/// a main-actor task reads (sync results and withdrawal changes come from
/// SweepCore's own streams, `Streams.swift`).
///
/// The core calls listeners on its own threads; `AsyncStream`'s continuation
/// is thread-safe and keeps the calls in order, and a view model reads the
/// stream with `for await` on the main actor. Finishing the stream (or
/// cancelling the task that reads it) ends the reading loop.
final class EventStream<Element: Sendable>: Sendable {
    /// The events, in the order the core reported them.
    let events: AsyncStream<Element>
    private let continuation: AsyncStream<Element>.Continuation

    init() {
        let (events, continuation) = AsyncStream.makeStream(of: Element.self, bufferingPolicy: .unbounded)
        self.events = events
        self.continuation = continuation
    }

    /// Passes one event on; safe from any thread.
    func send(_ event: Element) {
        continuation.yield(event)
    }

    /// Ends the stream once the events already sent are read.
    func finish() {
        continuation.finish()
    }
}

/// Upload progress, for `Wallet.submitCapture(submission:listener:)`.
extension EventStream: UploadListener where Element == UploadProgress {
    func onProgress(progress: UploadProgress) {
        send(progress)
    }
}
