package com.sweepwallet.app.presentation

import com.sweepwallet.core.InMemoryKeyProvider
import com.sweepwallet.core.MinorAmount
import com.sweepwallet.core.Reminder
import com.sweepwallet.core.ReminderKind
import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.closeDatabase
import com.sweepwallet.core.linkSandboxPlatform
import com.sweepwallet.core.linkSandboxToss
import com.sweepwallet.core.sandboxOrSkip
import com.sweepwallet.core.walletConfig
import java.time.Instant
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/** The app's SharedPreferences store, in memory: what was saved last, and how often. */
class InMemoryShownReminders(initial: Set<String> = emptySet()) : ShownReminders {
    @Volatile var keys: Set<String> = initial
        private set

    @Volatile var saves = 0
        private set

    override fun load(): Set<String> = keys

    override fun save(keys: Set<String>) {
        this.keys = keys.toSet()
        saves++
    }
}

/**
 * Reminders as notifications (Wallet.reminders): each shown once, a new
 * fact told again, a fact that ended forgotten, titles in both languages,
 * where a tap goes, and nothing at all from a closed wallet.
 */
class ReminderSchedulerTest : ScopedTest() {
    private val dec5: Instant = Instant.parse("2026-12-05T00:00:00Z")

    private fun expiry(source: ULong, won: Long, until: String) = Reminder(
        id = "expiry:$source:KRW:$won:${Instant.parse(until).epochSecond}",
        kind = ReminderKind.EXPIRES_SOON,
        sourceId = source,
        text = "Toss: ₩$won expires soon.",
        due = Instant.parse(until),
    )

    private val lapsed = Reminder("reauth:2:0", ReminderKind.NEEDS_REAUTH, 2uL, "Nexon: the link has lapsed.", null)

    /** A scheduler over a list the test changes, on a clock the test sets. */
    private class Fixture(words: Words = english, initial: Set<String> = emptySet()) {
        var listed: List<Reminder> = emptyList()
        var failure: SweepException? = null
        var clock: Instant = Instant.parse("2026-12-05T00:00:00Z")
        val asked = mutableListOf<Instant>()
        val shown = InMemoryShownReminders(initial)
        val scheduler = ReminderScheduler(
            reminders = { at ->
                asked += at
                failure?.let { throw it }
                listed
            },
            shown = shown,
            words = words,
            now = { clock },
        )

        fun check() = runBlocking { scheduler.check() }
    }

    @Test
    fun `a reminder is posted once, at the clock's time`() {
        val f = Fixture()
        val toss = expiry(1uL, 2_000, "2026-12-31T14:59:59Z")
        f.listed = listOf(toss)
        val first = f.check()
        assertEquals(listOf(toss.id), first.post.map { it.id })
        assertEquals(listOf(ReminderScheduler.shownKey(first.post.single().id)), first.post.map { it.key })
        assertEquals("Toss: ₩2000 expires soon.", first.post.single().text, "the core's sentence is the body")
        assertEquals(Instant.parse("2026-12-31T14:59:59Z"), first.post.single().due)
        assertEquals(listOf(dec5), f.asked, "asked at the injected clock's time")

        f.clock = Instant.parse("2026-12-06T00:00:00Z")
        val again = f.check()
        assertEquals(emptyList<ReminderNotification>(), again.post, "the same fact, not told twice")
        assertEquals(emptyList<String>(), again.gone)
        assertEquals(Instant.parse("2026-12-06T00:00:00Z"), f.asked.last())

        // Across a restart: a new scheduler over the same store posts nothing either.
        val restarted = Fixture(initial = f.shown.keys).apply { listed = f.listed }
        assertEquals(emptyList<ReminderNotification>(), restarted.check().post)
    }

    @Test
    fun `a new id posts again, and only the new one`() {
        val f = Fixture()
        val toss = expiry(1uL, 2_000, "2026-12-31T14:59:59Z")
        f.listed = listOf(toss)
        f.check()
        // Another expiry, then a lapsed link: each a new fact with a new id.
        val cashbag = expiry(3uL, 1_000, "2027-01-12T14:59:59Z")
        f.listed = listOf(toss, cashbag)
        assertEquals(listOf(cashbag.id), f.check().post.map { it.id })
        f.listed = f.listed + lapsed
        assertEquals(listOf("reauth:2:0"), f.check().post.map { it.id })
        // The same link lapsing again after a sync is a new fact: the core gives it a new id.
        f.listed = listOf(toss, lapsed.copy(id = "reauth:2:1796428800"))
        assertEquals(listOf("reauth:2:1796428800"), f.check().post.map { it.id })
    }

