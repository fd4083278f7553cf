### What the terminal wallet says, in English. Every message has a Korean
### twin in ko.ftl with the same variables (text/catalog_tests.rs checks).

## Progress bars.

progress-syncing = syncing linked sources
progress-sealing = sealing typed-in balances

## The demo.

demo-wallet = Sweep demo: a throw-away encrypted wallet in { $dir } (deleted on exit)
demo-sandbox = Sandbox provider: { $url }
demo-linked = Linked { $count } sandbox sources with OAuth (PKCE, no client secret): Source API, Open Banking, CAMARA.
demo-typed-in-tracked = Typed-in balances are tracked only: Sweep never pays them out. Linked platforms that allow transfers, and linked banks, are cashed out by moving their money.
demo-sample-photo = Sample ID photo generated with a GPS position in its EXIF (latitude { $latitude }).
demo-proof-no-gps = Proof: the { $bytes } bytes the server received carry no GPS tag.
demo-proof-no-exif = Proof: the { $bytes } bytes the server received carry no EXIF at all, so no GPS tag.
demo-payee-added = Payee #{ $id } added: { $hint } (the provider confirmed the holder's name; sealed; new payees cool down above { $small }).
demo-after-sync = After the next sync the platforms show what they really hold: { $balances }.
demo-lost-leg = One leg was lost, so the rule applied: quoted { $quoted } for a fee of { $quoted_fee }; paid { $paid } for a fee of { $paid_fee }, and the lost leg cost nothing.

## Tables and lists (render.rs).

tier-unverified = not verified yet (small limits)
tier-phone = phone number verified
tier-id = ID verified
kind = { $kind ->
    [wallet] wallet
    [game_credits] game credits
    [points] points
    [carrier_billing] carrier billing
   *[bank] bank
}
collection = { $collection ->
    [source_api_transfer] cashable (transfer)
    [open_banking_payment] cashable (bank payment)
    [tracked_only] tracked only
    [refund_to_origin] refund to origin
    [spend_only] spend only
    [blocked] blocked
    [needs_reauth] link again
    [read_only_link] read-only link
   *[no_collect_method] read by the app
}
fresh-link-again = link again
fresh-revoked = revoked
fresh-typed-in = typed in
fresh-just-now = just now
fresh-minutes = { $minutes } min ago
fresh-hours = { $hours } h ago
dashboard-empty = No sources yet. Add one with `sweep add-source`.
sources-empty = No sources yet. Add one with `sweep add-source` or `sweep link`.
col-source = Source
col-kind = Kind
col-balance = Balance
col-can-become = Can become
col-account = Account
col-synced = Synced
col-read-by = Read by
col-when = When
col-what = What
col-amount = Amount
nothing-yet = nothing yet
cashable-now = Cashable now: { $totals }
sync-nothing = Nothing to sync: no linked sources.
sync-summary = Synced { $synced } of { $total } linked sources; { $new } new transactions.
sync-link-again = Link it again with `sweep link`.
sync-failed = failed
sync-partial = balances synced; transactions stopped early ({ $reason })
transactions-empty = No transactions yet. Run `sweep sync` to read them.
tx-credit = credit
tx-debit = debit
tx-expired = expired
tx-refund = refund
refund-nothing = Nothing left to refund to the phone bill.
refund-processing = processing
refund-denied = denied
refund-succeeded = back on the phone bill
refund-line = { $amount } of payment { $payment }: { $status } (refund { $refund })
refund-title = Refunded to the phone bill it came from:
ledger-verified = Ledger verified: { $entries } entries and { $summaries } balance summaries check out (chain fingerprint { $fingerprint }).

## Fees, plans and quotes (render_fees.rs).

col-take = Take
col-fee = Fee
col-you-get = You get
col-why = Why
schedule = Fee schedule { $version }: { $rates }; instant payouts add { $premium }.
schedule-currency = { $currency }: { $per_withdrawal } per withdrawal and { $per_source } per source, a fee of at least { $min_fee } and at most { $max_fee }, withdrawals from { $min_withdrawal } to { $max_withdrawal }; instant adds { $instant }.
plan-none = No cash-out planned.
plan-totals = Plan ({ $speed } speed, schedule { $schedule }): take { $gross }, fee { $fee } (of which { $withdrawal_fee } per withdrawal), you receive { $net }.
plan-left-out = left out #{ $id } { $name }: { $reason }
plan-advice = advice: { $text }
plan-worth-it = Worth cashing out now.
plan-wait = Better to wait (see the advice).
quote-totals = Take { $gross }, fee { $fee } (withdrawal fee { $withdrawal_fee }), you receive { $net }; { $speed } payout, { $eta }.
quote-locked = Quote { $id } is locked until { $until } (schedule { $schedule }). The fee shown is the fee charged.

