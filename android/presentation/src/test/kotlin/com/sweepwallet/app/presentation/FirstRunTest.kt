package com.sweepwallet.app.presentation

import com.sweepwallet.core.DestinationKind
import com.sweepwallet.core.InMemoryKeyProvider
import com.sweepwallet.core.P256Authenticator
import com.sweepwallet.core.PlanRequest
import com.sweepwallet.core.Speed
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.Tier
import com.sweepwallet.core.closeDatabase
import com.sweepwallet.core.linkSandboxOperator
import com.sweepwallet.core.linkSandboxToss
import com.sweepwallet.core.sandboxOrSkip
import com.sweepwallet.core.walletConfig
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/** The first run on a fresh install, against the sandbox (issue #15, item 2). */
class FirstRunTest : ScopedTest() {
    @Test
    fun `a fresh install fetches fees, asks for the own account, then is ready`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val firstRun = FirstRunStateHolder(wallet, scope, korean, "$sandbox/sweep-provider/v1")
            firstRun.start().join()
            val started = firstRun.state.value
            assertEquals(FirstRunStep.ADD_OWN_ACCOUNT, started.step, "$started")
            assertNull(started.scheduleNote)
            assertTrue(started.carriedOn!!.nothing)
            // Planning works from the first screen on: the schedule is there.
            assertEquals("KRW", wallet.plan(PlanRequest("KRW", Speed.STANDARD, null, null)).totalNet.amount.currencyCode)

            firstRun.addOwnAccount("088", "110123456789", "Someone Else").join()
            val refused = firstRun.state.value
            assertEquals(FirstRunStep.ADD_OWN_ACCOUNT, refused.step)
            assertTrue(refused.error!!.contains("예금주 이름이 계좌와 맞지 않아요"), refused.error)

            firstRun.addOwnAccount("088", "110123456789", "Kim Minji").join()
            assertEquals(FirstRunState(step = FirstRunStep.READY, carriedOn = started.carriedOn), firstRun.state.value)
            assertEquals(1, wallet.payees().size)
        } finally {
            closeDatabase(wallet)
            wallet.close()
        }
    }

    @Test
    fun `the own account can be a wallet, and the cash-out is priced for a wallet`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            linkSandboxToss(wallet, sandbox!!, 20_000L)
            val firstRun = FirstRunStateHolder(wallet, scope, korean, "$sandbox/sweep-provider/v1")
            firstRun.start().join()
            firstRun.addOwnWallet("toss", "minji.kim", "Kim Minji").join()
            assertEquals(FirstRunStep.READY, firstRun.state.value.step, "${firstRun.state.value}")
            assertEquals(listOf(DestinationKind.WALLET), wallet.payees().map { it.destinationKind })

            val cashOut = CashOutStateHolder(wallet, scope, korean)
            cashOut.load().join()
            cashOut.requestQuote().join()
            assertEquals(DestinationKind.WALLET, cashOut.state.value.quote!!.breakdown.destination, "${cashOut.state.value}")
            val auth = P256Authenticator()
            wallet.registerAuthenticator(auth)
            cashOut.confirm(auth).join()
            assertEquals(CashOutStep.SUBMITTED, cashOut.state.value.step, "${cashOut.state.value.error}")
        } finally {
            closeDatabase(wallet)
            wallet.close()
        }
    }

    @Test
    fun `with an operator linked, the phone check confirms the number and raises the tier`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            linkSandboxOperator(wallet, sandbox!!)
            val firstRun = FirstRunStateHolder(wallet, scope, korean, "$sandbox/sweep-provider/v1", "$sandbox/number-verification/v2")
            firstRun.start().join()
            firstRun.addOwnAccount("088", "110123456789", "Kim Minji").join()
            assertEquals(FirstRunStep.VERIFY_PHONE, firstRun.state.value.step)
            firstRun.verifyPhone("+821099998888").join()
            assertEquals("통신사 확인 결과, 이 휴대폰의 번호가 아니에요.", firstRun.state.value.error)
            assertEquals(FirstRunStep.VERIFY_PHONE, firstRun.state.value.step)
            firstRun.verifyPhone("+821012345678").join()
            assertEquals(FirstRunStep.READY, firstRun.state.value.step, "${firstRun.state.value}")
            assertTrue(wallet.identity().tier != Tier.UNVERIFIED, "a confirmed number raises the tier")
        } finally {
            closeDatabase(wallet)
            wallet.close()
        }
    }

    @Test
    fun `the phone check can be skipped, and a later start offline keeps the fees it has`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val numberVerification = "$sandbox/number-verification/v2"
            val firstRun = FirstRunStateHolder(wallet, scope, korean, "$sandbox/sweep-provider/v1", numberVerification)
            firstRun.start().join()
            firstRun.addOwnAccount("088", "110123456789", "Kim Minji").join()
            assertEquals(FirstRunStep.READY, firstRun.state.value.step, "no operator linked: nothing to ask it")
            linkSandboxOperator(wallet, sandbox!!)
            val again = FirstRunStateHolder(wallet, scope, korean, "$sandbox/sweep-provider/v1", numberVerification)
            again.start().join()
            assertEquals(FirstRunStep.VERIFY_PHONE, again.state.value.step)
            again.skipPhone().join()
            assertEquals(FirstRunStep.READY, again.state.value.step)

            // The next start cannot reach the provider: the cached fees stay, with a note.
            val offline = FirstRunStateHolder(wallet, scope, korean, "http://127.0.0.1:9/sweep-provider/v1")
            offline.start().join()
            val later = offline.state.value
            assertEquals(FirstRunStep.READY, later.step, "$later")
            assertNotNull(later.scheduleNote)
            assertTrue(later.scheduleNote!!.startsWith("지난번에 받은 수수료표를 쓰고 있어요: "), later.scheduleNote)
        } finally {
            closeDatabase(wallet)
            wallet.close()
        }
    }
}
