// The core's listeners as Swift `AsyncStream`s (uploads, which end with a
// receipt or an error, as `AsyncThrowingStream`s of `UploadEvent`). Each
// stream subscribes when it is made and cancels its subscription when the
// task iterating it is cancelled or stops iterating, so a view's
// `.task { for await … }` never leaks a listener. Generated and
// syntax-checked here; compiled by the hosted iOS workflow.

import Foundation

/// Forwards each callback into a stream's continuation. The core may call
/// it on any thread; `yield` is safe from any thread.
private final class StreamForwarder<Element: Sendable>: @unchecked Sendable {
    let continuation: AsyncStream<Element>.Continuation

    init(_ continuation: AsyncStream<Element>.Continuation) {
        self.continuation = continuation
    }
}

private final class SyncForwarder: BalanceListener, @unchecked Sendable {
    let forward: StreamForwarder<SyncResult>
    init(_ forward: StreamForwarder<SyncResult>) { self.forward = forward }
    func onSyncResult(result: SyncResult) { forward.continuation.yield(result) }
}

private final class WithdrawalForwarder: WithdrawalListener, @unchecked Sendable {
    let forward: StreamForwarder<Withdrawal>
    init(_ forward: StreamForwarder<Withdrawal>) { self.forward = forward }
    func onWithdrawal(withdrawal: Withdrawal) { forward.continuation.yield(withdrawal) }
}

private final class UploadForwarder: UploadListener, @unchecked Sendable {
    let forward: StreamForwarder<UploadProgress>
    init(_ forward: StreamForwarder<UploadProgress>) { self.forward = forward }
    func onProgress(progress: UploadProgress) { forward.continuation.yield(progress) }
}

/// What an upload has done so far, then how it ended: the Swift twin of
/// the Kotlin adapters' `UploadEvent` (`sweepcore/.../flows/Flows.kt`).
public enum UploadEvent: Sendable {
    /// Bytes sent so far.
    case progress(UploadProgress)
    /// The capture arrived: its receipt.
    case done(CaptureReceipt)
    /// Every upload the outbox held, carried on: how each ended.
    case resumed([UploadResult])
}

/// Forwards upload progress into a throwing stream of `UploadEvent`s; the
/// core calls it on its own threads.
private final class UploadEventForwarder: UploadListener, @unchecked Sendable {
    let continuation: AsyncThrowingStream<UploadEvent, Error>.Continuation
    init(_ continuation: AsyncThrowingStream<UploadEvent, Error>.Continuation) { self.continuation = continuation }
    func onProgress(progress: UploadProgress) { continuation.yield(.progress(progress)) }
}

public extension Wallet {
    /// Every sync result as each source finishes, until the iterating task
    /// is cancelled. The subscription is in place when this returns, so a
    /// sync started afterwards misses nothing.
    func syncResults() -> AsyncStream<SyncResult> {
        let (stream, continuation) = AsyncStream<SyncResult>.makeStream()
        let subscription = subscribeSyncResults(listener: SyncForwarder(StreamForwarder(continuation)))
        continuation.onTermination = { _ in subscription.cancel() }
        return stream
    }

    /// Every change of every unfinished withdrawal, until the iterating
    /// task is cancelled.
    func withdrawalChanges() async -> AsyncStream<Withdrawal> {
        let (stream, continuation) = AsyncStream<Withdrawal>.makeStream()
        let subscription = await trackWithdrawals(listener: WithdrawalForwarder(StreamForwarder(continuation)))
        continuation.onTermination = { _ in subscription.cancel() }
        return stream
    }

    /// Submits a capture, reporting its progress to `progress` as it goes;
    /// returns the receipt. Cancelling the task cancels the upload; the
    /// capture stays in the outbox for `resumeUploads`.
    func submitCapture(
        _ submission: CaptureSubmission,
        progress: @escaping @Sendable (UploadProgress) -> Void
    ) async throws -> CaptureReceipt {
        let (stream, continuation) = AsyncStream<UploadProgress>.makeStream()
        let relay = Task {
            for await step in stream {
                progress(step)
            }
        }
        defer {
            continuation.finish()
            relay.cancel()
        }
        return try await submitCapture(submission: submission, listener: UploadForwarder(StreamForwarder(continuation)))
    }

    /// Submits a capture as a stream: its progress, then `.done` with the
    /// receipt; a failure ends the stream with the core's `SweepError`.
    /// The upload starts when this returns and stops being waited for when
    /// the iterating task is cancelled or stops iterating; the capture stays
    /// in the outbox for `resumeUploadEvents()`.
    func submitCaptureEvents(_ submission: CaptureSubmission) -> AsyncThrowingStream<UploadEvent, Error> {
        let (stream, continuation) = AsyncThrowingStream<UploadEvent, Error>.makeStream()
        let forwarder = UploadEventForwarder(continuation)
        let upload = Task {
            do {
                let receipt = try await self.submitCapture(submission: submission, listener: forwarder)
                continuation.yield(.done(receipt))
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in upload.cancel() }
        return stream
    }

    /// Carries on the outbox's uploads as a stream: their progress, then
    /// `.resumed` with how each ended; a failure ends the stream with the
    /// core's `SweepError`.
    func resumeUploadEvents() -> AsyncThrowingStream<UploadEvent, Error> {
        let (stream, continuation) = AsyncThrowingStream<UploadEvent, Error>.makeStream()
        let forwarder = UploadEventForwarder(continuation)
        let resume = Task {
            do {
                let results = try await self.resumeUploads(listener: forwarder)
                continuation.yield(.resumed(results))
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in resume.cancel() }
        return stream
    }
}
