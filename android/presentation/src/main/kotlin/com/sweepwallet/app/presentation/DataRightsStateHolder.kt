package com.sweepwallet.app.presentation

import com.sweepwallet.core.AccountDeletion
import com.sweepwallet.core.KeyProvider
import com.sweepwallet.core.ProviderDeletion
import com.sweepwallet.core.SweepException
import com.sweepwallet.core.Wallet
import java.io.File
import java.time.Instant
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.getAndUpdate
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** The export's one question: account numbers and names masked, or in full. */
data class ExportQuestion(
    val question: String,
    /** What "masked" means: the last four digits and a name's first letter. */
    val maskedExplanation: String,
    /** What "in full" means: anyone with the files reads everything. */
    val inFullExplanation: String,
)

/** What the last export wrote. */
data class ExportDone(
    /** The folder the files are in, for the app to share. */
    val folder: String,
    /** Every file written, the JSON document (`sweep-export.json`) first. */
    val files: List<String>,
    val inFull: Boolean,
    /** "Exported 7 files: …". */
    val message: String,
    /** After an export in full: the files hold everything in plain text. Null when masked. */
    val warning: String?,
)

/** A deletion waiting for the user's explicit yes. */
data class DeletionQuestion(
    val question: String,
    /** What deleting does, and that it cannot be undone. */
    val explanation: String,
    /** "Export your data first if you want a copy." */
    val exportFirst: String,
    /** The user ticked "I understand this cannot be undone": only then can [DataRightsStateHolder.confirmDelete] go ahead. */
    val understood: Boolean = false,
)

/** What deleting the account did, to show before the app starts fresh. */
data class AccountDeleted(
    /** The core's summary, in the wallet's language (which accesses were revoked, what to do about the rest). */
    val note: String,
    /** What the provider deleted, or that it was never used. */
    val provider: String,
    /** Above [retained] when the provider keeps records: why it may. Null when it keeps none. */
    val retainedIntro: String?,
    /** One line per record the provider keeps as the law requires: which cash-out, until when, and why. */
    val retained: List<String>,
)

/** The "Your data" screen's state. */
data class DataRightsState(
    /** The export's question, while it is asked. */
    val exportQuestion: ExportQuestion? = null,
    /** An export is being written. */
    val exporting: Boolean = false,
    /** What the last export wrote. */
    val exported: ExportDone? = null,
    /** The deletion's question, while it is asked. */
    val deletion: DeletionQuestion? = null,
    /** The account is being deleted: what is going on, for a progress indicator. Null otherwise. */
    val deleting: String? = null,
    /** What deleting the account did. */
    val deleted: AccountDeleted? = null,
    /**
     * The account is gone and the wallet closed: once the user has read
     * [deleted], the app drops this wallet and starts again at a fresh
     * first run.
     */
    val startFresh: Boolean = false,
    val error: String? = null,
)

/**
 * The user's rights to their data: "Export my data" (asks whether account
 * numbers and names are masked or in full, writes the files under
 * [exportRoot] and says what it wrote, for the app to share) and "Delete my
 * account" (asks, needs an explicit "I understand", shows progress, then
 * the core's note and the records the provider keeps as the law requires;
 * then [DataRightsState.startFresh] tells the app to start over).
 *
 * Export files are not encrypted, so only the latest export is kept under
 * [exportRoot]: each export removes the earlier ones, and deleting the
 * account removes them all. [keyProvider] is the one the wallet was opened
 * with: deleting the account has it delete the key that wraps the data key.
 */
