### `sweep --help`의 한국어 (help.rs). 영어 도움말은 main.rs의 문서 주석이에요.
### 명령마다 메시지 하나(cmd-<명령 경로>)가 설명이고, 그 속성(.<인수 id>)이
### 인수의 설명이에요. help/tests.rs가 clap의 명령, 인수와 정확히 맞는지 확인해요.

## clap이 직접 붙이는 말.

help-heading-usage = 사용법:
# clap이 제목 뒤에 쌍점을 붙여요 (사용법은 템플릿이라 직접 붙여요).
help-heading-commands = 명령
help-heading-options = 옵션
help-heading-arguments = 인수
# 인수 설명 뒤에 붙는 [가능한 값: …], [환경 변수: …], [기본값: …].
help-note = 덧붙임
    .values = 가능한 값
    .env = 환경 변수
    .default = 기본값

# 모든 명령에 붙는 인수와 clap의 도움말 명령.
help-flags = 공통 인수
    .data_dir = 지갑 디렉터리 (`demo`는 쓰지 않아요)
    .locale = 지갑의 로캘: 언어(ko-*는 한국어, 그 밖에는 영어), 금액 표기, 시각의 기준 시간대. 예: ko-KR, en-US
    .help = 도움말을 보여 줘요
    .version = 버전을 보여 줘요
    .help-command = 이 도움말이나 주어진 명령의 도움말을 보여 줘요
    .subcommand = 도움말을 볼 명령

## 명령.

cmd = sweep: 터미널 지갑. 흩어진 잔액을 찾아 모으고, 안전하게 출금해요.
cmd-demo = 임시 디렉터리에 암호화된 일회용 지갑을 열고, 원화와 달러 예시 잔액을 넣어 대시보드를 보여 준 뒤 원장을 검증해요
cmd-init = --data-dir에 암호화된 지갑을 만들어요. 데스크톱 키링이 있으면 키를 키링에 두고(SWEEP_PASSPHRASE가 없을 때), 없으면 직접 정한 암호(두 번 입력)로 보호해요
    .key = 키를 둘 곳: `keyring`(데스크톱 Secret Service) 또는 `passphrase`(암호에서 만든 키)
cmd-lock = 이번 세션에 기억한 키를 잊어요. 다음 명령에서 암호를 다시 물어요
cmd-key = 지갑 키를 백업하거나 복원하거나 다시 보호해요
cmd-key-backup = 지갑의 감싼 키를 FILE에 써요 (암호가 있어야만 열려요)
    .file = 새 파일. 이미 있는 파일은 절대 덮어쓰지 않아요
cmd-key-restore = 지갑의 키 사본을 잃었거나 사본이 망가졌을 때 백업한 키를 되돌려 놓아요
    .file = `sweep key backup`이 쓴 파일
cmd-key-passphrase = 새 암호로 키를 보호해요 (두 번 입력하거나 SWEEP_NEW_PASSPHRASE). 예전 지갑은 커널 키 저장소에서 옮겨요
cmd-key-keyring = 키를 데스크톱 키링(Secret Service)에 두어요
cmd-add-source = 직접 입력한 잔액을 추가해요. 예: sweep add-source "Toss" wallet "12,340원"
    .name = 부를 이름
    .kind = 잔액이 있는 곳의 종류
    .amount = 쓰는 그대로의 잔액: 12,340, 12,340원, ₩12,340, 1.50 USD
    .currency = 금액에 통화가 없을 때의 ISO 4217 통화 코드 (기본 KRW)
    .account_ref = 계좌번호, 전화번호나 아이디 (암호화해서 저장해요)
cmd-edit-source = 직접 입력한 잔액의 이름, 종류와 금액(같은 통화)을 바꿔요
    .source_id = 출처 번호 (sweep sources에서 볼 수 있어요)
    .name = 부를 이름
    .kind = 잔액이 있는 곳의 종류
    .amount = 쓰는 그대로의 잔액: 12,340, 12,340원, ₩12,340, 1.50 USD
    .currency = 금액에 통화가 없을 때의 ISO 4217 통화 코드 (기본 KRW)
    .account_ref = 계좌번호, 전화번호나 아이디 (암호화해서 저장해요)
