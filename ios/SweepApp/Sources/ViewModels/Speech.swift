import Foundation
import SweepCore

/// What VoiceOver says for an amount (issue #16, item 4): in words, as a
/// person reads it aloud ("만 이천삼백사십 원", "twelve thousand three
/// hundred forty won"), never a symbol and digits. Android's `Speech`
/// (presentation layer, tested on the JVM) follows the same rules; here the
/// words come from Foundation's spell-out style, which is ICU's.
enum Speech {
    /// A currency's unit names in one language: major, major singular, minor, minor singular.
    private static func units(_ code: String, korean: Bool) -> (String, String, String?, String?) {
        switch (code, korean) {
        case ("KRW", true): return ("원", "원", nil, nil)
        case ("USD", true): return ("달러", "달러", "센트", "센트")
        case ("GBP", true): return ("파운드", "파운드", "펜스", "펜스")
        case ("EUR", true): return ("유로", "유로", "센트", "센트")
        case ("JPY", true): return ("엔", "엔", nil, nil)
        case ("KRW", false): return ("won", "won", nil, nil)
        case ("USD", false): return ("dollars", "dollar", "cents", "cent")
        case ("GBP", false): return ("pounds", "pound", "pence", "penny")
        case ("EUR", false): return ("euros", "euro", "cents", "cent")
        case ("JPY", false): return ("yen", "yen", nil, nil)
        default: return (code, code, nil, nil)
        }
    }

    /// `amount` in words, in the language of `locale` ("ko-KR" or another).
    static func amount(_ amount: MinorAmount, locale: String) -> String {
        let korean = locale.lowercased().hasPrefix("ko")
        let words = NumberFormatter()
        words.numberStyle = .spellOut
        words.locale = Locale(identifier: korean ? "ko" : "en")
        let say = { (n: Int64) in words.string(from: NSNumber(value: n)) ?? String(n) }
        // ISO 4217 minor units of the currencies Sweep shows; others have two.
        let digits = ["KRW": 0, "JPY": 0][amount.currencyCode] ?? 2
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let magnitude = amount.minorUnits.magnitude
        let (major, minor) = (Int64(clamping: magnitude) / scale, Int64(clamping: magnitude) % scale)
        let (majorName, majorOne, minorName, minorOne) = units(amount.currencyCode, korean: korean)
        var spoken = "\(say(major)) \(major == 1 ? majorOne : majorName)"
        if minor != 0, let minorName, let minorOne {
            let cents = "\(say(minor)) \(minor == 1 ? minorOne : minorName)"
            spoken = korean ? "\(spoken) \(cents)" : "\(spoken) and \(cents)"
        }
        if amount.minorUnits < 0 {
            spoken = (korean ? "마이너스 " : "minus ") + spoken
        }
        return spoken
    }
}
