//! One module per wire protocol, each holding its read side and its
//! collect side together: the Sweep Source API, UK Open Banking and CAMARA
//! carrier billing. The domain (terms, dashboard, sync, linking) is in
//! `crate::sources`, which re-exports what apps use from here.

pub mod camara;
pub mod open_banking;
pub mod source_api;
