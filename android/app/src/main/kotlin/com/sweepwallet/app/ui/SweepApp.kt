package com.sweepwallet.app.ui

import androidx.activity.compose.BackHandler
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.consumeWindowInsets
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.imePadding
import androidx.compose.foundation.layout.navigationBarsPadding
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.selected
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import com.sweepwallet.app.R
import com.sweepwallet.app.Route
import com.sweepwallet.app.SourceCatalog
import com.sweepwallet.app.SweepApplication
import com.sweepwallet.app.SweepSession
import com.sweepwallet.app.WalletState
import com.sweepwallet.core.Authenticator
import com.sweepwallet.core.LinkRequest

/** Opens the wallet, then shows the screens. */
@Composable
fun SweepApp(app: SweepApplication, authenticator: Authenticator) {
    SweepTheme {
        Surface(Modifier.fillMaxSize()) {
            val state by app.state.collectAsState()
            when (val current = state) {
                WalletState.Opening -> Centered {
                    Busy(stringResource(R.string.app_opening_wallet))
                }
                is WalletState.Failed -> Centered {
                    ErrorText(current.message)
                    Button(onClick = { app.openWallet() }) { Text(stringResource(R.string.common_try_again)) }
                }
                is WalletState.Ready -> Screens(current.session, app, authenticator)
            }
        }
    }
}

@Composable
private fun Screens(session: SweepSession, app: SweepApplication, authenticator: Authenticator) {
    val route by app.route.collectAsState()
    val confirmationProblem by session.confirmationProblem.collectAsState()
    // Once the account is deleted the wallet is closed: no tabs, only the way to a fresh start.
    val dataRights by session.dataRights.state.collectAsState()
    LaunchedEffect(session) { session.registerConfirmation(authenticator) }
    BackHandler(enabled = route != Route.Dashboard) { app.route.value = Route.Dashboard }

    // Amounts read aloud and payout times, in the wallet's language, for every screen (AmountFigure, eta).
    CompositionLocalProvider(LocalWords provides session.words) {
        Scaffold(bottomBar = { if (!dataRights.startFresh) TabBar(route) { app.route.value = it } }) { padding ->
            // Edge to edge (targetSdk 35), adjustResize no longer shrinks the
            // content for the keyboard: pad for it here, once the bars' insets
            // are consumed, so the amount field and its button stay reachable.
            Box(Modifier.padding(padding).consumeWindowInsets(padding).imePadding()) {
                when (val current = route) {
                    Route.FirstRun -> FirstRunScreen(session.firstRun, onReady = { app.firstRunDone(session) })
                    Route.History -> HistoryScreen(session.history, onOpen = { app.route.value = Route.Timeline(it) })
                    Route.Dashboard -> DashboardScreen(
                        holder = session.dashboard,
                        onLink = {
                            session.link.cancel()
                            app.route.value = Route.LinkSource
                        },
                        onRelink = { sourceId ->
                            session.link.beginRelink(sourceId)
                            app.route.value = Route.LinkSource
                        },
                        onYourData = { app.route.value = Route.YourData },
                    )
                    Route.LinkSource -> LinkSourceScreen(
                        holder = session.link,
                        offers = offers(),
                        onDone = {
                            session.link.cancel()
                            session.dashboard.refresh()
                            app.route.value = Route.Dashboard
                        },
                    )
                    Route.CashOut -> CashOutScreen(
                        holder = session.cashOut,
                        authenticator = authenticator,
                        confirmationProblem = confirmationProblem,
                        onFollow = { app.route.value = Route.Timeline(it) },
                    )
                    Route.IdCapture -> IdCaptureScreen(session.idCapture)
                    Route.YourData -> DataRightsScreen(session.dataRights, onStartFresh = { app.startFresh(session) })
                    is Route.Timeline -> {
                        val holder = remember(current.withdrawalId) { session.timeline(current.withdrawalId) }
                        DisposableEffect(holder) { onDispose { holder.close() } }
                        TimelineScreen(holder, onBack = { app.route.value = Route.CashOut })
                    }
                }
            }
        }
    }
}

/** The sources on offer, named in the phone's language. */
@Composable
private fun offers(): List<LinkRequest> {
    val names = SourceCatalog.offers.map { stringResource(it.name) }
    return remember(names) { SourceCatalog.offers.zip(names) { offer, name -> offer.request(name) } }
}

/**
 * The main screens; a plain row of buttons, so no icon set is needed.
 * Kept above the navigation bar: with targetSdk 35 the window is edge to
 * edge on Android 15, and Scaffold leaves a bottom bar's insets to the bar.
 */
@Composable
private fun TabBar(route: Route, onSelect: (Route) -> Unit) {
    Surface(tonalElevation = 3.dp) {
        Row(
            Modifier.fillMaxWidth().navigationBarsPadding().padding(8.dp),
            horizontalArrangement = Arrangement.SpaceEvenly,
        ) {
            // An equal share each, so a long or large label wraps instead of pushing the others off.
            val tab = Modifier.weight(1f)
            Tab(stringResource(R.string.tab_balances), route == Route.Dashboard || route == Route.LinkSource || route == Route.YourData, tab) { onSelect(Route.Dashboard) }
            Tab(stringResource(R.string.tab_cash_out), route == Route.CashOut || route is Route.Timeline, tab) { onSelect(Route.CashOut) }
            Tab(stringResource(R.string.tab_history), route == Route.History, tab) { onSelect(Route.History) }
            Tab(stringResource(R.string.tab_verify_id), route == Route.IdCapture, tab) { onSelect(Route.IdCapture) }
        }
    }
}

/** A tab: its label is its name for TalkBack, which also says whether it is the one selected. */
@Composable
private fun Tab(label: String, isSelected: Boolean, modifier: Modifier, onClick: () -> Unit) {
    TextButton(onClick = onClick, modifier = modifier.semantics { selected = isSelected }) {
        Text(label, textAlign = TextAlign.Center, fontWeight = if (isSelected) FontWeight.Bold else FontWeight.Normal)
    }
}

@Composable
private fun Centered(content: @Composable () -> Unit) {
    Column(
        Modifier.fillMaxSize().padding(24.dp),
        verticalArrangement = Arrangement.spacedBy(16.dp, Alignment.CenterVertically),
        horizontalAlignment = Alignment.CenterHorizontally,
    ) { content() }
}
