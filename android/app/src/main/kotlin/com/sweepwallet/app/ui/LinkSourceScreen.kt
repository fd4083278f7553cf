package com.sweepwallet.app.ui

import android.content.ActivityNotFoundException
import android.content.Context
import android.net.Uri
import androidx.browser.customtabs.CustomTabsIntent
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import com.sweepwallet.app.R
import com.sweepwallet.app.presentation.LinkSourceStateHolder
import com.sweepwallet.app.presentation.LinkState
import com.sweepwallet.core.LinkRequest

/**
 * Link a source: the user picks one, signs in to it in a Custom Tab (OAuth
 * with PKCE; Sweep never sees the password), and the redirect brings them
 * back (MainActivity passes it to the state holder).
 */
@Composable
fun LinkSourceScreen(holder: LinkSourceStateHolder, offers: List<LinkRequest>, onDone: () -> Unit) {
    val state by holder.state.collectAsState()
    val context = LocalContext.current
    // The sign-in page already opened, so a rotation does not open it twice.
    var opened by rememberSaveable { mutableStateOf<String?>(null) }
    var noBrowser by rememberSaveable { mutableStateOf(false) }

    LaunchedEffect(state) {
        val open = state as? LinkState.OpenBrowser ?: return@LaunchedEffect
        if (open.url != opened) {
            opened = open.url
            noBrowser = !openInCustomTab(context, open.url)
        }
    }

    ScreenList(stringResource(R.string.link_title)) {
        when (val current = state) {
            LinkState.Idle -> {
                item { Text(stringResource(R.string.link_intro)) }
                items(offers, key = { it.name }) { offer ->
                    OutlinedButton(onClick = { holder.begin(offer) }, modifier = Modifier.fillMaxWidth()) { Text(offer.name) }
                }
            }
            is LinkState.OpenBrowser -> item {
                Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    StatusText(stringResource(R.string.link_finish_in_browser))
                    if (noBrowser) ErrorText(stringResource(R.string.link_no_browser))
                    // Each button may take half the row at most, so large text wraps inside it instead of being cut.
                    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        Button(onClick = { noBrowser = !openInCustomTab(context, current.url) }, modifier = Modifier.weight(1f, fill = false)) {
                            Text(stringResource(R.string.link_open_again))
                        }
                        TextButton(onClick = { holder.cancel() }, modifier = Modifier.weight(1f, fill = false)) {
                            Text(stringResource(R.string.common_cancel))
                        }
                    }
                }
            }
            LinkState.Finishing -> item { Busy(stringResource(R.string.link_finishing)) }
            is LinkState.Linked -> item {
                Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    StatusText(stringResource(R.string.link_linked))
                    // A typed-in balance taken over, or another account linked as a new source: the core says which.
                    current.note?.let { StatusText(it) }
                    Button(onClick = onDone) { Text(stringResource(R.string.link_see_balances)) }
                }
            }
            is LinkState.Failed -> item {
                Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    ErrorText(current.message)
                    Button(onClick = { holder.cancel() }) { Text(stringResource(R.string.common_try_again)) }
                }
            }
        }
    }
}

/** Opens [url] in a Custom Tab; false when no browser can. */
internal fun openInCustomTab(context: Context, url: String): Boolean = try {
    CustomTabsIntent.Builder().setShowTitle(true).build().launchUrl(context, Uri.parse(url))
    true
} catch (e: ActivityNotFoundException) {
    false
}