class DataRightsStateHolder(
    private val wallet: Wallet,
    private val scope: CoroutineScope,
    private val words: Words,
    private val keyProvider: KeyProvider,
    private val exportRoot: File,
    private val now: () -> Instant = Instant::now,
) {
    private val mutable = MutableStateFlow(DataRightsState())
    val state: StateFlow<DataRightsState> = mutable.asStateFlow()

    /** Asks how the export should show account numbers and names. */
    fun askToExport() = mutable.update {
        if (it.startFresh) return@update it
        val question = ExportQuestion(
            words.say(Msg.DATA_EXPORT_QUESTION),
            words.say(Msg.DATA_EXPORT_MASKED_EXPLAIN),
            words.say(Msg.DATA_EXPORT_IN_FULL_EXPLAIN),
        )
        it.copy(exportQuestion = question, deletion = null, error = null)
    }

    /** The user did not export after all. */
    fun cancelExport() = mutable.update { it.copy(exportQuestion = null) }

    /**
     * Writes the export the user chose ([inFull]: account numbers, payees
     * and the verified name as they are; else masked) into a new folder
     * under [exportRoot], after removing earlier exports there.
     */
    fun export(inFull: Boolean): Job = scope.launch {
        val before = mutable.getAndUpdate { if (it.exporting || it.startFresh) it else it.copy(exportQuestion = null, exporting = true, error = null) }
        if (before.exporting || before.startFresh) return@launch
        try {
            val folder = withContext(Dispatchers.IO) {
                removeExports()
                newFolder()
            }
            val summary = wallet.exportData(folder.path, inFull)
            val done = ExportDone(
                folder = folder.path,
                files = summary.files,
                inFull = inFull,
                message = words.count(Counted.DATA_EXPORTED, summary.files.size, summary.files.size),
                warning = if (inFull) words.say(Msg.DATA_EXPORT_IN_FULL_WARNING) else null,
            )
            mutable.update { it.copy(exporting = false, exported = done) }
        } catch (e: SweepException) {
            mutable.update { it.copy(exporting = false, error = words.error(e)) }
        }
    }

    /** Asks the user to confirm deleting the account; [DeletionQuestion.understood] starts false. */
    fun askToDelete() = mutable.update {
        if (it.startFresh || it.deleting != null) return@update it
        val question = DeletionQuestion(
            words.say(Msg.DATA_DELETE_QUESTION),
            words.say(Msg.DATA_DELETE_EXPLAIN),
            words.say(Msg.DATA_DELETE_EXPORT_FIRST),
        )
        it.copy(deletion = question, exportQuestion = null, error = null)
    }

    /** The user ticked (or unticked) "I understand this cannot be undone". */
    fun setUnderstood(understood: Boolean) = mutable.update { it.copy(deletion = it.deletion?.copy(understood = understood)) }

    /** The user kept the account. */
    fun cancelDelete() = mutable.update { it.copy(deletion = null) }

    /**
     * Deletes the account the user confirmed, once they said they
     * understand: the provider deletes the ID checks and photos (keeping
     * cash-out records only as the law requires), every linked source's
     * access is revoked, the key and the wallet's files go, and so do the
     * exports on this phone. Refused while a cash-out is under way; if the
     * provider cannot be reached nothing is deleted and the wallet stays as
     * it was.
     */
    fun confirmDelete(): Job = scope.launch {
        val asked = mutable.value.deletion ?: return@launch
        if (!asked.understood) {
            mutable.update { it.copy(error = words.say(Msg.DATA_DELETE_NOT_CONFIRMED)) }
            return@launch
        }
        val before = mutable.getAndUpdate {
            if (it.deleting != null || it.deletion == null) it else it.copy(deletion = null, deleting = words.say(Msg.DATA_DELETING), error = null)
        }
        if (before.deleting != null || before.deletion == null) return@launch
        try {
            val deletion = wallet.deleteAccount(keyProvider)
            withContext(Dispatchers.IO) { removeExports() }
            mutable.update {
                it.copy(deleting = null, deleted = outcome(deletion), exported = null, exportQuestion = null, startFresh = true)
            }
        } catch (e: SweepException.InvalidInput) {
            // The account is refused only while a cash-out is under way: its money must land first.
            val said = if (e.field == "account") words.say(Msg.DATA_DELETE_UNDER_WAY) else words.say(Msg.DATA_DELETE_FAILED, words.error(e))
            mutable.update { it.copy(deleting = null, error = said) }
        } catch (e: SweepException) {
            // The provider could not be reached or refused: nothing was deleted, the wallet is as it was.
            mutable.update { it.copy(deleting = null, error = words.say(Msg.DATA_DELETE_FAILED, words.error(e))) }
        }
    }

    private fun outcome(deletion: AccountDeletion): AccountDeleted = when (val provider = deletion.provider) {
        ProviderDeletion.NotContacted -> AccountDeleted(deletion.note, words.say(Msg.DATA_PROVIDER_NOT_CONTACTED), null, emptyList())
        is ProviderDeletion.Done -> AccountDeleted(
            note = deletion.note,
            provider = words.say(Msg.DATA_PROVIDER_DELETED, provider.verificationSessions.toInt(), provider.captures.toInt()),
            retainedIntro = if (provider.retained.isEmpty()) null else words.say(Msg.DATA_RETAINED_INTRO),
            retained = provider.retained.map { kept ->
                words.say(Msg.DATA_RETAINED, kept.withdrawalId, until(kept.retainUntil), kept.reason)
            },
        )
    }

    /** An RFC 3339 moment in the wallet's locale and time zone; as the provider wrote it if it cannot be read. */
    private fun until(rfc3339: String): String =
        try {
            words.time(Instant.parse(rfc3339))
        } catch (e: Exception) {
            rfc3339
        }

    /** A new folder under [exportRoot], named by the time (UTC), not created yet: the core creates it. */
    private fun newFolder(): File {
        val stamp = STAMP.format(now())
        var folder = File(exportRoot, "$PREFIX$stamp")
        var n = 2
        while (folder.exists()) folder = File(exportRoot, "$PREFIX$stamp-${n++}")
        return folder
    }

    /** Removes every earlier export under [exportRoot] (and nothing else there). */
    private fun removeExports() {
        exportRoot.listFiles()?.filter { it.isDirectory && it.name.startsWith(PREFIX) }?.forEach { it.deleteRecursively() }
    }

    private companion object {
        const val PREFIX = "sweep-export-"
        val STAMP: DateTimeFormatter = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
    }
}