    @Test
    fun `a vanished id is forgotten, so the store does not grow, and told again if it comes back`() {
        val f = Fixture()
        val toss = expiry(1uL, 2_000, "2026-12-31T14:59:59Z")
        f.listed = listOf(toss, lapsed)
        f.check()
        assertEquals(2, f.shown.keys.size)

        // Relinked: the reminder is no longer listed, so its notification comes down and its id is dropped.
        f.listed = listOf(toss)
        val relinked = f.check()
        assertEquals(emptyList<ReminderNotification>(), relinked.post)
        assertEquals(listOf(ReminderScheduler.shownKey(lapsed.id)), relinked.gone)
        assertEquals(setOf(ReminderScheduler.shownKey(toss.id)), f.shown.keys)

        // Expired: nothing is listed, nothing is kept.
        f.listed = emptyList()
        assertEquals(listOf(ReminderScheduler.shownKey(toss.id)), f.check().gone)
        assertEquals(emptySet<String>(), f.shown.keys)

        // The same fact back again (it had ended): told again.
        f.listed = listOf(lapsed)
        assertEquals(listOf(lapsed.id), f.check().post.map { it.id })
    }

    @Test
    fun `the store keeps no amount, date or source`() {
        val f = Fixture()
        f.listed = listOf(expiry(1uL, 2_000, "2026-12-31T14:59:59Z"))
        f.check()
        val key = f.shown.keys.single()
        assertTrue(Regex("[0-9a-f]{64}").matches(key), key)
        assertFalse("2000" in key || "KRW" in key || "expiry" in key, key)
    }

    @Test
    fun `each kind has its title, channel and tap target, in Korean and in English`() {
        val all = listOf(
            expiry(1uL, 2_000, "2026-12-31T14:59:59Z"),
            Reminder("refund:2:KRW:3300:0", ReminderKind.REFUND_AVAILABLE, 2uL, "Nexon: refund.", null),
            lapsed.copy(sourceId = 4uL),
            Reminder("cash-out:KRW:0", ReminderKind.CASH_OUT_WORTH_IT, null, "Cashing out is worth it now.", null),
        )
        val titles = mapOf(
            english to listOf("Money expiring soon", "You can ask for a refund", "Link a source again", "A good time to cash out"),
            korean to listOf("곧 사라지는 돈이 있어요", "환불을 요청할 수 있어요", "다시 연결해 주세요", "지금 출금하기 좋아요"),
        )
        for ((words, expected) in titles) {
            val f = Fixture(words).apply { listed = all }
            val posted = f.check().post
            assertEquals(expected, posted.map { it.title }, words.locale)
            assertEquals(all.map { it.text }, posted.map { it.text }, "the body is the core's sentence, in the wallet's language")
            assertEquals(
                listOf(ReminderChannel.MONEY, ReminderChannel.MONEY, ReminderChannel.SIGN_IN, ReminderChannel.CASH_OUT),
                posted.map { it.channel },
            )
            assertEquals(
                listOf(ReminderTarget.Balance(1uL), ReminderTarget.Balance(2uL), ReminderTarget.Relink(4uL), ReminderTarget.CashOut),
                posted.map { it.target },
            )
        }
        assertEquals(ReminderTarget.Dashboard, Fixture().scheduler.of(lapsed.copy(sourceId = null)).target, "no source: the dashboard")
        assertEquals(3, ReminderChannel.entries.map { it.id }.toSet().size, "one Android channel per kind of news")
    }

    @Test
    fun `a tap target survives the trip through an Intent extra`() {
        for (target in listOf(ReminderTarget.Balance(7uL), ReminderTarget.Relink(18_000_000_000_000_000_000uL), ReminderTarget.CashOut, ReminderTarget.Dashboard)) {
            assertEquals(target, ReminderTarget.parse(target.code))
        }
        for (junk in listOf(null, "", "balance", "balance:x", "relink:-1", "cash-out:1", "somewhere")) {
            assertNull(ReminderTarget.parse(junk), "$junk")
        }
    }

    @Test
    fun `errors post nothing and leave the store as it was`() {
        val f = Fixture()
        f.listed = listOf(expiry(1uL, 2_000, "2026-12-31T14:59:59Z"))
        f.check()
        val kept = f.shown.keys
        val saves = f.shown.saves
        f.listed = listOf(lapsed)
        for (failure in listOf(SweepException.WalletClosed(), SweepException.WrongKey())) {
            f.failure = failure
            assertEquals(ReminderCheck.NOTHING, f.check(), "$failure")
        }
        assertEquals(kept, f.shown.keys, "a failing wallet does not make its reminders look gone")
        assertEquals(saves, f.shown.saves)
        f.failure = null
        assertEquals(listOf(lapsed.id), f.check().post.map { it.id }, "once it answers again, on with the news")
    }

