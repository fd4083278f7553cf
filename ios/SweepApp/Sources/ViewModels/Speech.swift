import Foundation
import SweepCore

/// What VoiceOver says for an amount (issue #16, item 4): in words, as a
/// person reads it aloud ("만 이천삼백사십 원", "twelve thousand three
/// hundred forty won"), never a symbol and digits. Android's `Speech`
/// (presentation layer, tested on the JVM) follows the same rules. The
/// numbers come from Foundation's spell-out style, which is ICU's; the
/// currencies' names and how the parts join come from the String Catalog
/// (`speech.*`, with English plural forms).
enum Speech {
    /// A currency's unit names in the catalog, for one and for any other
    /// number: (major one, major, minor one, minor), where it has them.
    /// English and Korean, the languages Sweep speaks, use the "one" form
    /// exactly for the number 1 (CLDR's plural rules for whole numbers).
    private static func names(_ code: String) -> (StaticString, StaticString, StaticString?, StaticString?)? {
        switch code {
        case "KRW": return ("speech.krwOne", "speech.krw", nil, nil)
        case "JPY": return ("speech.jpyOne", "speech.jpy", nil, nil)
        case "USD": return ("speech.usdOne", "speech.usd", "speech.usdCentsOne", "speech.usdCents")
        case "EUR": return ("speech.eurOne", "speech.eur", "speech.eurCentsOne", "speech.eurCents")
        case "GBP": return ("speech.gbpOne", "speech.gbp", "speech.gbpPenceOne", "speech.gbpPence")
        default: return nil
        }
    }

    /// How many decimals the currency's minor unit has, by ISO 4217 as the
    /// core counts minor units (KRW 0, USD 2, IQD 3; Foundation's CLDR
    /// tables give some currencies fewer).
    private static func decimals(_ code: String) -> Int {
        (try? currencyMinorUnits(currencyCode: code)).map(Int.init) ?? 0
    }

    /// `amount` in words, in the language of `locale` ("ko-KR" or another).
    static func amount(_ amount: MinorAmount, locale: String) -> String {
        let korean = locale.lowercased().hasPrefix("ko")
        let words = NumberFormatter()
        words.numberStyle = .spellOut
        words.locale = Locale(identifier: korean ? "ko" : "en")
        // Zero as the catalog says it: ICU's Korean rules read it "공", an amount is "영".
        let say = { (n: Int64) in n == 0 ? L10n.text("speech.zero") : words.string(from: NSNumber(value: n)) ?? String(n) }
        let code = amount.currencyCode
        let digits = decimals(code)
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let magnitude = Int64(clamping: amount.minorUnits.magnitude)
        let (major, minor) = (magnitude / scale, magnitude % scale)
        let units = names(code)
        let spoken: String
        if case let (majorOne, majorOther, minorOne, minorOther)? = units, minor == 0 || minorOne != nil {
            let majorWords = L10n.text(major == 1 ? majorOne : majorOther, say(major))
            if minor == 0 {
                spoken = majorWords
            } else if major == 0 {
                // "five cents", not "zero dollars and five cents".
                spoken = L10n.text((minor == 1 ? minorOne : minorOther) ?? majorOther, say(minor))
            } else {
                let minorKey = (minor == 1 ? minorOne : minorOther) ?? majorOther
                spoken = L10n.text("speech.and", majorWords, L10n.text(minorKey, say(minor)))
            }
        } else if minor == 0 {
            spoken = L10n.text("speech.code", say(major), code)
        } else {
            // No name for the minor unit here: the decimals digit by digit ("one point five zero CAD").
            let figures = String(repeating: "0", count: max(0, digits - String(minor).count)) + String(minor)
            let decimalWords = figures.map { words.string(from: NSNumber(value: Int64(String($0)) ?? 0)) ?? String($0) }.joined(separator: " ")
            spoken = L10n.text("speech.decimal", say(major), decimalWords, code)
        }
        return amount.minorUnits < 0 ? L10n.text("speech.minus", spoken) : spoken
    }

    /// `text`, a sentence the core wrote with `amounts` in it (refund
    /// advice, say), as VoiceOver says it: each amount, as the wallet's
    /// locale writes it, in words. An amount is matched whole ("1,000원" is
    /// not read inside "11,000원"), as Android's `Words.spoken` does.
    static func sentence(_ text: String, amounts: [MinorAmount], locale: String) -> String {
        let written = amounts
            .map { (shown: UserText.money($0, locale: locale), said: amount($0, locale: locale)) }
            .sorted { $0.shown.count > $1.shown.count }
        var said = text
        for one in written {
            let pattern = "(?<![0-9.,])" + NSRegularExpression.escapedPattern(for: one.shown) + "(?![0-9]|[.,][0-9])"
            guard let whole = try? NSRegularExpression(pattern: pattern) else { continue }
            let range = NSRange(said.startIndex..., in: said)
            said = whole.stringByReplacingMatches(
                in: said, range: range, withTemplate: NSRegularExpression.escapedTemplate(for: one.said)
            )
        }
        return said
    }
}
