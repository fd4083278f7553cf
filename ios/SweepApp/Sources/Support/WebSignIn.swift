import AuthenticationServices
import UIKit

/// Sign-in through `ASWebAuthenticationSession`: the system browser sheet
/// shares Safari's cookies, shows the real address bar, and hands back the
/// redirect to the app's scheme (`com.sweepwallet.app:/oauth/callback`)
/// without the app registering a URL type.
@MainActor
final class WebSignIn: NSObject, BrowserSignIn {
    /// The running session; kept so it is not deallocated while shown.
    private var session: ASWebAuthenticationSession?

    func signIn(at url: URL, callbackScheme: String) async throws -> URL {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<URL, Error>) in
            // @Sendable: the session may call back off the main thread, and
            // the handler only touches the continuation.
            let session = ASWebAuthenticationSession(url: url, callbackURLScheme: callbackScheme) { @Sendable callback, error in
                if let callback {
                    continuation.resume(returning: callback)
                } else if let error = error as? ASWebAuthenticationSessionError, error.code == .canceledLogin {
                    continuation.resume(throwing: CancellationError())
                } else {
                    continuation.resume(throwing: error ?? URLError(.badServerResponse))
                }
            }
            session.presentationContextProvider = self
            // Keep Safari's cookies, so a user signed in there needs no password.
            session.prefersEphemeralWebBrowserSession = false
            self.session = session
            if !session.start() {
                continuation.resume(throwing: URLError(.cannotOpenFile))
            }
        }
    }
}

extension WebSignIn: ASWebAuthenticationPresentationContextProviding {
    /// The app's key window, which the browser sheet is shown over.
    nonisolated func presentationAnchor(for session: ASWebAuthenticationSession) -> ASPresentationAnchor {
        MainActor.assumeIsolated {
            let windows = UIApplication.shared.connectedScenes
                .compactMap { $0 as? UIWindowScene }
                .flatMap(\.windows)
            return windows.first(where: \.isKeyWindow) ?? windows.first ?? ASPresentationAnchor()
        }
    }
}
