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
error-rate-limited = 요청이 너무 많다고 출처가 거절했어요. 잠시 후 다시 해 주세요.
error-rate-limited-retry = 요청이 너무 많다고 출처가 거절했어요. { $retry_after_ms }ms 뒤에 다시 해 주세요.
error-auth-expired = 출처를 다시 연결해야 해요: { $reason }
error-access-revoked = 출처에 대한 접근 권한이 취소됐어요: { $reason }
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
error-payee-name-mismatch = 예금주 이름이 계좌와 맞지 않아요 ({ $result }). 이름을 확인하고 다시 해 주세요.
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