## Withdrawals (withdraw.rs).

confirm-type-yes = Type yes to confirm:
withdrawal-state = { $state ->
    [requested] requested (waiting to be sent)
    [processing] processing
    [sent] sent
    [completed] completed
    [failed] failed
    [returned] returned
    [canceled] canceled
   *[other] { $state }
}
withdrawal-line = Withdrawal #{ $id }: { $net } to payee #{ $payee }, { $state }
withdrawal-expected = expected in { $eta }
leg-awaiting-bank = waiting for you to approve it at your bank
leg-pending = waiting to be collected
leg-instructed = asked of its source
leg-collected = collected
leg-failed = not collected
leg-returned = sent back to its source
leg-line = leg from source #{ $source }: { $amount } (fee share { $fee }), { $state }
leg-collection = collection { $reference }
partial-rule = If a source does not let its money go, you pay only the fee share of what arrives ({ $fee } in all if everything does); if less than the minimum withdrawal arrives, it all goes back to its sources and nothing is charged.
bank-open-url = Open this URL in a browser and approve the payment at your bank:
bank-paste-callback = Then paste the URL the browser was sent back to:
bank-leg = The leg from source #{ $source } ({ $amount }) is a bank payment: the provider has your bank ask you to approve exactly this amount.
track-following = Following withdrawal #{ $id }: a look every { $every } s, for up to { $until } s. Ctrl-C stops following, not the withdrawal; `sweep track { $id }` or `sweep withdrawals` picks it up later.
track-still = Still { $state } after { $after } s. It goes on without you: `sweep track { $id }` checks again.
receipt = Receipt { $reference }: { $net } to { $payee }, fee { $fee } { $how ->
    [partial] by the partial collection rule: only the fee share of what arrived
   *[quoted] exactly as quoted
} ({ $gross } collected from your sources), completed { $at }.
receipt-leg = source #{ $source }: { $amount } collected into { $reference }, fee share { $fee }
statement = Statement: { $collected } collected = { $paid_out } paid out + { $fee } fee + { $sent_back } sent back{ $in_flight }.
statement-in-flight = { $amount } on its way

## ID capture and verification (verify_id.rs).

capture-check = { $format }, { $width }×{ $height } px, { $kb } kB; sharpness { $sharpness } (100 or more is sharp), glare { $glare }% (3% or less).
capture-removed = Removed before upload: { $metadata }.
capture-good = The photo is good.
capture-fix-first = fix the photo first (see above)
progress-uploading = uploading
capture-uploaded = Uploaded { $bytes } bytes with tus ({ $drops } drops, resumed from { $from }); the outbox is empty again.
verify-session = Verification session { $id } opened.
verify-waiting = Waiting for the provider to check your ID: up to { $looks } looks, { $apart } ms apart. Ctrl-C stops waiting, not the check; `sweep identity` shows the outcome later.
verify-still = Still being checked. Run `sweep identity` later to see your tier.
verify-done = Identity verified: { $tier }.
verify-limits-hint = `sweep limits` shows what you can now withdraw.
verify-other = Verification { $status }: { $reason } ({ $tries } tries left).

## The scam shield (shield.rs).

guide-title = Before your first cash-out:
guide-carrier-billing = Offers to turn phone-bill payments (소액결제) into cash are illegal in Korea; Sweep only refunds them to the bill.
guide-no-codes = Sweep never asks for passwords or verification codes by phone or message.
guide-no-advance = Nobody needs money from you first in order to pay you.
guide-report = To report fraud: the police cyber-crime report (ecrm.police.go.kr, 182) or the FSS illegal-finance report (fss.or.kr, 1332).
shield-warn = Before you confirm:
shield-step-up = Stop and check:
shield-accepted = You chose to go ahead (--accept-risk); this is noted in { $log }.
shield-refused = the scam shield asked you to stop and check; run again with --accept-risk once you are sure
shield-type-understand = Type I understand to go ahead anyway:

