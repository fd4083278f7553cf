//! The Source API's collect side (v2, `docs/source-api.yaml`): moving an
//! amount out of the user's balance to the provider's collection account,
//! once per idempotency key, and reading where a transfer stands. The read
//! side (balances, transactions) is in `read.rs`.

use crate::text::{tell, Msg};
use serde::Deserialize;

use super::SourceApiConnector;
use crate::money::Money;
use crate::sources::http;
use crate::SweepError;

/// Where a transfer stands at the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferStatus {
    /// The platform is still moving it.
    Pending,
    /// The money left the balance and reached the destination.
    Completed,
    /// Nothing was debited; why, for the user.
    Failed {
        /// The platform's reason.
        reason: String,
    },
}

/// A transfer as the platform reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    /// The platform's id for it.
    pub transfer_id: String,
    /// Where it stands.
    pub status: TransferStatus,
}

/// A transfer as the platform writes it.
#[derive(Deserialize)]
pub(crate) struct Wire {
    transfer_id: String,
    status: String,
    amount: crate::money::MinorAmount,
    destination_reference: String,
    reason: Option<String>,
}

/// What one transfer asks for.
pub struct TransferOrder<'a> {
    /// The key stored with the leg before anything was sent.
    pub key: &'a str,
    /// Exactly the leg's amount.
    pub amount: Money,
    /// The provider's collection reference for the leg.
    pub destination_reference: &'a str,
    /// The text the destination sees with the money.
    pub reference: &'a str,
}

/// The transfer in a platform's answer, checked against what was asked.
pub(crate) fn checked(wire: Wire, order: &TransferOrder<'_>) -> Result<Transfer, SweepError> {
    // A platform that reports another amount or destination than was asked
    // is not believed: a wrong figure must never become a collected leg.
    let amount = Money::try_from(&wire.amount)?;
    if amount != order.amount || wire.destination_reference != order.destination_reference {
        return Err(SweepError::MalformedResponse {
            reason: "the platform reported another amount or destination than was asked".into(),
        });
    }
    read(wire)
}

fn read(wire: Wire) -> Result<Transfer, SweepError> {
    let ok_id = (1..=128).contains(&wire.transfer_id.len()) && !wire.transfer_id.contains(['/', '?', '#']);
    if !ok_id {
        return Err(SweepError::MalformedResponse { reason: "a bad transfer id".into() });
    }
    let status = match wire.status.as_str() {
        "pending" => TransferStatus::Pending,
        "completed" => TransferStatus::Completed,
        "failed" => TransferStatus::Failed { reason: wire.reason.unwrap_or_else(|| tell(Msg::LegNotMoved {})) },
        _ => return Err(SweepError::MalformedResponse { reason: "an unknown transfer status".into() }),
    };
    Ok(Transfer { transfer_id: wire.transfer_id, status })
}

impl SourceApiConnector {
    /// `POST /transfers` with the leg's key. A `422` is a refusal that no
    /// retry changes (`Failed`); a `409` is `IdempotencyConflict`.
    pub async fn transfer(&self, order: &TransferOrder<'_>) -> Result<Transfer, SweepError> {
        let body = serde_json::json!({
            "amount": crate::money::MinorAmount::from(order.amount),
            "destination_reference": order.destination_reference,
            "reference": order.reference,
        });
        let headers = [("Idempotency-Key", order.key.to_owned())];
        let sent = http::send_json::<Wire>(self.url("transfers")?, Some(self.token()), Some(&body), &headers).await;
        match sent {
            Ok(wire) => checked(wire, order),
            Err(SweepError::SourceFailed { status: 422 }) => Ok(Transfer {
                transfer_id: format!("refused-{}", order.key),
                status: TransferStatus::Failed { reason: tell(Msg::PlatformRefused {}) },
            }),
            Err(SweepError::SourceFailed { status: 409 }) => {
                Err(SweepError::IdempotencyConflict { key: order.key.to_owned() })
            }
            Err(err) => Err(err),
        }
    }

    /// `GET /transfers/{id}`: where a transfer stands.
    pub async fn transfer_status(&self, order: &TransferOrder<'_>, transfer_id: &str) -> Result<Transfer, SweepError> {
        let url = self.url(&format!("transfers/{transfer_id}"))?;
        checked(http::send_json::<Wire>(url, Some(self.token()), None, &[]).await?, order)
    }
}
