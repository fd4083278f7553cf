### Sweep이 사용자에게 하는 말, 한국어. en.ftl의 메시지와 같은 변수를 씁니다
### (text/catalog_tests.rs가 확인해요). 해요체로, 변수 뒤에는 받침에 따라
### 바뀌는 조사를 쓰지 않도록 문장을 짰어요.

## 오류: 무엇이 잘못됐는지, 할 수 있는 일이 있으면 그것까지 한 문장으로.

error-unknown-currency = 알 수 없는 통화 코드예요: "{ $code }". KRW나 USD처럼 ISO 4217 대문자 코드를 써 주세요.
error-currency-mismatch = 통화가 달라서 합칠 수 없어요: { $expected }, { $found }
error-amount-overflow = 금액이 너무 커서 계산할 수 없어요 ({ $operation }).
error-sub-minor-precision = { $amount }: { $currency } 통화는 소수점 아래 { $minor_units }자리까지만 쓸 수 있어요.
error-negative-amount = { $field } 항목에는 음수를 넣을 수 없어요 (입력: { $amount }).
error-unparsable-amount = 금액으로 읽을 수 없어요: "{ $input }" ({ $reason })
error-invalid-input = { $field } 항목을 확인해 주세요: { $reason }
error-wrong-key = 키가 맞지 않아 이 지갑을 열 수 없어요.
error-key-unavailable = 키를 쓸 수 없어요: { $reason }
error-tampered = 저장된 데이터가 변조됐어요 ({ $table }.{ $column }, 행 { $row }). 값의 인증에 실패했어요.
error-schema-too-new = 이 지갑은 더 새로운 버전의 앱에서 만들어졌어요 (스키마 { $found }, 이 앱은 { $supported }까지 지원). 앱을 업데이트해 주세요.
error-ledger-corrupted = 원장 검증에 실패했어요 (항목 { $seq }): { $reason }
error-source-not-found = ID가 { $source_id }인 출처가 없어요.
error-network = 네트워크 오류가 났어요: { $reason }
error-timeout = 출처가 { $after_ms }ms 안에 응답하지 않았어요.
error-malformed-response = 출처의 응답을 읽을 수 없어요: { $reason }
error-response-too-large = 출처의 응답이 { $limit_bytes }바이트보다 커요.
error-rate-limited = 요청이 너무 많다고 출처가 거절했어요. 잠시 후 다시 시도해 주세요.
error-rate-limited-retry = 요청이 너무 많다고 출처가 거절했어요. { $retry_after_ms }ms 뒤에 다시 시도해 주세요.
error-auth-expired = 다시 로그인해야 해요: { $reason }
error-access-revoked = 접근 권한이 취소됐어요: { $reason }
error-source-failed = 출처가 HTTP { $status } 오류로 응답했어요.
error-oauth-rejected = 로그인이 거절됐어요: { $error }
error-wallet-closed = 지갑이 닫혀 있어요.
error-wallet-in-use = 이 지갑은 이미 다른 곳(다른 프로세스나 창)에서 열려 있어요. 그곳에서 먼저 닫아 주세요.
error-storage = 저장소 오류가 났어요: { $reason }
error-amount-not-positive = { $field } 항목은 0보다 커야 해요 (입력: { $amount }).
error-limit-exceeded = 요청한 금액({ $requested })이 { $limit ->
    [daily] 오늘 남은 한도
    [monthly] 이번 달 남은 한도
    [per_withdrawal] 1회 출금 한도
    [balance] 출금 가능 잔액 한도
   *[other] { $limit } 한도
}({ $allowed })를 넘어요.
error-below-minimum = 요청한 금액({ $requested })이 { $minimum_kind ->
    [min_withdrawal] 최소 출금액
    [source_minimum] 출처의 최소 금액
   *[other] { $minimum_kind } 최소 금액
}({ $minimum })보다 적어요.
error-not-cashable = 출처 { $source_id }의 돈은 현금으로 바꿀 수 없어요: { $reason }
error-no-fee-schedule = 아직 수수료표가 없어요. 먼저 제공사에서 수수료표를 받아 주세요.
error-quote-expired = 견적 { $quote_id }의 유효 시간이 지났어요. 새 견적을 받아 주세요.
error-fee-schedule-stale = 견적이 이전 수수료표({ $quote_version })로 계산됐어요. 지금은 새 수수료표({ $current_version })가 적용되니 새 견적을 받아 주세요.
error-quote-mismatch = 제공사의 { $field } 값({ $provider })이 Sweep의 계산({ $local })과 달라요.
error-amount-unreachable = 정확히 그 금액({ $requested })을 받을 수는 없어요. 받을 수 있는 가장 가까운 금액: { $nearest }
error-capture-rejected = 사진을 쓸 수 없어요 ({ $problem ->
    [Missing] 파일이 없어요
    [NotAFile] 파일이 아니에요
    [Empty] 빈 파일이에요
    [TooLarge] 파일이 너무 커요
    [WrongType] 사진 파일이 아니에요
    [Unsupported] 지원하지 않는 형식이에요
    [Truncated] 파일이 잘렸어요
    [DecompressionBomb] 풀면 너무 커지는 파일이에요
    [ChangedDuringUpload] 올리는 중에 파일이 바뀌었어요
    [PoorQuality] 사진 품질이 낮아요
   *[other] { $problem }
}): { $detail }
error-payee-cooling-down = 받는 계좌 { $payee_id }번은 새로 추가됐어요. { $until }까지는 { $small_amount }까지만 받을 수 있어요.
error-payee-not-found = ID가 { $payee_id }인 받는 계좌가 없어요.
error-idempotency-conflict = 이 멱등성 키는 이미 다른 출금에 쓰였어요.
error-cancel-too-late = 출금 { $withdrawal_id }번은 이미 { $state ->
    [requested] 요청된
    [processing] 처리 중인
    [sent] 보낸
    [completed] 완료된
    [failed] 실패한
    [canceled] 취소된
    [returned] 되돌아온
   *[other] { $state }
} 상태라 취소할 수 없어요.
error-payee-name-mismatch = 예금주 이름이 계좌와 맞지 않아요 ({ $result }). 이름을 확인하고 다시 시도해 주세요.
error-receipt-not-ready = 출금 { $withdrawal_id }번은 아직 { $state ->
    [requested] 요청된
    [processing] 처리 중인
    [sent] 보낸
    [completed] 완료된
    [failed] 실패한
    [canceled] 취소된
    [returned] 되돌아온
   *[other] { $state }
} 상태예요. 완료되면 영수증이 나와요.
error-charge-mismatch = 출금 { $withdrawal_id }번: 제공사가 { $field } 항목으로 청구한 금액({ $charged })이 견적({ $quoted })과 달라요.
error-conservation-broken = 출금 { $withdrawal_id }번의 금액이 맞지 않아요: 모은 돈 { $collected }, 지급 { $paid_out }, 수수료 { $fee }, 돌려보낸 돈 { $returned }.
error-withdrawal-not-found = ID가 { $withdrawal_id }인 출금이 없어요.
error-authentication-failed = 출금이 확인되지 않았어요: { $reason }
error-recent-sim-swap = 최근 { $hours }시간 안에 유심이 바뀌었어요. 계정을 지키기 위해 출금을 잠시 멈췄어요.
error-payee-not-own-name = 이 계좌는 인증된 본인 이름의 계좌가 아니에요. Sweep은 기본적으로 본인 계좌로만 보내요. 다른 사람 계좌로 보내게 하는 것은 흔한 사기 수법이니, 잘 아는 사람일 때만 추가하세요.
error-object-closed = 이 { $object_name } 객체는 닫혀서 더 쓸 수 없어요. 새로 열어 주세요.
error-internal = 내부 오류가 났어요: { $reason }

## 서버 요청이 실패한 이유: error-network, error-auth-expired, error-access-revoked 문장 안에 들어가요.

net-untrusted-certificate = 서버 인증서를 신뢰할 수 없어요
net-could-not-connect = 연결하지 못했어요
net-request-failed = 요청이 실패했어요
net-no-trusted-roots = 이 기기에서 신뢰할 수 있는 루트 인증서를 찾지 못했어요
net-token-refused = 출처가 액세스 토큰을 거절했어요
net-access-refused = 출처가 접근을 거절했어요
net-refresh-refused = 출처가 갱신 토큰을 거절했어요
net-upload-session-refused = 업로드 서버가 세션을 거절했어요
net-upload-access-refused = 업로드 서버가 접근을 거절했어요

## 서버가 끝내 거절한 신분증 업로드. $error는 원인 문장이에요.

upload-final = { $error } 다시 시도해도 소용없어요. 이 사진은 지우고 다시 찍어서 제출해 주세요.

## 날짜와 시간: 지갑의 시계로 (text/time.rs). 숫자는 숫자 그대로 와요.
## $zone은 사용자의 시계가 아닐 때만 " UTC", 아니면 비어 있어요.

date-time = { $year }년 { $month }월 { $day }일 { $time }{ $zone }
date = { $year }년 { $month }월 { $day }일
about-moments = 곧
about-minutes = 약 { $count }분
about-hours = 약 { $count }시간

## 출금 계획: 출처별로 얼마를 옮기는지, 빠진 출처는 왜 빠졌는지, 도움말.

plan-leg-all = { $source }에서 { $amount } 전부를 옮겨요 (수수료율 { $rate }, 수수료 { $fee }).
plan-leg-cut = { $source }에서 { $available } 중 { $amount }만 옮겨요 (수수료율 { $rate }, 수수료 { $fee }). 나머지까지 옮기면 { $limit ->
    [per_withdrawal] 1회 출금
    [daily] 하루
    [monthly] 한 달
   *[other] 최대 출금
} 한도({ $cap })를 넘어요.
plan-leg-expiring = 일부는 곧 유효기간이 끝나요.
left-out-nothing = 옮길 돈이 없어요.
left-out-kind = 제공사가 { $kind ->
    [wallet] 지갑
    [game_credits] 게임 충전금
    [points] 포인트
    [carrier_billing] 휴대폰 결제
    [bank] 은행
   *[other] { $kind }
} 잔액은 현금으로 바꿔 주지 않아요.
left-out-below-own-minimum = 잔액이 이 출처의 최소 금액({ $minimum })보다 적어요.
left-out-limit-reached = { $limit ->
    [per_withdrawal] 1회 출금
    [daily] 하루
    [monthly] 한 달
   *[other] 최대 출금
} 한도({ $cap })를 이미 다 썼어요.
left-out-fits-below-minimum = 한도 안에 남은 금액이 이 출처의 최소 금액({ $minimum })보다 적어요.
left-out-costs-more = 옮기는 데 드는 수수료가 옮기는 금액보다 커요 (금액 { $amount }, 출처별 수수료 { $fee }).
advice-nothing-cashable = 아직 현금으로 바꿀 수 있는 { $currency } 잔액이 없어요.
advice-limit-below-minimum = 남은 { $limit ->
    [per_withdrawal] 1회 출금
    [daily] 하루
    [monthly] 한 달
   *[other] 최대 출금
} 한도({ $cap })가 최소 출금액({ $minimum })보다 적어요. 한도가 다시 채워질 때까지 기다려 주세요.
advice-no-combination = 한도 안에서 최소 출금액({ $minimum })을 채우는 출처 조합이 없어요. 어떤 출처는 더 큰 금액만 내보낼 수 있어요.
advice-add-to-minimum = 조금 더 모아 주세요. 지금 바꿀 수 있는 금액({ $total })이 최소 출금액({ $minimum })에 못 미쳐요. { $short } 더 있으면 돼요.
advice-fee-stuck = { $gross } 중 수수료가 { $fee } 나와요. 이 출처들의 수수료율({ $rate } 이상)로는 수수료 비율이 { $target } 아래로 내려가지 않아요.
advice-fee-add = { $gross } 중 수수료가 { $fee } 나와요. { $add } 더 모으면 수수료 비율이 { $target } 아래로 내려가요.
advice-expiring = { $source }에 있는 { $amount }의 유효기간이 { $date }에 끝나는데, 이번 계획에는 들어가지 않아요. 그 전에 { $source }에서 써 주세요.