## Commands (commands.rs, history.rs).

resumed-withdrawals = Carried on { $count } unfinished withdrawal(s) from an earlier run:
resume-withdrawals-failed = Unfinished withdrawals could not be carried on yet: { $error }
resumed-uploads = Carried on { $count } unfinished ID upload(s).
resume-uploads-failed = Unfinished ID uploads could not be carried on yet: { $error }
source-added = Added source #{ $id }.
exported = Exported { $sources } sources, { $entries } balance entries, { $transactions } transactions, { $withdrawals } cash-outs and { $payees } payees:
delete-account-confirm = This deletes your account for good: your data here, your linked sources' access and what the provider holds. Type yes to go on:
delete-account-kept = Nothing was deleted.
delete-account-retained = The provider keeps cash-out { $id } until { $until }: { $reason }
reminders-none = Nothing needs you right now.
source-edited = Changed source #{ $id }. Its old balance stays in the history.
source-linked = Linked source #{ $id }. Run `sweep sync` to read its balances.
source-relinked = Linked source #{ $id } again. Run `sweep sync` to read its balances.
link-open-url = Open this URL in a browser and sign in:
identity-tier = Tier: { $tier }
identity-limits = { $currency }: up to { $once } a withdrawal, { $day } a day, { $month } a month
identity-no-limits = No limits known yet: run `sweep fees --provider URL`.
payee-someone-else = Someone else's account: sending money to people you do not know is how many scams work.
payee-added = Added payee #{ $id }: { $hint }
payee-line = #{ $id } { $hint } (new until { $until })
withdrawals-none = No withdrawals yet. `sweep withdraw --payee N` makes one.
withdrawals-hint = `sweep receipt N` shows a completed one's receipt; `sweep cancel N` stops one not yet sent.
resume-nothing = Nothing is unfinished.
limits-tier = Verification: { $tier }
limits-none = No limits apply to { $currency } at this tier.
limits-unlimited = no limit
limits-once = One withdrawal: up to { $amount }
limits-today = Left today:     { $amount }
limits-month = Left this month: { $amount }
phone-asking = Asking your mobile operator whether this device's number is the one you gave...
phone-verified = Verified: the number is this device's. Your tier is now at least phone-verified.
phone-not-verified = The operator says the number is not this device's. Nothing changed.

## Errors: what the terminal wallet adds to the core's sentence.

error-wrong-passphrase = wrong passphrase: it does not open this wallet
error-key-missing = The wallet's key is missing: if you kept a backup, run `sweep key restore FILE`.
error-run-fees = Run `sweep fees --provider URL` first.
error-someone-else = If you do, add it with --someone-else.

## The wallet's key (key_commands.rs, key.rs).

key-legacy-note = note: this wallet's key is in the kernel key store, which forgets it at reboot. Run `sweep key passphrase` to protect it with a passphrase instead.
init-created = Created an encrypted wallet in { $dir }.
init-passphrase = Its key is protected by your passphrase: without it the wallet cannot be opened. Keep a copy of the key with `sweep key backup FILE` (it opens only with the passphrase).
init-keyring = Its key is kept in your desktop keyring, which your login unlocks. If that keyring is lost, so is the wallet: for a copy you can keep elsewhere, move the key under a passphrase with `sweep key passphrase`, then `sweep key backup FILE`.
lock-done = Locked: the next command asks for the passphrase. (A wallet kept in the desktop keyring stays open while that keyring is unlocked.)
backup-written = Wrote the wallet's wrapped key to { $file }.
backup-keyring = It opens only while this desktop keyring holds the wallet's key; for a backup that opens anywhere, move the key under a passphrase first (`sweep key passphrase`).
backup-passphrase = It opens only with the passphrase; `sweep key restore` puts it back if the wallet's own copy is lost.
restore-done = Restored the wallet's key from { $file }.
key-old-not-removed = note: the old key could not be removed from the desktop keyring ({ $error }); remove it there by hand.
key-now-passphrase = The wallet's key is now protected by the new passphrase.
key-now-keyring = The wallet's key is now kept in the desktop keyring.
key-left-kernel = It no longer depends on the kernel key store, so a reboot cannot lock you out.
passphrase-again = The same passphrase again:
passphrase-new = New passphrase for the wallet in { $dir }:
passphrase-ask = Passphrase for the wallet in { $dir }:
