//! `sweep-sandbox`: the sandbox provider for app developers.
//!
//! `sweep-sandbox [PORT]` listens on 127.0.0.1 (default port 8787) until
//! Ctrl-C. Change its behaviour with `PUT /_sandbox/knobs`, for example
//! `{"latency_ms": 300, "fault": "rate_limited"}`.

use std::net::SocketAddr;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port = match std::env::args().nth(1) {
        Some(arg) => arg.parse().map_err(|_| std::io::Error::other(format!("not a port: {arg}")))?,
        None => 8787,
    };
    let sandbox = sweep_sandbox::Sandbox::start_on(SocketAddr::from(([127, 0, 0, 1], port))).await?;
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
    println!("Knobs: PUT http://{}/_sandbox/knobs", sandbox.addr());
    tokio::signal::ctrl_c().await?;
    sandbox.stop().await;
    Ok(())
}
