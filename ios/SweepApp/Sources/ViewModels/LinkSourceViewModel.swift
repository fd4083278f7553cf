import Foundation
import SweepCore

/// Opens a sign-in page and returns the redirect it ended on. The app uses
/// `ASWebAuthenticationSession` (``WebSignIn``); tests can pass a fake.
@MainActor
protocol BrowserSignIn {
    /// Shows `url` and returns the callback URL once the browser is sent to
    /// `callbackScheme`. Throws `CancellationError` when the user closes it.
    func signIn(at url: URL, callbackScheme: String) async throws -> URL
}

/// Where linking a source stands.
enum LinkState: Equatable {
    /// Nothing started.
    case idle
    /// The sign-in page is open in the browser sheet; no client secret is involved.
    case openBrowser(URL)
    /// The browser came back; Sweep is exchanging the code.
    case finishing
    /// Linked: the source's id, for the dashboard, and how (a new source, a
    /// typed-in balance taken over with its history, the same source again,
    /// or another account linked as a new source). `note` is the sentence to
    /// show when the outcome needs one, in the wallet's language; `nil` when
    /// there is nothing to explain.
    case linked(UInt64, outcome: LinkOutcome, note: String?)
    /// Why it failed, for the user.
    case failed(String)
}

/// The link-a-source screen: OAuth Authorization Code with PKCE. The core
/// builds the sign-in URL, the browser sheet returns the redirect, and the
/// core checks it and exchanges the code.
@MainActor
final class LinkSourceViewModel: ObservableObject {
    @Published private(set) var state: LinkState = .idle

    /// The app's redirect scheme, used when a request's redirect URI has none.
    nonisolated static let defaultCallbackScheme = "com.sweepwallet.app"

    private let wallet: Wallet
    private let browser: any BrowserSignIn

    init(wallet: Wallet, browser: any BrowserSignIn) {
        self.wallet = wallet
        self.browser = browser
    }

    /// Links a new source. To link the platform of a balance the user typed
    /// in, name it in `request.replacesSourceId`: the link takes it over,
    /// keeping its id and history, so its money counts once (one of the same
    /// kind under the same name is taken over anyway).
    func link(_ request: LinkRequest) async {
        let scheme = URL(string: request.oauth.redirectUri)?.scheme ?? Self.defaultCallbackScheme
        await run(callbackScheme: scheme) { try self.wallet.beginLink(request: request) }
    }

    /// Links again a source whose sign-in expired or was revoked; it keeps
    /// its id, balances and history.
    func relink(sourceId: UInt64) async {
        do {
            let url = try await wallet.beginRelink(sourceId: sourceId)
            await run(callbackScheme: Self.defaultCallbackScheme) { url }
        } catch {
            state = .failed(UserText.message(for: error))
        }
    }

    /// The sentence to show with a finished link, when its outcome needs one
    /// (a typed-in balance taken over, another account linked as a new source).
    var linkedNote: String? {
        if case .linked(_, _, let note) = state {
            return note
        }
        return nil
    }

    /// Back to the start, for example after a failure.
    func reset() {
        state = .idle
    }

    private func run(callbackScheme: String, begin: () throws -> String) async {
        do {
            let address = try begin()
            guard let url = URL(string: address) else {
                state = .failed(L10n.text("link.badAddress"))
                return
            }
            state = .openBrowser(url)
            let callback = try await browser.signIn(at: url, callbackScheme: callbackScheme)
            state = .finishing
            let linked = try await wallet.completeLink(callbackUrl: callback.absoluteString)
            state = .linked(linked.sourceId, outcome: linked.outcome, note: linked.note)
        } catch is CancellationError {
            state = .idle
        } catch {
            state = .failed(UserText.message(for: error))
        }
    }
}
