package com.sweepwallet.app

import android.content.ClipData
import android.content.Context
import android.content.Intent
import android.net.Uri
import androidx.core.content.FileProvider
import java.io.File

/**
 * Offers the files of an export ([com.sweepwallet.app.presentation.ExportDone.files],
 * written under `filesDir/exports`) through the share sheet, so the user
 * keeps them where they choose (Files, Drive, mail). The exports
 * FileProvider (AndroidManifest.xml, `res/xml/export_paths.xml`) lends each
 * file read-only, to the app picked, for this share only.
 */
fun shareExport(context: Context, files: List<String>) {
    if (files.isEmpty()) return
    val authority = "${context.packageName}.exports"
    val uris = ArrayList<Uri>(files.map { FileProvider.getUriForFile(context, authority, File(it)) })
    val send = Intent(Intent.ACTION_SEND_MULTIPLE).apply {
        // A JSON document and CSV files.
        type = "*/*"
        putParcelableArrayListExtra(Intent.EXTRA_STREAM, uris)
        // The grant covers the URIs in the clip: every file, not only the first.
        clipData = ClipData.newRawUri(null, uris.first()).apply { uris.drop(1).forEach { addItem(ClipData.Item(it)) } }
        addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
    }
    context.startActivity(Intent.createChooser(send, context.getString(R.string.data_export_share_title)))
}
