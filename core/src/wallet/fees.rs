//! The wallet's fee calculator, planner and quotes. Plans and estimates
//! need no network once the provider's fee schedule is cached; a quote is
//! priced locally first and then locked with the provider, whose figures
//! must match to the minor unit.

use std::time::SystemTime;

use super::Wallet;
use crate::fees::provider::{self, LockRequest};
use crate::fees::quote::{resolve, Resolved};
use crate::fees::{
    cache_schedule, cached_schedule, check_quote, plan, CachedSchedule, FeeSchedule, Plan, PlanRequest, Quote,
    QuoteBreakdown, QuoteRequest, RemainingLimits,
};
use crate::identity::session;
use crate::identity::tiers::load_identity;
use crate::money::Currency;
use crate::sources::{self, Dashboard};
use crate::store::Store;
use crate::withdrawals::usage::{remaining, usage};
use crate::SweepError;

impl Wallet {
    /// `GET /fee-schedule` and `GET /tiers`, checked and cached sealed; the
    /// cached record, as kept.
    async fn fetch_and_cache(&self, provider_url: String) -> Result<CachedSchedule, SweepError> {
        // A closed wallet sends nothing.
        self.ensure_open().await?;
        let schedule = provider::fetch_schedule(&provider_url).await?;
        let tiers = session::tiers(&provider_url).await?.tiers;
        let cached = CachedSchedule { schedule, provider_url, fetched_at: SystemTime::now(), tiers };
        let kept = cached.clone();
        self.with_store(move |store| cache_schedule(store, &kept)).await?;
        tracing::info!("fee schedule refreshed");
        Ok(cached)
    }
}

/// The fee schedule in use, and how current it is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScheduleStatus {
    /// The schedule plans and quotes use.
    pub schedule: FeeSchedule,
    /// When it was fetched from the provider.
    pub fetched_at: SystemTime,
    /// True when it is older than asked and could not be fetched again.
    pub stale: bool,
    /// Why it could not be fetched again, for the user; `None` otherwise.
    pub problem: Option<String>,
}

/// What is left of the user's limits in a currency: their tier's limits
/// in it (when the provider gives them), less what the last 24 hours and 30
/// days already used, tightened further by what the caller `asked`.
pub(super) fn limits_left(
    store: &Store,
    cached: &CachedSchedule,
    asked: Option<RemainingLimits>,
    currency_code: &str,
) -> Result<Option<RemainingLimits>, SweepError> {
    let tier = load_identity(store)?.tier;
    let currency = Currency::from_code(currency_code).ok();
    let limits =
        cached.tiers.iter().find(|t| t.tier == tier && Some(t.currency_code.as_str()) == currency.map(|c| c.code()));
    let used = usage(store, currency_code, SystemTime::now())?;
    Ok(remaining(asked, limits, used))
}

impl Wallet {
    /// The dashboard, the cached schedule and what is left of the limits,
    /// read together.
    async fn dashboard_and_schedule(
        &self,
        currency_code: &str,
        asked: Option<RemainingLimits>,
    ) -> Result<(Dashboard, CachedSchedule, Option<RemainingLimits>), SweepError> {
        let locale = self.locale;
        let currency_code = currency_code.to_owned();
        self.with_store(move |store| {
            let cached = cached_schedule(store)?.ok_or(SweepError::NoFeeSchedule)?;
            let left = limits_left(store, &cached, asked, &currency_code)?;
            Ok((sources::dashboard(store, locale)?, cached, left))
        })
        .await
    }

