package com.sweepwallet.app

/** The app's screens. */
sealed interface Route {
    data object FirstRun : Route

    data object Dashboard : Route

    data object History : Route

    data object LinkSource : Route

    data object CashOut : Route

    data object IdCapture : Route

    /** Your data: export it, or delete the account (from the dashboard). */
    data object YourData : Route

    data class Timeline(val withdrawalId: ULong) : Route
}
