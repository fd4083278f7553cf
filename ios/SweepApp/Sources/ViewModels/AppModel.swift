import Foundation
import SweepCore
import UserNotifications

/// The four tabs.
enum AppTab: Hashable, Sendable {
    case balances
    case cashOut
    case history
    case verifyId
}

/// Opens the wallet once for the whole app and registers the Secure Enclave
/// authenticator that confirms cash-outs; runs the status and reminder
/// checks (once at start, then in background refreshes), keeps whether this
/// launch's first run is done, and which tab a tapped reminder asked for.
@MainActor
final class AppModel: ObservableObject {
    /// The one instance: the screens and the background refresh, which iOS
    /// may start without any screen, share one open wallet.
    static let shared = AppModel()

    /// Where opening the wallet stands.
    enum Phase {
        case opening
        case ready(Wallet)
        case failed(String)
    }

    /// The Keychain service of the app's keys.
    nonisolated static let keychainService = "com.sweepwallet.app"

    @Published private(set) var phase: Phase = .opening
    /// Why cash-outs cannot be confirmed on this device, if they cannot
    /// (no Secure Enclave in the Simulator, no Face ID set up).
    @Published private(set) var authenticatorProblem: String?
    /// This launch's first run (fees, unfinished work, the user's own
    /// account) is done: the tabs show.
    @Published private(set) var firstRunDone = false
    /// What the first run found (stale fees, work carried on), shown on
    /// the dashboard until dismissed.
    @Published var startNote: String?
    /// The tab on show; a tapped reminder may change it.
    @Published var tab: AppTab = .balances
    /// A source whose sign-in a tapped reminder asked for: the dashboard
    /// opens its sign-in sheet (once the tabs show) and clears this.
    @Published var relinkRequest: UInt64?

    /// Signs each withdrawal after Face ID or Touch ID.
    let authenticator = SecureEnclaveAuthenticator(service: AppModel.keychainService)

    /// Wraps the wallet's data key with a Keychain key that never leaves
    /// this device; deleting the account deletes that key
    /// (`DataRightsViewModel`), and the next wallet gets a new one.
    let keyProvider = KeychainKeyProvider(service: AppModel.keychainService, account: "wallet-kek")

    /// The wallet's locale ("ko-KR"), for formatting, parsing and reading
    /// amounts and times, and the language of the core's sentences: the
    /// language iOS picked the app's String Catalog in
    /// (`Bundle.main.preferredLocalizations`, from `CFBundleLocalizations`:
    /// en, ko), so the core and the screens speak the same one, with the
    /// phone's region when its language is that one (as Android's
    /// `walletLocale` does).
    let locale: String = {
        let language = Bundle.main.preferredLocalizations.first ?? "en"
        let phone = Locale.current
        if phone.language.languageCode?.identifier == language {
            return phone.identifier(.bcp47)
        }
        return language == "ko" ? "ko-KR" : "en-US"
    }()

    private var opening = false
    private var checkedStatusAtStart = false

    private init() {}

    /// Opens (or, on first launch, creates) the wallet. Safe to call again
    /// after a failure; a call while one is under way, or once the wallet
    /// is open, does nothing.
    func open() async {
        if case .ready = phase { return }
        guard !opening else { return }
        opening = true
        defer { opening = false }
        phase = .opening
        do {
            let dataDir = try Self.dataDirectory()
            let config = WalletConfig(dataDir: dataDir.path(percentEncoded: false), locale: locale)
            let wallet = try await Wallet.open(config: config, keyProvider: keyProvider)
            await register(authenticator, with: wallet)
            phase = .ready(wallet)
            // Unfinished work is carried on by the first run (FirstRunViewModel),
            // which then calls checkStatusAtStart.
            StatusNotifications.scheduleRefresh()
        } catch {
            phase = .failed(UserText.message(for: error))
        }
    }

    /// The status check at start, once per launch, once the first run has
    /// carried unfinished work on: it posts what that found without asking
    /// the provider again; the first run does not wait for it. A
    /// wallet's first check records what already happened, so later checks
    /// tell only what is new.
    func checkStatusAtStart(_ wallet: Wallet) {
        guard !checkedStatusAtStart else { return }
        checkedStatusAtStart = true
        Task {
            await StatusNotifications.check(wallet, askingProvider: false)
            await ReminderNotifications.check(wallet)
        }
    }

    /// Shows where a tapped reminder points: a lapsed link's sign-in, the
    /// cash-out tab, or the dashboard (a balance's refund advice is there).
    /// Before the first run is done the tabs wait, and so does this.
    func show(_ target: ReminderTarget) {
        switch target {
        case .relink(let sourceId):
            tab = .balances
            relinkRequest = sourceId
        case .cashOut:
            tab = .cashOut
        case .balance, .dashboard:
            tab = .balances
        }
    }

    /// The account was deleted (`DataRightsViewModel.startFresh`: the
    /// wallet is closed, its files and key gone) and the user has read what
    /// was done: forgets the reminders shown, takes down every notification,
    /// and opens a new, empty wallet (with a new Keychain key) at the first run.
    func startFresh() async {
        UserDefaultsShownReminders().save([])
        let center = UNUserNotificationCenter.current()
        center.removeAllDeliveredNotifications()
        center.removeAllPendingNotificationRequests()
        firstRunDone = false
        startNote = nil
        relinkRequest = nil
        tab = .balances
        checkedStatusAtStart = false
        phase = .opening
        await open()
    }

    /// The first run has nothing more to ask: show the tabs, with its notes.
    func finishFirstRun(notes: String?) {
        startNote = notes
        firstRunDone = true
    }

    /// The background refresh (`BGAppRefreshTask`): asks for the next one,
    /// opens the wallet if this launch has not, and posts what changed. A
    /// locked phone keeps the wallet's key out of reach, so it waits.
    func refreshInBackground() async {
        StatusNotifications.scheduleRefresh()
        await open()
        guard case .ready(let wallet) = phase else { return }
        await StatusNotifications.check(wallet)
        await ReminderNotifications.check(wallet)
    }

    /// Back in the foreground: fetches the fee schedule and tiers again if
    /// they are older than a day (no network otherwise), so a long-lived
    /// app never quotes on old fees. The first run does this at start.
    /// A wallet a background refresh could not open (the phone was locked)
    /// is opened again now.
    func becameActive() async {
        if case .failed = phase {
            await open()
        }
        guard firstRunDone, case .ready(let wallet) = phase else { return }
        _ = try? await wallet.ensureFeeSchedule(
            providerUrl: SourceCatalog.providerUrl, maxAgeSeconds: FirstRunViewModel.scheduleMaxAgeSeconds
        )
    }

    /// Registers the confirmation key (the same key each launch; creating it
    /// needs no biometry). A failure only disables cash-outs.
    private func register(_ authenticator: SecureEnclaveAuthenticator, with wallet: Wallet) async {
        guard SecureEnclaveAuthenticator.isAvailable else {
            authenticatorProblem = L10n.text("app.noSecureEnclave")
            return
        }
        do {
            try await wallet.registerAuthenticator(authenticator: authenticator)
            authenticatorProblem = nil
        } catch {
            authenticatorProblem = UserText.message(for: error)
        }
    }

    /// `Application Support/Sweep`, created if needed and kept out of
    /// backups (its key never leaves this device anyway).
    private static func dataDirectory() throws -> URL {
        var directory = try FileManager.default
            .url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
            .appendingPathComponent("Sweep", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try directory.setResourceValues(values)
        return directory
    }
}
