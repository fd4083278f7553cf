//! `sweep-sandbox`: the sandbox provider for app developers.
//!
//! Listens on 127.0.0.1 (port 8787 unless told) until Ctrl-C. Its fault
//! knobs start as `--knobs` and the single-knob options say, and change
//! while it runs with `PUT /_sandbox/knobs`.

use std::net::SocketAddr;

use clap::{CommandFactory, FromArgMatches, Parser};
use sweep_sandbox::{Fault, Knobs};

/// A stateful fake of every server Sweep talks to: Source API platforms,
/// Open Banking, CAMARA, the cash-out provider, tus and OAuth issuers.
#[derive(Debug, Parser)]
#[command(name = "sweep-sandbox", version)]
struct Args {
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// The port, as older scripts give it.
    #[arg(conflicts_with = "port", hide = true)]
    legacy_port: Option<u16>,
    /// Starting knobs as JSON, for example '{"latency_ms": 300, "provider_down": true}'.
    #[arg(long)]
    knobs: Option<String>,
    /// Added to every answer, in milliseconds.
    #[arg(long)]
    latency_ms: Option<u64>,
    /// A fault for every Source API answer: malformed, html, huge,
    /// rate_limited, expired_token, revoked, server_error, unknown_currency,
    /// negative_balance or absurd_balance.
    #[arg(long)]
    fault: Option<String>,
    /// Share of answers (0-100) that fail with 503.
    #[arg(long)]
    error_rate_percent: Option<u8>,
}

/// Every knob and its starting value, for `--help`.
fn knob_help() -> String {
    let defaults = serde_json::to_value(Knobs::default()).unwrap_or_default();
    let mut text =
        String::from("Knobs (in --knobs JSON, or PUT /_sandbox/knobs while running), with their defaults:\n");
    if let Some(all) = defaults.as_object() {
        for (name, value) in all {
            text.push_str(&format!("  {name} = {value}\n"));
        }
    }
    text.push_str("Each knob is described in sandbox/src/knobs.rs.");
    text
}

fn starting_knobs(args: &Args) -> Result<Knobs, String> {
    let mut knobs: Knobs = match &args.knobs {
        Some(json) => serde_json::from_str(json).map_err(|e| format!("--knobs is not valid knob JSON: {e}"))?,
        None => Knobs::default(),
    };
    if let Some(ms) = args.latency_ms {
        knobs.latency_ms = ms;
    }
    if let Some(fault) = &args.fault {
        let parsed: Fault = serde_json::from_value(serde_json::Value::String(fault.clone()))
            .map_err(|_| format!("--fault {fault:?} is not a fault; see --help"))?;
        knobs.fault = Some(parsed);
    }
    if let Some(percent) = args.error_rate_percent {
        knobs.error_rate_percent = percent.min(100);
    }
    Ok(knobs)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let matches = Args::command().after_help(knob_help()).get_matches();
    let args = Args::from_arg_matches(&matches).map_err(|e| std::io::Error::other(e.to_string()))?;
    let knobs = starting_knobs(&args).map_err(std::io::Error::other)?;
    let port = args.legacy_port.unwrap_or(args.port);
    let sandbox = sweep_sandbox::Sandbox::start_on(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    sandbox.set_knobs(knobs);
    println!("Sweep sandbox on http://{}", sandbox.addr());
    println!("Source API: {}", sandbox.source_api_url());
    println!("Open Banking AISP: {} (account {})", sandbox.open_banking_url(), sweep_sandbox::OPEN_BANKING_ACCOUNT);
    let (billing, refund) = sandbox.camara_urls();
    println!("CAMARA carrier billing: {billing}  refund: {refund}");
    println!("Provider API (fee schedule, quotes): {}", sandbox.provider_url());
    println!("tus endpoint for ID captures: {}", sandbox.tus_url());
    println!(
        "OAuth issuers: {} (and every platform below, sandbox-bank, sandbox-operator)",
        sandbox.oauth_issuer("sandbox-toss")
    );
    for (token, platform) in sweep_sandbox::TOKENS {
        println!("  access token {token:<16} {platform}");
    }
    println!("Knobs: GET or PUT http://{}/_sandbox/knobs (see --help)", sandbox.addr());
    tokio::signal::ctrl_c().await?;
    sandbox.stop().await;
    Ok(())
}
