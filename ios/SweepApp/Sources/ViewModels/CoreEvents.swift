import SweepCore

/// Turns one of the core's listener callbacks into an ordered `AsyncStream`.
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

/// Sync results, for `Wallet.subscribeSyncResults(listener:)`.
extension EventStream: BalanceListener where Element == SyncResult {
    func onSyncResult(result: SyncResult) {
        send(result)
    }
}

/// Upload progress, for `Wallet.submitCapture(submission:listener:)`.
extension EventStream: UploadListener where Element == UploadProgress {
    func onProgress(progress: UploadProgress) {
        send(progress)
    }
}

/// Withdrawal changes, for `Wallet.trackWithdrawals(listener:)`.
extension EventStream: WithdrawalListener where Element == Withdrawal {
    func onWithdrawal(withdrawal: Withdrawal) {
        send(withdrawal)
    }
}