    @Test
    fun `a closed wallet posts nothing`() = runBlocking<Unit> {
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val shown = InMemoryShownReminders(setOf("kept"))
            val scheduler = ReminderScheduler(wallet, shown, korean) { dec5 }
            assertEquals(ReminderCheck.NOTHING.post, scheduler.check().post, "an empty wallet has nothing to say")
            closeDatabase(wallet)
            shown.save(setOf("kept"))
            assertEquals(ReminderCheck.NOTHING, scheduler.check())
            assertEquals(setOf("kept"), shown.keys)
        } finally {
            wallet.close()
        }
    }

    @Test
    fun `money expiring at the sandbox's Toss is told once, then forgotten once it expired`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        val wallet = Wallet.open(walletConfig(dir), InMemoryKeyProvider())
        try {
            val toss = linkSandboxToss(wallet, sandbox!!, 12_340L)
            var now = dec5
            val shown = InMemoryShownReminders()
            val scheduler = ReminderScheduler(wallet, shown, korean) { now }

            // 5 December: Toss's 2,000원 expires on 31 December, within the 30 days' notice.
            val first = scheduler.check()
            val told = first.post.single()
            assertEquals("곧 사라지는 돈이 있어요", told.title)
            assertTrue("2,000원" in told.text && told.text.startsWith("Toss"), told.text)
            assertEquals(ReminderTarget.Balance(toss), told.target)
            assertEquals(ReminderChannel.MONEY, told.channel)

            now = Instant.parse("2026-12-20T00:00:00Z")
            assertEquals(emptyList<ReminderNotification>(), scheduler.check().post, "the same fact a fortnight later")

            // 1 February: expired, so no longer listed; the store forgets it.
            now = Instant.parse("2027-02-01T00:00:00Z")
            val after = scheduler.check()
            assertEquals(emptyList<ReminderNotification>(), after.post)
            assertEquals(listOf(told.key), after.gone)
            assertEquals(emptySet<String>(), shown.keys)
            closeDatabase(wallet)
        } finally {
            wallet.close()
        }
    }
}

/** The refund rules' advice on the dashboard, as lines with spoken labels. */
class RefundAdviceTest : ScopedTest() {
    @Test
    fun `amounts in the core's sentence are read as words, whole`() {
        val thousand = MinorAmount(1_000L, "KRW")
        val said = korean.spoken("11,000원 중 1,000원 남았어요", listOf(thousand))
        assertEquals("11,000원 중 천 원 남았어요", said)
        assertEquals("₩11,000 and one thousand won", english.spoken("₩11,000 and ₩1,000", listOf(thousand)))
        assertEquals("plain", Words("ko-KR", XmlCatalog(java.util.Locale.KOREA)).spoken("plain", listOf(thousand)))
    }

    @Test
    fun `the dashboard shows what a balance may give back, in Korean and in English`() = runBlocking<Unit> {
        val sandbox = sandboxOrSkip()
        assumeTrue(sandbox != null)
        val cases = listOf(
            Triple(
                "ko-KR",
                korean,
                listOf("Nexon: 1,100원 더 쓰면 남은 2,200원 환불을 받을 수 있어요.", "Nexon: 천백 원 더 쓰면 남은 이천이백 원 환불을 받을 수 있어요.", "신유형 상품권 표준약관"),
            ),
            Triple(
                "en-US",
                english,
                listOf(
                    "Nexon: spend ₩1,100 more to unlock a refund of ₩2,200.",
                    "Nexon: spend one thousand one hundred won more to unlock a refund of two thousand two hundred won.",
                    "KFTC standard terms",
                ),
            ),
        )
        for ((locale, words, said) in cases) {
            val wallet = Wallet.open(walletConfig(dir.resolve(locale), locale), InMemoryKeyProvider())
            try {
                // Nexon Cash: 5,500 bought, 3,300 left; refundable once 60% is used, so 1,100 more unlocks 2,200.
                val nexon = linkSandboxPlatform(wallet, sandbox!!, "sandbox-nexon", 3_300L, "Nexon")
                DashboardStateHolder(wallet, scope, words).use { dashboard ->
                    dashboard.refresh().join()
                    val state = dashboard.state.value
                    val line = state.refundAdvice.single()
                    assertEquals(nexon, line.sourceId)
                    assertEquals(said[0], line.text, locale)
                    assertEquals(said[1], line.textLabel, "read aloud in words")
                    assertTrue(line.basis.startsWith(said[2]), "the rule behind it, in the wallet's language: ${line.basis}")
                    assertAmountsLabelled(state)
                    assertNull(state.error)
                }
                closeDatabase(wallet)
            } finally {
                wallet.close()
            }
        }
    }
}
