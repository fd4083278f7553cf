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
import androidx.compose.material3.CircularProgressIndicator
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
import androidx.compose.ui.unit.dp
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

    ScreenList("Link a source") {
        when (val current = state) {
            LinkState.Idle -> {
                item { Text("Sign in to the place that holds your balance. Sweep reads it; your password stays there.") }
                items(offers, key = { it.name }) { offer ->
                    OutlinedButton(onClick = { holder.begin(offer) }, modifier = Modifier.fillMaxWidth()) { Text(offer.name) }
                }
            }
            is LinkState.OpenBrowser -> item {
                Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    Text("Finish signing in in the browser; you will come back here.")
                    if (noBrowser) ErrorText("No browser on this phone can open the sign-in page.")
                    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        Button(onClick = { noBrowser = !openInCustomTab(context, current.url) }) { Text("Open it again") }
                        TextButton(onClick = { holder.cancel() }) { Text("Cancel") }
                    }
                }
            }
            LinkState.Finishing -> item {
                Row(horizontalArrangement = Arrangement.spacedBy(12.dp)) {
                    CircularProgressIndicator()
                    Text("Finishing the sign-in…")
                }
            }
            is LinkState.Linked -> item {
                Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    Text("Linked. Its balance is on your dashboard.")
                    Button(onClick = onDone) { Text("See your balances") }
                }
            }
            is LinkState.Failed -> item {
                Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    ErrorText(current.message)
                    Button(onClick = { holder.cancel() }) { Text("Try again") }
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
