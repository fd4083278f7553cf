package com.sweepwallet.app.presentation

import com.sweepwallet.core.KeyProvider
import com.sweepwallet.core.Wallet
import com.sweepwallet.core.WalletConfig
import kotlinx.coroutines.CoroutineScope

// The code sample of android/README.md, compiled here; ReadmeSampleTest
// checks that the README shows exactly this code and runs it.

suspend fun openDashboard(dataDir: String, keys: KeyProvider, words: Words, scope: CoroutineScope): DashboardStateHolder {
    // On Android: dataDir = context.noBackupFilesDir.path, keys = KeystoreKeyProvider(context),
    // words = phoneWords(context) (app/…/ResourceCatalog.kt: resources, locale, amounts in words)
    val wallet = Wallet.open(WalletConfig(dataDir = dataDir, locale = words.locale), keys)
    val dashboard = DashboardStateHolder(wallet, scope, words)
    dashboard.refresh().join()
    // In Compose: val state by dashboard.state.collectAsState()
    return dashboard
}
