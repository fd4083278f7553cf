### Sweep's user-facing text in English. Every message here has a Korean
### twin in ko.ftl with the same variables (text/catalog_tests.rs checks).
### Amounts arrive formatted; numbers arrive as numbers.

## Errors: one sentence each, what went wrong and, where there is one, what to do.

error-unknown-currency = unknown currency code "{ $code }": use an upper-case ISO 4217 code such as KRW or USD
error-currency-mismatch = currency mismatch: { $expected } cannot be combined with { $found }
error-amount-overflow = amount overflow in { $operation }: the result is outside the representable range
error-sub-minor-precision = { $amount } has more decimal places than { $currency } allows ({ $minor_units })
error-negative-amount = { $field } must not be negative, got { $amount }
error-unparsable-amount = could not read "{ $input }" as an amount: { $reason }
error-invalid-input = invalid { $field }: { $reason }
error-wrong-key = wrong key: the key provider's key does not open this wallet
error-key-unavailable = key unavailable: { $reason }
error-tampered = tampered data in { $table }.{ $column } (row { $row }): the value failed authentication
error-schema-too-new = the wallet database has schema version { $found }, newer than this build supports ({ $supported }); update the app
error-ledger-corrupted = ledger verification failed at entry { $seq }: { $reason }
error-source-not-found = no source with id { $source_id }
error-network = network error: { $reason }
error-timeout = the source did not answer within { $after_ms } ms
error-malformed-response = malformed response from the source: { $reason }
error-response-too-large = the source's response is larger than { $limit_bytes } bytes
error-rate-limited = rate limited by the source
error-rate-limited-retry = rate limited by the source; retry after { $retry_after_ms } ms
error-auth-expired = you need to sign in again: { $reason }
error-access-revoked = access was revoked: { $reason }
error-source-failed = the source failed with HTTP { $status }
error-oauth-rejected = the sign-in was refused: { $error }
error-wallet-closed = the wallet is closed
error-wallet-in-use = this wallet is already open elsewhere (another process or window); close it there first
error-storage = storage error: { $reason }
error-amount-not-positive = { $field } must be more than zero, not { $amount }
error-limit-exceeded = { $requested } is above the { $limit } limit of { $allowed }
error-below-minimum = { $requested } is below the { $minimum_kind } minimum of { $minimum }
error-not-cashable = source { $source_id } cannot be cashed out: { $reason }
error-no-fee-schedule = no fee schedule is cached yet; refresh it from the provider first
error-quote-expired = quote { $quote_id } expired; ask for a new one
error-fee-schedule-stale = the quote used fee schedule { $quote_version }, but { $current_version } is current; ask for a new quote
error-quote-mismatch = the provider's { $field } is { $provider }, but Sweep calculates { $local }
error-amount-unreachable = cannot receive exactly { $requested }; the nearest possible is { $nearest }
error-capture-rejected = capture refused ({ $problem }): { $detail }
error-payee-cooling-down = payee { $payee_id } is new; above { $small_amount } it can receive money from { $until }
error-payee-not-found = no payee with id { $payee_id }
error-idempotency-conflict = the idempotency key was already used for a different withdrawal
error-cancel-too-late = withdrawal { $withdrawal_id } is { $state } and can no longer be canceled
error-payee-name-mismatch = the holder's name does not match the account's ({ $result }); check the name and try again
error-receipt-not-ready = withdrawal { $withdrawal_id } is { $state }; its receipt comes once it is completed
error-charge-mismatch = withdrawal { $withdrawal_id }: the provider charged { $charged } as { $field }, but the quote said { $quoted }
error-conservation-broken = withdrawal { $withdrawal_id } does not add up: { $collected } collected, but { $paid_out } paid out, { $fee } fee and { $returned } sent back
error-withdrawal-not-found = no withdrawal with id { $withdrawal_id }
error-authentication-failed = the withdrawal was not confirmed: { $reason }
error-recent-sim-swap = the SIM card was changed within the last { $hours } hours; withdrawals are paused to protect the account
error-payee-not-own-name = this account is not in your verified name; Sweep pays out to your own accounts by default. Sending to someone else's account is how many scams take money: add it only if you know them
error-object-closed = this { $object_name } was closed and cannot be used again; open a new one
error-internal = internal error: { $reason }

