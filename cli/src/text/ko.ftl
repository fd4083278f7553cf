### 터미널 지갑이 하는 말, 한국어. en.ftl의 메시지와 같은 변수를 써요
### (text/catalog_tests.rs가 확인해요). 해요체로 써요.

## 진행 표시.

progress-syncing = 연결된 출처 동기화 중
progress-sealing = 직접 입력한 잔액 암호화해 저장 중

## 데모.

demo-wallet = Sweep 데모: 한 번 쓰고 버리는 암호화 지갑을 { $dir }에 만들었어요 (끝나면 지워요).
demo-sandbox = 샌드박스 제공사: { $url }
demo-linked = 샌드박스 출처 { $count }곳을 OAuth(PKCE, 클라이언트 비밀 없음)로 연결했어요: Source API, 오픈뱅킹, CAMARA.
demo-typed-in-tracked = 직접 입력한 잔액은 기록만 하고 절대 출금하지 않아요. 이체를 허용한 플랫폼과 연결된 은행의 돈은 실제로 옮겨서 현금으로 바꿔요.
demo-sample-photo = EXIF에 GPS 위치가 들어 있는 샘플 신분증 사진을 만들었어요 (위도 { $latitude }).
demo-proof-no-gps = 확인: 서버가 받은 { $bytes }바이트에는 GPS 태그가 없어요.
demo-proof-no-exif = 확인: 서버가 받은 { $bytes }바이트에는 EXIF가 전혀 없어서 GPS 태그도 없어요.
demo-payee-added = 받는 계좌 #{ $id } 추가: { $hint } (제공사가 예금주 이름을 확인했어요. 암호화해 저장했고, 새 계좌는 { $small } 넘게 보내려면 잠시 기다려야 해요).
demo-after-sync = 다음 동기화 뒤 각 플랫폼에 실제로 남은 돈: { $balances }.
demo-lost-leg = 출처 하나의 돈이 오지 않아 규칙대로 처리했어요. 견적: { $quoted } (수수료 { $quoted_fee }), 실제 지급: { $paid } (수수료 { $paid_fee }). 오지 않은 돈에는 수수료가 없어요.

## 표와 목록 (render.rs).

tier-unverified = 아직 인증 전 (한도가 작아요)
tier-phone = 휴대폰 번호 인증 완료
tier-id = 신분증 인증 완료
kind = { $kind ->
    [wallet] 지갑
    [game_credits] 게임 충전금
    [points] 포인트
    [carrier_billing] 휴대폰 결제
   *[bank] 은행
}
collection = { $collection ->
    [source_api_transfer] 출금 가능 (이체)
    [open_banking_payment] 출금 가능 (은행 결제)
    [tracked_only] 기록만
    [refund_to_origin] 원래 결제로 환불만
    [spend_only] 사용만 가능
    [blocked] 막힘
    [needs_reauth] 다시 연결 필요
    [read_only_link] 읽기 전용 연결
   *[no_collect_method] 앱에서만 보임
}
fresh-link-again = 다시 연결 필요
fresh-revoked = 권한 취소됨
fresh-typed-in = 직접 입력
fresh-just-now = 방금
fresh-minutes = { $minutes }분 전
fresh-hours = { $hours }시간 전
dashboard-empty = 아직 출처가 없어요. `sweep add-source`로 추가해 주세요.
sources-empty = 아직 출처가 없어요. `sweep add-source`나 `sweep link`로 추가해 주세요.
col-source = 출처
col-kind = 종류
col-balance = 잔액
col-can-become = 바꿀 수 있는 것
col-account = 계정
col-synced = 동기화
col-read-by = 읽는 방법
col-when = 언제
col-what = 내용
col-amount = 금액
nothing-yet = 아직 없음
cashable-now = 지금 현금으로 바꿀 수 있는 돈: { $totals }
sync-nothing = 동기화할 출처가 없어요. 연결된 출처가 없어요.
sync-summary = 연결된 출처 { $total }곳 중 { $synced }곳을 동기화했어요. 새 거래 { $new }건.
sync-link-again = `sweep link`로 다시 연결해 주세요.
sync-failed = 실패
sync-partial = 잔액은 동기화했지만 거래 내역은 중간에 멈췄어요 ({ $reason })
transactions-empty = 아직 거래 내역이 없어요. `sweep sync`로 읽어 오세요.
tx-credit = 입금
tx-debit = 출금
tx-expired = 소멸
tx-refund = 환불
refund-nothing = 휴대폰 요금으로 환불할 돈이 남아 있지 않아요.
refund-processing = 처리 중
refund-denied = 거절됨
refund-succeeded = 휴대폰 요금으로 환불됨
refund-line = 결제 { $payment }의 { $amount }: { $status } (환불 { $refund })
refund-title = 원래 결제한 휴대폰 요금으로 환불했어요:
ledger-verified = 원장 검증 완료: 항목 { $entries }개와 잔액 요약 { $summaries }개가 모두 맞아요 (체인 지문 { $fingerprint }).