## 환불 규칙을 잔액에 적용한 조언.

refund-spend-to-unlock = { $source }: { $spend } 더 쓰면 남은 { $refund } 환불을 받을 수 있어요.
refund-now = { $source }: 충분히 써서 남은 { $amount } 환불을 요청할 수 있어요.
refund-cooling-off = { $source }: 쓰지 않은 구매라 { $amount } 전액 환불을 받을 수 있어요. 기한: { $date }
refund-expires-soon = { $source }: { $amount } 곧 사라져요 (만료일: { $date }). 쓰거나 환불받으세요.
refund-after-expiry = 만료 뒤에도 구매 후 { $years }년 안에는 남은 금액의 { $percent }% 환불을 받을 수 있어요.
reminder-reauth = { $source }: 연결이 끊겼어요. 다시 연결해야 잔액을 읽고 옮길 수 있어요.
reminder-cash-out = 지금 출금하면 수수료가 적어요. 받을 금액: { $net }
payout-paid-out = 지금 제공사가 { $currency } 출금을 지원해요.
payout-not-paid-out = 지금 제공사는 { $currency } 출금을 지원하지 않아요. 이 돈은 기록만 해요.
payout-unknown = 수수료표를 받아 와야 { $currency } 출금 여부를 알 수 있어요.
account-deleted = 계정을 삭제했어요. 연결 { $revoked }곳의 접근 권한을 취소했고, 이 기기의 데이터와 암호화 키를 지웠어요. { $not_revoked ->
    [0] {""}
   *[other] 권한을 취소하지 못한 연결 { $not_revoked }곳은 각 앱 설정에서 직접 해제해 주세요.
}

## 잔액이 무엇이 될 수 있는지.

collect-tracked-only = 직접 입력한 잔액이라 Sweep은 기록만 해요. 현금으로 바꾸려면 출처를 연결해 주세요.
collect-needs-reauth = 다시 연결하기 전까지 Sweep이 이 출처에 접근할 수 없어요.
collect-read-only = 지금 연결로는 잔액을 읽을 수만 있고 옮길 수는 없어요. 다시 연결하면서 이체를 허용해 주세요.
collect-no-method = 앱에서 잔액은 보이지만 Sweep이 이 돈을 옮길 방법이 없어요.
eligible-wallet = 지갑 잔액은 내 은행 계좌로 출금할 수 있어요.
eligible-bank = 은행 잔액은 이미 현금이에요.
eligible-game-credits = 게임 충전금은 게임 안에서 쓸 수 있어요. 환불은 플랫폼만 해 줄 수 있어요.
eligible-points = 포인트는 발행처에서 쓰거나 전환할 수 있지만 출금할 수는 없어요.
eligible-carrier-billing = 휴대폰 결제로 생긴 돈은 원래 결제한 휴대폰 요금으로만 환불받을 수 있어요.
not-source-api = Source API 플랫폼이 아니라서 Sweep이 이 돈을 옮길 수 없어요.
awaiting-first-sync = 직접 입력한 금액이에요. 첫 동기화로 실제 잔액을 확인하기 전까지는 옮길 수 없어요.
overdrawn = 계좌 잔액이 마이너스예요.

## 출처를 연결하거나 지운 결과.