cmd-remove-source = 출처를 지워요. 연결된 출처는 먼저 발급처에서 토큰을 취소해요. 기록은 지운 표시와 함께 남아요
    .source_id = 출처 번호 (sweep sources에서 볼 수 있어요)
cmd-export = 지갑이 가진 내 정보를 모두 새 폴더에 써요: sweep-export.json과 표마다 CSV 파일 (--in-full이 없으면 가려서)
    .path = 새 폴더나 빈 폴더
    .in_full = 계좌번호, 받는 계좌와 확인된 이름을 가리지 않고 써요
cmd-delete-account = 계정을 삭제해요: 제공사가 가진 정보를 지우고, 모든 토큰을 취소하고, 지갑의 키와 파일을 없애요
    .yes = 묻지 않아요 (스크립트용)
cmd-dashboard = 출처마다 잔액과 바뀔 수 있는 것, 출금할 수 있는 합계를 보여 줘요
cmd-reminders = 지금 확인할 일을 보여 줘요: 곧 사라지는 돈, 가능해진 환불, 다시 연결할 출처, 출금하기 좋은 때
cmd-verify = 원장의 해시 체인, 헤드와 요약을 검증해요
cmd-link = OAuth(PKCE, 클라이언트 비밀 없이)로 로그인해 출처를 연결해요. 출력된 URL을 브라우저에서 열고, 돌아온 URL을 붙여 넣어 주세요. --api, --open-banking, --carrier-billing 중 하나만 주세요
    .name = 부를 이름
    .kind = 잔액이 있는 곳의 종류
    .api = Sweep Source API 기본 URL. 예: https://wallet.example/sweep/v1
    .open_banking = 영국 Open Banking v4.0 AISP 기본 URL. 동의한 모든 계좌를 읽어요
    .account = --open-banking과 함께: 이 계좌만 읽어요
    .carrier_billing = CAMARA Carrier Billing v0.5 기본 URL (종류는 carrier-billing이어야 해요)
    .carrier_refund = --carrier-billing과 함께: CAMARA Carrier Billing Refund v0.3 기본 URL
    .issuer = OAuth 발급자. 그 /auth와 /token 엔드포인트를 써요
    .client_id = 이 앱의 공개 OAuth 클라이언트 ID
    .redirect_uri = 클라이언트에 등록한 리디렉션 URI
    .read_only = 잔액 조회만 요청해요. Sweep은 출처를 추적하지만 출금할 수는 없어요 (이체를 허용하려면 이 옵션 없이 다시 연결해 주세요)
    .replaces = 이 플랫폼에 대해 직접 입력해 둔 잔액의 번호: 연결이 기록과 함께 그 출처를 이어받아요. 없으면 종류와 이름이 같은 출처를 이어받아요
cmd-sources = 출처마다 종류, 읽는 방법과 얼마나 최신인지 보여 줘요
cmd-sync = 연결한 모든 출처를 지금 동기화해요 (진행 막대와 함께)
cmd-transactions = 출처의 최근 거래를 최신순으로 보여 줘요
    .source_id = `sweep sources`가 보여 주는 출처 번호
    .limit = 보여 줄 개수
cmd-fees = 출금 제공사의 수수료표를 받아 (암호화해서) 보관해요. 오프라인 계획과 추정에 써요
    .provider = 제공사 API 기본 URL. 예: http://127.0.0.1:8787/sweep-provider/v1
cmd-plan = 받는 금액이 가장 큰 출금 계획을 수수료와 이유까지 세워요
    .currency = 출금할 통화
    .instant = 수수료를 더 내고 몇 분 안에 받아요
    .daily_remaining = 오늘 남은 한도. 예: 150,000
    .monthly_remaining = 이번 달 남은 한도