## 수수료, 계획, 견적 (render_fees.rs).

col-take = 가져올 금액
col-fee = 수수료
col-you-get = 받을 금액
col-why = 이유
schedule = 수수료표 { $version }: { $rates }. 즉시 지급은 { $premium }를 더해요.
schedule-currency = { $currency }: 출금마다 { $per_withdrawal }, 출처마다 { $per_source }. 수수료는 최소 { $min_fee }, 최대 { $max_fee }. 출금은 { $min_withdrawal }부터 { $max_withdrawal }까지. 즉시 지급은 { $instant } 추가.
plan-none = 계획된 출금이 없어요.
plan-totals = 계획 ({ $speed ->
    [instant] 즉시
   *[standard] 일반
} 지급, 수수료표 { $schedule }): { $gross }을 모아 수수료 { $fee }(그중 출금 수수료 { $withdrawal_fee })를 빼고 { $net }을 받아요.
plan-left-out = 제외 #{ $id } { $name }: { $reason }
plan-advice = 도움말: { $text }
plan-worth-it = 지금 출금할 만해요.
plan-wait = 기다리는 편이 나아요 (도움말을 보세요).
quote-totals = { $gross }을 모아 수수료 { $fee }(출금 수수료 { $withdrawal_fee })를 빼고 { $net }을 받아요. { $speed ->
    [instant] 즉시
   *[standard] 일반
} 지급, { $eta }.
quote-locked = 견적 { $id }: { $until }까지 이 금액으로 고정돼요 (수수료표 { $schedule }). 보이는 수수료가 그대로 청구돼요.

## 출금 (withdraw.rs).

confirm-type-yes = 확인하려면 yes(또는 네)를 입력하세요:
withdrawal-state = { $state ->
    [requested] 요청됨 (보내기 전)
    [processing] 처리 중
    [sent] 보냄
    [completed] 완료
    [failed] 실패
    [returned] 되돌아옴
    [canceled] 취소됨
   *[other] { $state }
}
withdrawal-line = 출금 #{ $id }: 받는 계좌 #{ $payee }에 { $net }, { $state }
withdrawal-expected = 도착까지 { $eta }
leg-awaiting-bank = 은행에서 승인을 기다리는 중
leg-pending = 모으기 전
leg-instructed = 출처에 요청함
leg-collected = 모음
leg-failed = 모으지 못함
leg-returned = 출처로 돌려보냄
leg-line = 출처 #{ $source }에서 { $amount } (수수료 몫 { $fee }), { $state }
leg-collection = 수금 { $reference }
partial-rule = 출처가 돈을 보내 주지 않으면, 실제로 도착한 돈의 수수료 몫만 내요 (모두 도착하면 수수료는 모두 { $fee }). 도착한 돈이 최소 출금액보다 적으면 전부 원래 출처로 돌려보내고 수수료는 받지 않아요.
bank-open-url = 브라우저에서 이 주소를 열고 은행에서 결제를 승인해 주세요:
bank-paste-callback = 그다음 브라우저가 돌아온 주소를 붙여 넣어 주세요:
bank-leg = 출처 #{ $source }의 돈({ $amount })은 은행 결제예요. 제공사가 은행을 통해 바로 이 금액의 승인을 요청해요.
track-following = 출금 #{ $id } 상태를 지켜봐요: { $every }초마다, 최대 { $until }초 동안. Ctrl-C는 지켜보기만 멈추고 출금은 계속돼요. 나중에 `sweep track { $id }` 또는 `sweep withdrawals`로 다시 볼 수 있어요.
track-still = { $after }초가 지나도 아직 { $state } 상태예요. 출금은 계속 진행되니, `sweep track { $id }`로 다시 확인해 주세요.
receipt = 영수증 { $reference }: { $payee } 계좌로 { $net }, 수수료 { $fee } ({ $how ->
    [partial] 부분 수금 규칙대로 도착한 돈의 수수료 몫만
   *[quoted] 견적 그대로
}; 내 출처에서 모은 돈 { $gross }), 완료 { $at }.
receipt-leg = 출처 #{ $source }: { $amount }, { $reference }로 모음, 수수료 몫 { $fee }
statement = 정산: 모은 돈 { $collected } = 보낸 돈 { $paid_out } + 수수료 { $fee } + 돌려보낸 돈 { $sent_back }{ $in_flight }.
statement-in-flight = 오는 중 { $amount }

