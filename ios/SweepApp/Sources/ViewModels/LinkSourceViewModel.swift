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
    /// Linked: the source's id, for the dashboard.
    case linked(UInt64)
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

    /// Links a new source.
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
            let sourceId = try await wallet.completeLink(callbackUrl: callback.absoluteString)
            state = .linked(sourceId)
        } catch is CancellationError {
            state = .idle
        } catch {
            state = .failed(UserText.message(for: error))
        }
    }
}