    /// Prices the request on the blocking pool: a goal runs the planner's
    /// search, and "receive exactly" a second search after it.
    async fn resolved(&self, request: &QuoteRequest) -> Result<(Resolved, CachedSchedule), SweepError> {
        let mut request = request.clone();
        let (dashboard, cached, left) =
            self.dashboard_and_schedule(&request.currency_code, request.limits.take()).await?;
        request.limits = left;
        let locale = self.locale;
        super::run_blocking(move || {
            let resolved = resolve(&dashboard, &cached.schedule, &request, locale)?;
            Ok((resolved, cached))
        })
        .await
    }
}

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// Fetches the provider's fee schedule (`GET /fee-schedule`) and its
    /// verification tiers' limits (`GET /tiers`), checks them, and caches
    /// them sealed with the schedule's version; plans and estimates then
    /// work offline, within the user's tier.
    pub async fn refresh_fee_schedule(&self, provider_url: String) -> Result<FeeSchedule, SweepError> {
        Ok(self.fetch_and_cache(provider_url).await?.schedule)
    }

    /// The fee schedule an app starts with: the cached one while it is
    /// younger than `max_age_seconds` (no network), otherwise fetched again
    /// from `provider_url` with the tiers. When the provider cannot be
    /// reached, a cached schedule is still returned, marked stale, so plans
    /// and estimates keep working offline; only a wallet that never had one
    /// gets the error.
    pub async fn ensure_fee_schedule(
        &self,
        provider_url: String,
        max_age_seconds: u64,
    ) -> Result<ScheduleStatus, SweepError> {
        let cached = self.with_store(|store| cached_schedule(store)).await?;
        let now = SystemTime::now();
        let age = |c: &CachedSchedule| now.duration_since(c.fetched_at).unwrap_or_default().as_secs();
        if let Some(c) = cached.as_ref().filter(|c| c.provider_url == provider_url && age(c) < max_age_seconds) {
            return Ok(ScheduleStatus {
                schedule: c.schedule.clone(),
                fetched_at: c.fetched_at,
                stale: false,
                problem: None,
            });
        }
        match self.fetch_and_cache(provider_url).await {
            Ok(fresh) => Ok(ScheduleStatus {
                schedule: fresh.schedule,
                fetched_at: fresh.fetched_at,
                stale: false,
                problem: None,
            }),
            Err(e) => match cached {
                Some(c) => {
                    tracing::info!("fee schedule kept: the provider could not be reached");
                    Ok(ScheduleStatus {
                        schedule: c.schedule,
                        fetched_at: c.fetched_at,
                        stale: true,
                        problem: Some(e.sentence()),
                    })
                }
                None => Err(e),
            },
        }
    }

    /// What is left of the user's limits in a currency: their tier's
    /// per-withdrawal limit, and its daily and monthly limits less what the
    /// last 24 hours and 30 days used (withdrawals count from the moment
    /// they are stored; failed, canceled and returned ones do not). `None`
    /// when the provider sets no limits in that currency.
    pub async fn remaining_limits(&self, currency_code: String) -> Result<Option<RemainingLimits>, SweepError> {
        Currency::from_code(&currency_code)?;
        self.with_store(move |store| {
            let cached = cached_schedule(store)?.ok_or(SweepError::NoFeeSchedule)?;
            limits_left(store, &cached, None, &currency_code)
        })
        .await
    }

    /// The cached fee schedule, if one was fetched.
    pub async fn fee_schedule(&self) -> Result<Option<FeeSchedule>, SweepError> {
        Ok(self.with_store(|store| cached_schedule(store)).await?.map(|c| c.schedule))
    }

    /// Plans a cash-out: which sources, how much of each, the exact fee,
    /// each leg explained, and advice to wait when it is not worth it yet.
    /// Works offline on the cached schedule. The user's tier limits always
    /// apply; `request.limits` can only tighten them.
    pub async fn plan(&self, mut request: PlanRequest) -> Result<Plan, SweepError> {
        let (dashboard, cached, left) =
            self.dashboard_and_schedule(&request.currency_code, request.limits.take()).await?;
        request.limits = left;
        let locale = self.locale;
        super::run_blocking(move || plan(&dashboard, &cached.schedule, &request, locale)).await
    }

    /// The exact price of a cash-out, worked out offline on the cached
    /// schedule: the fee calculator apps show before the user commits.
    pub async fn estimate(&self, request: QuoteRequest) -> Result<QuoteBreakdown, SweepError> {
        let (resolved, cached) = self.resolved(&request).await?;
        Ok(resolved.breakdown(&cached.schedule, &request, self.locale))
    }

    /// Prices the request locally, then asks the provider to lock that price
    /// (`POST /quotes`). The provider's figures must equal Sweep's to the
    /// minor unit (`QuoteMismatch` otherwise); a changed schedule is
    /// `FeeScheduleStale`, after which `refreshFeeSchedule` and a new quote
    /// are needed.
    pub async fn quote(&self, request: QuoteRequest) -> Result<Quote, SweepError> {
        let (resolved, cached) = self.resolved(&request).await?;
        let breakdown = resolved.breakdown(&cached.schedule, &request, self.locale);
        let lock = LockRequest {
            schedule_version: &cached.schedule.version,
            currency_code: &request.currency_code,
            speed: request.speed,
            destination: request.destination,
            legs: resolved
                .sources
                .iter()
                .zip(&resolved.pricing.legs)
                .map(|((_, _, kind), leg)| (*kind, leg.gross))
                .collect(),
        };
        let locked = provider::lock_quote(&cached.provider_url, &lock).await?;
        provider::compare(&resolved.pricing, breakdown.eta_seconds, &cached.schedule.version, &locked)?;
        if locked.expires_at <= SystemTime::now() {
            return Err(SweepError::MalformedResponse {
                reason: "the provider locked a quote that already expired".into(),
            });
        }
        let quote = Quote { quote_id: locked.quote_id, breakdown, expires_at: locked.expires_at };
        // Kept sealed: withdraw carries out this quote, whatever object comes back.
        let kept = quote.clone();
        self.with_store(move |store| crate::fees::locked::store_locked(store, &kept)).await?;
        tracing::info!(count = quote.breakdown.legs.len(), "quote locked");
        Ok(quote)
    }

    /// Checks that a quote can still be confirmed: its lock has not run out
    /// and the cached schedule is still the one it used.
    pub async fn check_quote(&self, quote: Quote) -> Result<(), SweepError> {
        let cached = self.with_store(|store| cached_schedule(store)).await?.ok_or(SweepError::NoFeeSchedule)?;
        check_quote(&quote, &cached.schedule, SystemTime::now())
    }
}