link-adopted-typed-in = 직접 입력해 둔 출처 '{ $name }' 항목을 이 연결로 바꿨어요. 기록은 그대로 두고 금액은 한 번만 세요.
link-other-account = 전과 다른 계정으로 로그인해서 새 출처로 연결했어요. 원래 출처 '{ $name }' 항목은 그대로 있어요.
removed-revoked = 출처 '{ $name }' 항목을 지우고 발급처에서 접근 권한도 취소했어요. 지난 기록은 남아 있어요.
removed-not-offered = 출처 '{ $name }' 항목을 지우고 이 기기의 토큰도 지웠어요. 발급처가 권한 취소를 지원하지 않으니 앱 설정에서 직접 연결을 해제해 주세요.
removed-no-tokens = 출처 '{ $name }' 항목을 지웠어요. 지난 기록은 남아 있어요.
removed-revoke-failed = 출처 '{ $name }' 항목을 지우고 이 기기의 토큰도 지웠지만 발급처에 권한 취소를 알리지 못했어요. 앱 설정에서 직접 연결을 해제해 주세요. (이유: { $reason })

## 신분증 촬영 도움말.

capture-too-small = 너무 작아요. 신분증이 화면을 채우도록 더 가까이 찍어 주세요.
capture-too-blurry = 너무 흐려요. 휴대폰을 고정하고 화면을 눌러 초점을 맞춰 주세요.
capture-too-much-glare = 빛 반사가 너무 많아요. 신분증을 빛에서 살짝 기울이거나 플래시를 꺼 주세요.

## 출금: 출처별 결과와 확인 문구.

withdrawal-refused = 제공사가 이 출금을 거절했어요 (HTTP { $status }).
leg-not-moved = 출처가 이 잔액을 옮기지 않았어요.
platform-refused = 플랫폼이 이 잔액을 옮기는 것을 거절했어요.
bank-rejected = 은행이 거절했어요 ({ $status }).
leg-returned-payout-failed = 지급이 이루어지지 않아서 돈이 원래 출처로 돌아갔어요.
leg-ended-before-collected = 이 돈을 모으기 전에 출금이 끝났어요.
leg-arrived-late = 출금이 끝난 뒤에 도착해서 원래 출처로 돌아갔어요.
confirm-new-key = 새 기기 키로 출금을 확인하도록 허용할까요?
confirm-send = { $payee } 계좌로 { $amount } 보낼까요?

## 정산서의 출처별 한 줄: 돈이 어디로 갔는지.

statement-on-its-way = { $source }에서 { $amount } 전송 중이에요. 곧 제공사에 도착해요.
statement-reached = { $source }에서 { $amount } 빠져나가 제공사에 도착했어요.
statement-kept = { $source }의 { $amount }은 그대로 있어요. 모으지 못했고 수수료도 없어요.
statement-sent-back = { $source }에서 { $amount } 빠져나갔다가 다시 돌려보냈어요.

## 사기 방지 규칙 (risk/rules.json), 규칙 ID별.

risk-recent-sim-swap = 최근에 휴대폰 유심이 바뀌었어요. 계정을 가로챌 때 흔히 쓰는 방법이에요. 돈이 움직이기 전에 본인이 바꾼 게 맞는지 확인해 주세요.
risk-new-confirmation-key = 출금을 확인하는 키가 최근 24시간 안에 바뀌었어요. 돈이 움직이기 전에 본인이 바꾼 게 맞는지 확인해 주세요.
risk-new-payee-large-amount = 최근 3일 안에 추가한 계좌로 지금까지보다 훨씬 큰 금액을 보내려고 해요. 사기를 당하는 사람들이 흔히 이렇게 하라는 말을 들어요.
risk-new-payee = 이 계좌는 추가한 지 3일이 안 됐어요. 누군가 이 계좌를 추가하라고 했다면 멈추세요. Sweep은 본인 계좌로만 보내요.
risk-first-cash-out = 첫 출금이에요. Sweep은 전화나 메시지로 비밀번호나 인증번호를 절대 묻지 않고, 돈을 받기 위해 먼저 돈을 보내야 하는 일도 없어요.
risk-large-against-history = 지금까지 가장 큰 출금액의 세 배가 넘어요. 금액과 계좌를 다시 확인해 주세요.