## Why a request to a server failed: the reason inside error-network, error-auth-expired and error-access-revoked.

net-untrusted-certificate = the server's certificate is not trusted
net-could-not-connect = could not connect
net-request-failed = the request failed
net-no-trusted-roots = no trusted root certificates were found on this device
net-token-refused = the source refused the access token
net-access-refused = the source refused access
net-refresh-refused = the source refused the refresh token
net-upload-session-refused = the upload server refused the session
net-upload-access-refused = the upload server refused access

## An ID upload the server refused for good; $error is the cause's sentence.

upload-final = { $error } Retrying will not help: discard this capture and submit the photo again.

## Dates and times, on the wallet's clock (text/time.rs). Numbers arrive as
## digits; $zone is " UTC" where the clock is not the user's own, else empty.

date-time = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
} { $day }, { $year }, { $time }{ $zone }
date = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
} { $day }, { $year }
about-moments = in moments
about-minutes = about { $count } { $count ->
    [one] minute
   *[other] minutes
}
about-hours = about { $count } { $count ->
    [one] hour
   *[other] hours
}

## The planner: each leg, why a source is left out, and advice.

plan-leg-all = Sweep all { $amount } from { $source } at { $rate }, fee { $fee }.
plan-leg-cut = Take { $amount } of { $available } from { $source } at { $rate }, fee { $fee }: the rest would go over the { $limit ->
    [per_withdrawal] per-withdrawal
    [daily] daily
    [monthly] monthly
   *[other] maximum withdrawal
} limit of { $cap }.
plan-leg-expiring = Part of it expires soon.
left-out-nothing = Nothing to cash out.
left-out-kind = The provider does not cash out { $kind ->
    [wallet] wallet
    [game_credits] game-credit
    [points] points
    [carrier_billing] phone-bill
    [bank] bank
   *[other] { $kind }
} sources.
left-out-below-own-minimum = Its balance is below its own { $minimum } minimum.
left-out-limit-reached = The { $limit ->
    [per_withdrawal] per-withdrawal
    [daily] daily
    [monthly] monthly
   *[other] maximum withdrawal
} limit of { $cap } is already reached.
left-out-fits-below-minimum = What still fits is below its own { $minimum } minimum.
left-out-costs-more = Moving { $amount } would cost more than it adds (the per-source fee is { $fee }).
advice-nothing-cashable = Nothing in { $currency } can be cashed out yet.
advice-limit-below-minimum = Your remaining { $limit ->
    [per_withdrawal] per-withdrawal
    [daily] daily
    [monthly] monthly
   *[other] maximum withdrawal
} limit of { $cap } is below the { $minimum } minimum withdrawal; wait for it to reset.
advice-no-combination = No combination of your sources reaches the { $minimum } minimum withdrawal within your limits: some sources only let go of larger amounts.
advice-add-to-minimum = Wait: you have { $total } to cash out, below the { $minimum } minimum. Add { $short } more.
advice-fee-stuck = The fee is { $fee } of { $gross }; at these sources' rates ({ $rate } or more) it will not get under { $target }.
advice-fee-add = The fee is { $fee } of { $gross }. Add { $add } more to bring it under { $target }.
advice-expiring = { $amount } in { $source } expires on { $date } and is not in this plan; spend it there before then.

## Refund rules applied to a balance.

refund-spend-to-unlock = { $source }: spend { $spend } more to unlock a refund of { $refund }.
refund-now = { $source }: enough has been used, so you can ask for a refund of the remaining { $amount }.
refund-cooling-off = { $source }: this purchase is unused, so you can get all { $amount } back until { $date }.
refund-expires-soon = { $source }: { $amount } expires on { $date }. Use it or ask for a refund.
refund-after-expiry = Even after it expires, { $percent }% of what is left is refunded for { $years } years after purchase.
reminder-reauth = { $source }: the link has lapsed. Link it again so Sweep can read and move its money.
reminder-cash-out = Cashing out is worth it now: you would receive { $net }.
payout-paid-out = The provider pays out { $currency }.
payout-not-paid-out = The provider does not pay out { $currency } yet, so this money is tracked only.
payout-unknown = Fetch the fee schedule to see whether { $currency } is paid out.
account-deleted = Your account is deleted. Access was revoked at { $revoked } linked { $revoked ->
    [one] source
   *[other] sources
}, and this device's data and its encryption key are gone. { $not_revoked ->
    [0] {""}
    [one] Disconnect Sweep in the settings of the { $not_revoked } app whose access could not be revoked.
   *[other] Disconnect Sweep in the settings of the { $not_revoked } apps whose access could not be revoked.
}