## 신분증 촬영과 인증 (verify_id.rs).

capture-check = { $format }, { $width }×{ $height }픽셀, { $kb }kB. 선명도 { $sharpness } (100 이상이면 선명), 빛 반사 { $glare }% (3% 이하).
capture-removed = 올리기 전에 지운 정보: { $metadata }.
capture-good = 사진이 좋아요.
capture-fix-first = 먼저 사진을 다시 찍어 주세요 (위 내용 참고)
progress-uploading = 올리는 중
capture-uploaded = tus로 { $bytes }바이트를 올렸어요 (연결 끊김 { $drops }번, { $from }바이트부터 이어서). 보낼 목록이 다시 비었어요.
verify-session = 인증 세션을 열었어요: { $id }.
verify-waiting = 제공사가 신분증을 확인하기를 기다려요: { $apart }ms 간격으로 최대 { $looks }번 확인해요. Ctrl-C는 기다림만 멈추고 확인은 계속돼요. 결과는 나중에 `sweep identity`로 볼 수 있어요.
verify-still = 아직 확인 중이에요. 나중에 `sweep identity`로 등급을 확인해 주세요.
verify-done = 본인 인증 완료: { $tier }.
verify-limits-hint = 이제 출금할 수 있는 한도는 `sweep limits`로 볼 수 있어요.
verify-other = 인증 { $status }: { $reason } (남은 시도 { $tries }번).

## 사기 방지 (shield.rs).

guide-title = 첫 출금 전에 꼭 알아 두세요:
guide-carrier-billing = 휴대폰 소액결제를 현금으로 바꿔 준다는 제안은 불법이에요. Sweep은 소액결제 돈을 원래 요금으로만 환불해요.
guide-no-codes = Sweep은 전화나 메시지로 비밀번호나 인증번호를 절대 묻지 않아요.
guide-no-advance = 돈을 받으려고 먼저 돈을 보내야 하는 일은 없어요.
guide-report = 사기 신고: 경찰청 사이버범죄 신고(ecrm.police.go.kr, 182) 또는 금융감독원 불법금융 신고(fss.or.kr, 1332).
shield-warn = 확인하기 전에 읽어 주세요:
shield-step-up = 멈추고 확인해 주세요:
shield-accepted = 위험을 알고 계속하기로 했어요(--accept-risk). 이 선택은 { $log }에 기록했어요.
shield-refused = 사기 방지 확인에서 멈추고 확인하라고 했어요. 확실하다면 --accept-risk를 붙여 다시 실행해 주세요
shield-type-understand = 그래도 계속하려면 "이해했어요"를 입력하세요:

## 명령 (commands.rs, history.rs).

