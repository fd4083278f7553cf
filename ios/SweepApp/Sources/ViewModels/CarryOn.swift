import SweepCore

/// What carrying on after a restart found, for a note on the first screen
/// (Android's `CarriedOn`).
struct CarriedOn: Equatable, Sendable {
    /// Withdrawals still on their way, each as the provider has it now.
    let withdrawals: [Withdrawal]
    /// ID uploads that were still in the outbox.
    let uploads: Int
    /// Why something could not be carried on yet, for the user; `nil` when all went well.
    let problem: String?

    /// Bank legs still waiting for the user's approval at the bank.
    var bankApprovalsWaiting: Int {
        withdrawals.reduce(0) { sum, withdrawal in sum + withdrawal.legs.filter(\.needsAuthorisation).count }
    }

    /// One short note of what was carried on, or `nil` when nothing was
    /// left over from before.
    var note: String? {
        var parts: [String] = []
        if !withdrawals.isEmpty {
            parts.append(L10n.text("carryOn.withdrawals", withdrawals.count))
        }
        if bankApprovalsWaiting > 0 {
            parts.append(L10n.text("carryOn.bankApprovals", bankApprovalsWaiting))
        }
        if uploads > 0 {
            parts.append(L10n.text("carryOn.uploads", uploads))
        }
        if let problem {
            parts.append(problem)
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// Carries on what the app left unfinished when it stopped (killed, or
    /// the phone restarted): withdrawals not yet sent or settled and their
    /// legs, then ID uploads in the outbox. A failure is reported, not
    /// thrown: the app still opens, and the next start tries again.
    static func run(_ wallet: Wallet) async -> CarriedOn {
        var problem: String?
        var withdrawals: [Withdrawal] = []
        do {
            withdrawals = try await wallet.resumeWithdrawals()
        } catch {
            problem = UserText.message(for: error)
        }
        var uploads = 0
        do {
            if try await wallet.pendingUploads() > 0 {
                uploads = try await wallet.resumeUploads(listener: nil).count
            }
        } catch {
            problem = problem ?? UserText.message(for: error)
        }
        return CarriedOn(withdrawals: withdrawals, uploads: uploads, problem: problem)
    }
}
