import SwiftUI
import SweepCore

/// A title and an amount on one line, as `LabeledContent` shows them, read
/// by VoiceOver as one element with the amount in words ("수수료, 천백일
/// 원"), never as a currency symbol and digits. The words are `Speech`'s,
/// in the wallet's locale, as the view models give them for rows.
struct AmountRow: View {
    let title: Text
    let amount: String
    let spoken: String

    init(_ title: Text, amount: FormattedAmount, locale: String) {
        self.title = title
        self.amount = amount.formatted
        self.spoken = Speech.amount(amount.amount, locale: locale)
    }

    var body: some View {
        LabeledContent {
            Text(amount).accessibilityLabel(spoken)
        } label: {
            title
        }
        .accessibilityElement(children: .combine)
    }
}