cmd-quote = 제공사에서 견적을 받아 고정해요: 전부(기본), --receive N, --send N, 또는 --leg 출처=금액 (금액은 쓰는 그대로)
    .currency = 통화
    .instant = 수수료를 더 내고 몇 분 안에 받아요
    .to_wallet = 은행 계좌 대신 지갑으로 받아요
    .receive = 수수료를 뺀 뒤 정확히 이만큼 받아요
    .send = 출처에서 정확히 이만큼 가져와요
    .leg = 출처와 그곳에서 가져올 금액. 예: 4=12340
    .estimate = 오프라인으로 금액만 계산하고 아무것도 고정하지 않아요
cmd-verify-id = 신분증 사진을 검사해 고칠 점을 알려 줘요. --upload를 주면 메타데이터를 지우고 업로드해요 (이어 올리기, 진행 막대)
    .image = 사진 (JPEG나 PNG. 형식은 파일 이름이 아니라 내용으로 읽어요)
    .document = 어떤 신분증인지
    .side = 어느 면인지
    .upload = 이 tus 엔드포인트로 업로드해요. 예: http://127.0.0.1:8787/tus/files/
    .session = 제공사(`sweep fees` 참고)에서 본인 확인 세션을 열고, 그곳에 업로드한 뒤 결과를 보여 줘요
cmd-identity = 본인 확인 등급과 한도를 보여 줘요
cmd-add-payee = 받는 계좌를 추가해요: --bank 코드 --account 번호, --iban IBAN, 또는 --phone +E164
    .holder = 예금주 이름
    .bank = 한국 은행 코드. 예: 088 (신한). --account와 함께
    .account = 한국 계좌번호. --bank와 함께
    .iban = IBAN
    .phone = 전화번호로 받는 지갑 (E.164)
    .someone_else = 내가 아닌 다른 사람의 계좌예요 (본인 확인 뒤 Sweep은 내 이름으로만 보내요). 경고를 읽었고 예금주를 알아요
cmd-payees = 받는 계좌를 보여 줘요 (계좌번호는 일부를 가려요)
cmd-withdraw = 출금할 수 있는 전부(또는 --receive N)를 받는 계좌로 보내요. 견적을 받고 확인한 뒤 제출해요
    .payee = `sweep payees`가 보여 주는 받는 계좌 번호
    .receive = 수수료를 뺀 뒤 정확히 이만큼 받아요. 예: 10,000
    .instant = 수수료를 더 내고 몇 분 안에 받아요 (확인 전에 보여 줘요)
    .accept_risk = 사기 방지 확인이 멈추라고 해도 진행해요 (이유를 먼저 보여 줘요). 이 옵션이 없으면 "I understand"를 입력해야 해요
    .yes = 묻지 않고 확인해요
cmd-track = 출금이 끝날 때까지 예상 시간과 함께 따라가요
    .withdrawal_id = 출금 번호
cmd-withdrawals = 모든 출금을 최신순으로, 요청한 시각과 함께 보여 줘요
cmd-cancel = 아직 나가지 않은 출금을 취소해요
    .withdrawal_id = `sweep withdrawals`가 보여 주는 출금 번호
cmd-receipt = 끝난 출금의 영수증과 돈이 간 곳을 모두 보여 줘요
    .withdrawal_id = 출금 번호
cmd-resume = 끝나지 않은 출금을 지금 이어 가요 (모든 명령이 먼저 이렇게 해요)
cmd-relink = 연결한 출처에 다시 로그인해요. 출처와 그 기록은 그대로예요
    .source_id = `sweep sources`가 보여 주는 출처 번호
cmd-limits = 본인 확인 등급과 남은 한도를 보여 줘요
    .currency = 통화
cmd-verify-phone = 연결한 통신사 출처의 로그인으로, 이 기기의 번호가 PHONE인지 통신사(CAMARA Number Verification)에 물어요
    .phone = E.164 형식의 번호. 예: +821012345678
    .operator = 통신사의 연결된 휴대폰 결제 출처
    .url = 통신사의 Number Verification URL
cmd-refund = 연결한 휴대폰 결제 출처의 돈을 원래 휴대폰 요금으로 환불해요 (법적으로 갈 수 있는 유일한 곳이에요)
    .source_id = `sweep sources`가 보여 주는 출처 번호