resumed-withdrawals = 이전 실행에서 끝나지 않은 출금 { $count }건을 이어서 처리했어요:
resume-withdrawals-failed = 끝나지 않은 출금을 아직 이어서 처리하지 못했어요: { $error }
resumed-uploads = 끝나지 않은 신분증 업로드 { $count }건을 이어서 처리했어요.
resume-uploads-failed = 끝나지 않은 신분증 업로드를 아직 이어서 처리하지 못했어요: { $error }
source-added = 출처 #{ $id } 추가 완료.
exported = 출처 { $sources }개, 잔액 기록 { $entries }건, 거래 { $transactions }건, 출금 { $withdrawals }건, 받는 계좌 { $payees }개를 내보냈어요:
delete-account-confirm = 계정을 완전히 삭제해요. 이 기기의 데이터, 연결한 출처의 접근 권한, 제공사가 가진 정보까지 지워요. 계속하려면 yes를 입력해 주세요:
delete-account-kept = 아무것도 지우지 않았어요.
delete-account-retained = 제공사는 출금 { $id } 기록을 보관해요 (보관 기한: { $until }). 이유: { $reason }
reminders-none = 지금 확인할 일은 없어요.
source-edited = 출처 #{ $id } 수정 완료. 전 잔액은 기록에 남아 있어요.
source-linked = 출처 #{ $id } 연결 완료. `sweep sync`로 잔액을 읽어 오세요.
source-relinked = 출처 #{ $id } 다시 연결 완료. `sweep sync`로 잔액을 읽어 오세요.
link-open-url = 브라우저에서 이 주소를 열고 로그인해 주세요:
identity-tier = 등급: { $tier }
identity-limits = { $currency }: 1회 최대 { $once }, 하루 { $day }, 한 달 { $month }
identity-no-limits = 아직 한도를 몰라요. `sweep fees --provider URL`을 먼저 실행해 주세요.
payee-someone-else = 다른 사람의 계좌예요. 모르는 사람에게 돈을 보내게 하는 것이 흔한 사기 수법이에요.
payee-added = 받는 계좌 #{ $id } 추가: { $hint }
payee-line = #{ $id } { $hint } ({ $until }까지 새 계좌)
withdrawals-none = 아직 출금이 없어요. `sweep withdraw --payee N`으로 출금할 수 있어요.
withdrawals-hint = 완료된 출금의 영수증은 `sweep receipt N`, 아직 보내지 않은 출금 취소는 `sweep cancel N`.
resume-nothing = 끝나지 않은 일이 없어요.
limits-tier = 인증: { $tier }
limits-none = 이 등급에서는 { $currency }에 한도가 없어요.
limits-unlimited = 한도 없음
limits-once = 1회 출금: 최대 { $amount }
limits-today = 오늘 남은 한도: { $amount }
limits-month = 이번 달 남은 한도: { $amount }
phone-asking = 이 기기의 번호가 입력한 번호와 같은지 통신사에 확인하는 중...
phone-verified = 확인됐어요: 이 기기의 번호가 맞아요. 이제 등급이 최소 휴대폰 인증이에요.
phone-not-verified = 통신사가 이 기기의 번호가 아니라고 해요. 바뀐 것은 없어요.

## 오류: 코어의 문장에 터미널 지갑이 덧붙이는 말.

error-wrong-passphrase = 암호가 틀렸어요. 이 암호로는 이 지갑을 열 수 없어요.
error-key-missing = 지갑의 키가 없어요. 백업해 두었다면 `sweep key restore FILE`을 실행해 주세요.
error-run-fees = 먼저 `sweep fees --provider URL`을 실행해 주세요.
error-someone-else = 잘 아는 사람이라면 --someone-else를 붙여 추가해 주세요.

## 지갑의 키 (key_commands.rs, key.rs).

key-legacy-note = 참고: 이 지갑의 키는 재부팅하면 잊히는 커널 키 저장소에 있어요. `sweep key passphrase`로 암호로 보호하도록 바꿔 주세요.
init-created = 암호화된 지갑을 { $dir }에 만들었어요.
init-passphrase = 지갑의 키는 내 암호로 보호돼요. 암호가 없으면 지갑을 열 수 없어요. `sweep key backup FILE`로 키를 백업해 두세요 (백업도 암호로만 열려요).
init-keyring = 지갑의 키는 로그인하면 열리는 데스크톱 키링에 있어요. 키링을 잃으면 지갑도 잃어요. 다른 곳에 보관할 백업이 필요하면 `sweep key passphrase`로 키를 암호로 옮긴 뒤 `sweep key backup FILE`을 실행해 주세요.
lock-done = 잠갔어요. 다음 명령에서 암호를 물어요. (데스크톱 키링에 키가 있는 지갑은 키링이 열려 있는 동안 계속 열려요.)
backup-written = 지갑의 암호화된 키를 { $file }에 썼어요.
backup-keyring = 이 백업은 이 데스크톱 키링에 지갑의 키가 있을 때만 열려요. 어디서나 열리는 백업을 원하면 먼저 키를 암호로 옮겨 주세요 (`sweep key passphrase`).
backup-passphrase = 이 백업은 암호로만 열려요. 지갑의 키가 없어지면 `sweep key restore`로 되돌릴 수 있어요.
restore-done = { $file }에서 지갑의 키를 되살렸어요.
key-old-not-removed = 참고: 데스크톱 키링에서 이전 키를 지우지 못했어요 ({ $error }). 직접 지워 주세요.
key-now-passphrase = 이제 지갑의 키는 새 암호로 보호돼요.
key-now-keyring = 이제 지갑의 키는 데스크톱 키링에 있어요.
key-left-kernel = 이제 커널 키 저장소에 의존하지 않아서 재부팅해도 지갑이 잠기지 않아요.
passphrase-again = 같은 암호를 한 번 더 입력하세요:
passphrase-new = { $dir }에 있는 지갑의 새 암호:
passphrase-ask = { $dir }에 있는 지갑의 암호:
