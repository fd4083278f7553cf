//! The provider's side of collection (`docs/provider-api.yaml` v2): a
//! withdrawal names its legs; the provider opens a collection reference per
//! leg, watches its collection account (the sandbox platforms' books) for
//! each leg's money, and pays out only from what arrived, by the partial
//! collection rule of `docs/money.md`. This is the provider's own
//! implementation of that rule, written apart from the wallet's.

use serde_json::{json, Value};

use crate::platforms::Platforms;

/// The minimum withdrawal of the sandbox's KRW schedule.
const MIN_WITHDRAWAL: i64 = 5_000;

/// The provider's collection account at banks, which bank legs pay into
/// (Open Banking `CreditorAccount`): (scheme, identification, name).
pub(crate) const COLLECTION_ACCOUNT: (&str, &str, &str) =
    ("UK.OBIE.SortCodeAccountNumber", "04000469998877", "Sweep Provider Collections");

/// The collection method of a bank leg.
pub(crate) const BANK_PAYMENT: &str = "open_banking_payment";

/// One leg as the provider keeps it.
#[derive(Clone)]
pub(crate) struct Leg {
    pub leg_id: String,
    pub source_ref: String,
    pub destination: String,
    pub amount: i64,
    pub fee: i64,
    /// `source_api_transfer` or `open_banking_payment`.
    pub method: String,
    pub status: &'static str,
    pub reason: Option<String>,
}

/// A withdrawal's legs and its quoted withdrawal fee.
#[derive(Clone)]
pub(crate) struct Legs {
    pub legs: Vec<Leg>,
    pub withdrawal_fee: i64,
}

/// What the provider pays out once every leg is settled.
pub(crate) struct Payout {
    pub collected: i64,
    pub fee: i64,
    pub net: i64,
}

impl Legs {
    /// The legs of a new withdrawal `id`, checked against its quote: the
    /// same number of legs with the same amounts, in order.
    pub fn open(id: &str, body: &Value, quote: &Value) -> Result<Legs, &'static str> {
        let asked = body["legs"].as_array().ok_or("A withdrawal names the legs it collects (provider API v2)")?;
        let quoted = quote["legs"].as_array().ok_or("The quote has no legs")?;
        if asked.len() != quoted.len() {
            return Err("The legs are not the quote's");
        }
        let mut legs = Vec::with_capacity(asked.len());
        for (n, (leg, q)) in asked.iter().zip(quoted).enumerate() {
            let amount = leg["amount"].as_i64().ok_or("Each leg needs an amount")?;
            if amount != q["amount"].as_i64().unwrap_or(-1) {
                return Err("The legs are not the quote's");
            }
            let source_ref =
                leg["source_ref"].as_str().filter(|r| !r.is_empty()).ok_or("Each leg needs a source_ref")?;
            legs.push(Leg {
                leg_id: format!("{id}-L{}", n + 1),
                source_ref: source_ref.to_owned(),
                destination: format!("col-{id}-{}", n + 1),
                amount,
                fee: q["fee"].as_i64().unwrap_or(0),
                method: leg["collection_method"].as_str().unwrap_or("source_api_transfer").to_owned(),
                status: "pending",
                reason: None,
            });
        }
        Ok(Legs { legs, withdrawal_fee: quote["withdrawal_fee"].as_i64().unwrap_or(0) })
    }

    /// The legs as the API shows them.
    pub fn view(&self) -> Value {
        let legs: Vec<Value> = self
            .legs
            .iter()
            .map(|l| {
                let mut v = json!({
                    "leg_id": l.leg_id, "source_ref": l.source_ref, "destination_reference": l.destination,
                    "amount": l.amount, "status": l.status,
                });
                if let Some(reason) = &l.reason {
                    v["reason"] = json!(reason);
                }
                if l.method == BANK_PAYMENT {
                    let (scheme_name, identification, name) = COLLECTION_ACCOUNT;
                    v["creditor_account"] =
                        json!({"scheme_name": scheme_name, "identification": identification, "name": name});
                }
                v
            })
            .collect();
        json!(legs)
    }

    /// The legs as the provider's books have them.
    pub fn books(&self) -> Vec<crate::LegBooks> {
        let leg = |l: &Leg| crate::LegBooks {
            destination: l.destination.clone(),
            amount: l.amount,
            status: l.status.to_owned(),
        };
        self.legs.iter().map(leg).collect()
    }

    /// The leg with this id.
    pub fn leg(&self, leg_id: &str) -> Option<&Leg> {
        self.legs.iter().find(|l| l.leg_id == leg_id)
    }

    /// Marks legs whose money arrived as collected; true when one changed.
    pub fn watch(&mut self, books: &Platforms) -> bool {
        let mut changed = false;
        for leg in self.legs.iter_mut().filter(|l| l.status == "pending") {
            if books.arrived(&leg.destination) >= leg.amount {
                leg.status = "collected";
                changed = true;
            }
        }
        changed
    }

    /// A leg the wallet says will never arrive.
    pub fn fail(&mut self, leg_id: &str, reason: &str) -> bool {
        match self.legs.iter_mut().find(|l| l.leg_id == leg_id && l.status == "pending") {
            Some(leg) => {
                leg.status = "failed";
                leg.reason = Some(reason.chars().take(200).collect());
                true
            }
            None => false,
        }
    }

    /// True once no leg is still awaited.
    pub fn settled(&self) -> bool {
        self.legs.iter().all(|l| l.status != "pending")
    }

    /// What to pay out once settled; `None` when what arrived goes back.
    pub fn payout(&self) -> Option<Payout> {
        let arrived = self.legs.iter().filter(|l| l.status == "collected");
        let collected: i64 = arrived.clone().map(|l| l.amount).sum();
        let fee = arrived.map(|l| l.fee).sum::<i64>() + self.withdrawal_fee;
        (collected >= MIN_WITHDRAWAL && fee < collected).then_some(Payout { collected, fee, net: collected - fee })
    }

    /// Sends every collected leg back to its source, after noting what
    /// arrived since the last look.
    pub fn send_back(&mut self, books: &mut Platforms, why: &str) {
        self.watch(books);
        for leg in self.legs.iter_mut().filter(|l| l.status == "collected") {
            books.send_back(&leg.destination);
            leg.status = "returned";
            leg.reason = Some(why.to_owned());
        }
    }
}
