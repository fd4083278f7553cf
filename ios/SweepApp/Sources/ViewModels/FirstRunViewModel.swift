import Foundation
import SweepCore

/// Where a new (or returning) user is in getting ready to cash out.
enum FirstRunStep: Equatable {
    /// Reading the fee schedule and carrying on unfinished work.
    case starting
    /// No payee yet: add the user's own bank account.
    case addOwnAccount
    /// Optional: confirm the phone number with the mobile operator.
    case verifyPhone
    /// Everything a cash-out needs is in place.
    case ready
}

/// The operator's Number Verification (CAMARA), when a linked mobile
/// operator can answer it.
struct PhoneCheck: Equatable, Sendable {
    let operatorSourceId: UInt64
    let numberVerificationUrl: String
}

/// The first run, as Android's `FirstRunStateHolder`: fetch the fee schedule
/// and tiers (again when older than a day), carry on unfinished withdrawals
/// and uploads, then ask for the user's own account and, where a linked
/// operator can answer, a phone-number check. Every start runs it; it lands
/// on `.ready` at once when nothing is missing.
@MainActor
final class FirstRunViewModel: ObservableObject, ShowsErrors {
    /// A schedule older than a day is fetched again at start.
    nonisolated static let scheduleMaxAgeSeconds: UInt64 = 86_400

    @Published private(set) var step: FirstRunStep = .starting
    @Published private(set) var busy = false
    /// The last start failed (the reason was in `error`): the screen offers to try again.
    @Published private(set) var startFailed = false
    /// A note about the fee schedule, for example that it could not be
    /// refreshed; `nil` when current.
    @Published private(set) var scheduleNote: String?
    /// What carrying on after a restart found (once per launch).
    @Published private(set) var carriedOn: CarriedOn?
    @Published var phoneNumber = ""
    @Published var error: String?

    private let wallet: Wallet
    private let providerUrl: String
    private let numberVerificationUrl: String
    /// Runs once unfinished work is carried on: the app's status check at
    /// start, which would otherwise carry the same withdrawals on at the same time.
    private let afterCarryOn: @MainActor () async -> Void
    private var phoneSkipped = false

    init(
        wallet: Wallet, providerUrl: String, numberVerificationUrl: String,
        afterCarryOn: @escaping @MainActor () async -> Void = {}
    ) {
        self.wallet = wallet
        self.providerUrl = providerUrl
        self.numberVerificationUrl = numberVerificationUrl
        self.afterCarryOn = afterCarryOn
    }

    /// The notes to keep showing once the first run is over.
    var notes: String? {
        let all = [scheduleNote, carriedOn?.note].compactMap { $0 }
        return all.isEmpty ? nil : all.joined(separator: "\n")
    }

    /// Reads the schedule, carries on unfinished work, and picks the next
    /// step. Safe to call again after a failure; the carrying on runs once.
    func start() async {
        startFailed = false
        defer { startFailed = step == .starting }
        await work {
            let schedule = try await self.wallet.ensureFeeSchedule(
                providerUrl: self.providerUrl, maxAgeSeconds: Self.scheduleMaxAgeSeconds
            )
            self.scheduleNote = schedule.stale
                ? L10n.text("firstRun.staleFees", schedule.problem ?? L10n.text("firstRun.providerUnreachable"))
                : nil
            if self.carriedOn == nil {
                self.carriedOn = await CarriedOn.run(self.wallet)
                await self.afterCarryOn()
            }
            try await self.advance()
        }
    }

    /// The add-payee screen added the user's account: on to the next step.
    func accountAdded() async {
        await work { try await self.advance() }
    }

    /// Asks the operator whether the number typed is this device's number.
    func verifyPhone() async {
        await work {
            guard let check = try await self.phoneCheck() else {
                try await self.advance()
                return
            }
            let number = self.phoneNumber.filter { !$0.isWhitespace }
            let verified = try await self.wallet.verifyPhoneNumber(
                operatorSourceId: check.operatorSourceId,
                numberVerificationUrl: check.numberVerificationUrl,
                phoneNumber: number
            )
            guard verified else {
                self.error = L10n.text("firstRun.notThisPhone")
                return
            }
            try await self.advance()
        }
    }

    /// Goes on without the phone check (the limits stay those of the
    /// current tier); asked again at the next start.
    func skipPhone() async {
        phoneSkipped = true
        await work { try await self.advance() }
    }

    private func advance() async throws {
        if try await wallet.payees().isEmpty {
            step = .addOwnAccount
        } else if !phoneSkipped, try await wallet.identity().tier == .unverified, try await phoneCheck() != nil {
            step = .verifyPhone
        } else {
            step = .ready
        }
    }

    /// The operator to ask: a linked phone-bill source, whose sign-in the
    /// core uses (on the operator's own host only). `nil` when none is linked.
    private func phoneCheck() async throws -> PhoneCheck? {
        let operatorSource = try await wallet.dashboard().sources.first { source in
            source.kind == .carrierBilling && source.authState == .linked && source.provider != "manual"
        }
        return operatorSource.map { PhoneCheck(operatorSourceId: $0.sourceId, numberVerificationUrl: numberVerificationUrl) }
    }

    /// Runs a step with the busy flag, turning failures into a message.
    private func work(_ body: () async throws -> Void) async {
        busy = true
        defer { busy = false }
        await attempt(body)
    }
}