## What can become of a balance.

collect-tracked-only = You typed this balance in, so Sweep only tracks it. Link the source to cash it out.
collect-needs-reauth = Sweep cannot reach it until it is linked again.
collect-read-only = The link can read this balance but not move it. Link it again and allow transfers.
collect-no-method = Your app reads this balance, but Sweep has no way to move it.
eligible-wallet = Wallet balances can be withdrawn to your bank account.
eligible-bank = Bank balances are already cash.
eligible-game-credits = Game credits can be spent in the game; only the platform can refund them.
eligible-points = Points can be spent or converted by their issuer, not withdrawn.
eligible-carrier-billing = Phone-bill money can only be refunded to the phone bill it came from.
not-source-api = It is not a Source API platform, so Sweep cannot move its money.
awaiting-first-sync = Typed in by hand. It can't move until the first sync reads the real balance.
overdrawn = The account is overdrawn.

## What linking or removing a source did.

link-adopted-typed-in = The balance you typed in as '{ $name }' is now this linked source. Its history stays and its money counts once.
link-other-account = You signed in to another account than before, so it is linked as a new source. '{ $name }' stays as it was.
removed-revoked = Removed '{ $name }' and revoked Sweep's access at its issuer. Its history stays.
removed-not-offered = Removed '{ $name }' and deleted its tokens here. Its issuer offers no way to revoke them, so disconnect Sweep in the app's own settings.
removed-no-tokens = Removed '{ $name }'. Its history stays.
removed-revoke-failed = Removed '{ $name }' and deleted its tokens here, but could not tell its issuer to revoke them. Disconnect Sweep in the app's own settings. (Reason: { $reason })

## ID capture advice.

capture-too-small = Too small — move closer so the document fills the frame.
capture-too-blurry = Too blurry — hold the phone steady and tap to focus.
capture-too-much-glare = Too much glare — tilt the document away from the light or turn off the flash.

## Withdrawals: what became of each leg, and the confirmation prompts.

withdrawal-refused = The provider refused this withdrawal (HTTP { $status }).
leg-not-moved = The source did not move this balance.
platform-refused = The platform refused to move this balance.
bank-rejected = The bank rejected it ({ $status }).
leg-returned-payout-failed = The payout did not go through, so it went back.
leg-ended-before-collected = The withdrawal ended before this was collected.
leg-arrived-late = It arrived after the withdrawal ended, so it went back.
confirm-new-key = Allow a new device key to confirm your cash-outs?
confirm-send = Send { $amount } to { $payee }?

## A statement's line per source: where its money went.

statement-on-its-way = { $amount } from { $source } is on its way to the provider.
statement-reached = { $amount } left { $source } and reached the provider.
statement-kept = { $source } kept its { $amount }: it was not collected, and cost nothing.
statement-sent-back = { $amount } left { $source } and was sent back to it.

## The scam shield's built-in rules, by rule id (the same words as risk/rules.json).

risk-recent-sim-swap = Your phone's SIM card was changed recently, which is how accounts are taken over. Confirm it was you before any money moves.
risk-new-confirmation-key = The key that confirms your cash-outs was replaced in the last 24 hours. Confirm it was you before any money moves.
risk-new-payee-large-amount = You are sending far more than ever before to an account added in the last 3 days. This is what people who are being scammed are told to do.
risk-new-payee = You added this account less than 3 days ago. If someone asked you to add it, stop: Sweep pays out only to your own account.
risk-first-cash-out = This is your first cash-out. Sweep never asks for passwords or verification codes by phone, and nobody needs money from you first to pay you.
risk-large-against-history = This is more than three times your largest cash-out so far. Check the amount and the account.
