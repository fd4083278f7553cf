//! Linked sources: a platform, bank or operator the user signed in to with
//! OAuth. The link (endpoint, OAuth config, access and refresh tokens, expiry)
//! is sealed in `source_links`; connectors are rebuilt from it when the
//! wallet opens, and tokens are refreshed shortly before they expire.

use std::time::{Duration, SystemTime};

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::manual::{clean_name, insert_source};
use super::{OAuthConfig, OAuthGrant, SourceConnector, SourceEndpoint, SourceKind};
use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::Store;
use crate::SweepError;

/// Refresh this long before the access token expires.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(120);

/// What the user asks to link.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LinkRequest {
    /// What the user calls the source.
    pub name: String,
    /// The kind of place the balance sits in.
    pub kind: SourceKind,
    /// Which API holds the balance, and where.
    pub endpoint: SourceEndpoint,
    /// How to sign in to it.
    pub oauth: OAuthConfig,
    /// The balance typed in by hand that this link replaces, keeping its
    /// history so its money is not counted twice. Without it, a typed-in
    /// source of the same kind under the same name is replaced.
    #[cfg_attr(feature = "ffi", uniffi(default = None))]
    pub replaces_source_id: Option<u64>,
}

/// A stored link. Everything in it is sealed together.
#[derive(Clone, Serialize, Deserialize)]
#[serde(try_from = "StoredLink")]
pub struct Link {
    /// Which API holds the balance, and where.
    pub endpoint: SourceEndpoint,
    /// The OAuth configuration, for refreshing.
    pub oauth: OAuthConfig,
    /// The current access token.
    pub access_token: String,
    /// The refresh token, if any.
    pub refresh_token: Option<String>,
    /// When the access token expires, in Unix milliseconds.
    pub expires_at_ms: i64,
    /// The scopes the authorization server granted. Links stored before
    /// Sweep kept them have none, so they stay read-only until linked again.
    pub granted_scopes: Vec<String>,
    /// The user at the source (the ID token's `sub`) the link belongs to:
    /// linking again must sign in as the same user. Links stored before
    /// Sweep kept it have none, and take the next sign-in's.
    pub subject: Option<String>,
}

impl Drop for Link {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.access_token.zeroize();
        if let Some(token) = self.refresh_token.as_mut() {
            token.zeroize();
        }
    }
}

/// A link as stored: links written before endpoints existed name only a
/// Source API base URL.
#[derive(Deserialize)]
struct StoredLink {
    endpoint: Option<SourceEndpoint>,
    api_base_url: Option<String>,
    oauth: OAuthConfig,
    access_token: String,
    refresh_token: Option<String>,
    expires_at_ms: i64,
    #[serde(default)]
    granted_scopes: Vec<String>,
    #[serde(default)]
    subject: Option<String>,
}

impl TryFrom<StoredLink> for Link {
    type Error = &'static str;

    fn try_from(stored: StoredLink) -> Result<Link, &'static str> {
        let endpoint = match (stored.endpoint, stored.api_base_url) {
            (Some(endpoint), _) => endpoint,
            (None, Some(base_url)) => SourceEndpoint::SourceApi { base_url },
            (None, None) => return Err("a link without an endpoint"),
        };
        Ok(Link {
            endpoint,
            oauth: stored.oauth,
            access_token: stored.access_token,
            refresh_token: stored.refresh_token,
            expires_at_ms: stored.expires_at_ms,
            granted_scopes: stored.granted_scopes,
            subject: stored.subject,
        })
    }
}

impl Link {
    /// A link from a fresh grant.
    pub fn new(endpoint: SourceEndpoint, oauth: OAuthConfig, grant: &OAuthGrant) -> Link {
        // A token answer without `scope` granted what was asked (RFC 6749 §5.1).
        let granted_scopes = oauth.scopes.clone();
        let mut link = Link {
            endpoint,
            oauth,
            access_token: String::new(),
            refresh_token: None,
            expires_at_ms: 0,
            granted_scopes,
            subject: grant.subject.clone(),
        };
        link.update(grant);
        link
    }

    /// True when the user granted `scope`.
    pub fn grants(&self, scope: &str) -> bool {
        self.granted_scopes.iter().any(|s| s == scope)
    }

    /// A connector reading the source with the current access token.
    pub fn connector(&self) -> Result<std::sync::Arc<dyn SourceConnector>, SweepError> {
        self.endpoint.connector(self.access_token.clone())
    }

    /// Takes a refreshed grant's tokens; a refresh that returns no new
    /// refresh token or scope keeps the old one.
    pub fn update(&mut self, grant: &OAuthGrant) {
        if let Some(scope) = &grant.scope {
            self.granted_scopes = scope.split_whitespace().map(str::to_owned).collect();
        }
        self.access_token = grant.access_token.to_string();
        if let Some(refresh) = &grant.refresh_token {
            self.refresh_token = Some(refresh.to_string());
        }
        self.expires_at_ms =
            grant.expires_at.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
    }

    /// True when the access token expires within [`REFRESH_MARGIN`].
    pub fn needs_refresh(&self) -> bool {
        self.expires_at_ms - now_ms() < REFRESH_MARGIN.as_millis() as i64
    }

    /// True once the access token has expired.
    pub fn expired(&self) -> bool {
        self.expires_at_ms <= now_ms()
    }

    fn cell(source_id: i64) -> CellRef<'static> {
        CellRef::new(Column::SourceLink, RowKey::Id(source_id))
    }

    fn sealed(&self, store_sealer: &mut crate::store::seal::Sealer, source_id: i64) -> Result<Vec<u8>, SweepError> {
        let json = Zeroizing::new(
            serde_json::to_vec(self).map_err(|e| SweepError::Internal { reason: format!("encode link: {e}") })?,
        );
        store_sealer.seal(&Self::cell(source_id), &json)
    }
}

/// Creates the source and its sealed link in one transaction; returns the id.
pub fn add_linked_source(
    store: &mut Store,
    request: &LinkRequest,
    link: &Link,
    now_ms: i64,
) -> Result<i64, SweepError> {
    let name = clean_name(&request.name)?;
    store.write(3, |wtx| {
        let id = insert_source(wtx, request.kind, request.endpoint.provider(), name, None, now_ms)?;
        insert_link(wtx, id, link)?;
        Ok(id)
    })
}

/// Stores a new source's sealed link in the caller's transaction.
pub(super) fn insert_link(wtx: &mut crate::store::WriteTx<'_>, id: i64, link: &Link) -> Result<(), SweepError> {
    let sealed = link.sealed(wtx.sealer, id)?;
    wtx.tx.execute("INSERT INTO source_links (source_id, link) VALUES (?1, ?2)", rusqlite::params![id, sealed])?;
    Ok(())
}

/// Replaces a source's link (after a refresh).
pub fn store_link(store: &mut Store, source_id: i64, link: &Link) -> Result<(), SweepError> {
    store.write(1, |wtx| update_link(wtx, source_id, link))
}

/// Replaces the link of a source the user linked again, and marks the
/// source linked, in one transaction. The sign-in must be the same user's
/// as before: a relink never moves a source to another account.
pub fn relink_source(store: &mut Store, source_id: i64, link: &Link) -> Result<(), SweepError> {
    let before = load_link(store, source_id)?.ok_or(SweepError::SourceNotFound { source_id: source_id as u64 })?;
    if !same_user(&before, link) {
        return Err(SweepError::invalid(
            "callback_url",
            "signed in as another user than the one this source belongs to; link it as a new source instead",
        ));
    }
    store.write(1, |wtx| {
        update_link(wtx, source_id, link)?;
        let linked = super::AuthState::Linked.code();
        wtx.tx.execute("UPDATE sources SET auth_state = ?2 WHERE id = ?1", rusqlite::params![source_id, linked])?;
        Ok(())
    })
}

/// True when `after` signs in as the user `before` belongs to. A link
/// stored before Sweep kept subjects takes the next sign-in's.
pub fn same_user(before: &Link, after: &Link) -> bool {
    before.subject.is_none() || before.subject == after.subject
}

fn update_link(wtx: &mut crate::store::WriteTx<'_>, source_id: i64, link: &Link) -> Result<(), SweepError> {
    let sealed = link.sealed(wtx.sealer, source_id)?;
    let changed = wtx
        .tx
        .execute("UPDATE source_links SET link = ?2 WHERE source_id = ?1", rusqlite::params![source_id, sealed])?;
    if changed == 0 {
        return Err(SweepError::SourceNotFound { source_id: source_id as u64 });
    }
    Ok(())
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// Every stored link, opened.
pub fn load_links(store: &Store) -> Result<Vec<(i64, Link)>, SweepError> {
    let mut stmt = store.conn().prepare("SELECT source_id, link FROM source_links ORDER BY source_id")?;
    let mut rows = stmt.query([])?;
    let mut buf = Vec::new();
    let mut links = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let cell = Link::cell(id);
        let json = store.sealer().open_in(&cell, row.get_ref(1)?.as_blob()?, &mut buf)?;
        let link: Link = serde_json::from_slice(json).map_err(|_| cell.tampered())?;
        links.push((id, link));
    }
    buf.iter_mut().for_each(|b| *b = 0);
    Ok(links)
}

/// One source's link, opened.
pub fn load_link(store: &Store, source_id: i64) -> Result<Option<Link>, SweepError> {
    let sealed: Option<Vec<u8>> = store
        .conn()
        .query_row("SELECT link FROM source_links WHERE source_id = ?1", [source_id], |r| r.get(0))
        .optional()?;
    let Some(sealed) = sealed else { return Ok(None) };
    open_link(store, source_id, &sealed).map(Some)
}

/// Opens a source's sealed link.
pub(crate) fn open_link(store: &Store, source_id: i64, sealed: &[u8]) -> Result<Link, SweepError> {
    let mut buf = Zeroizing::new(Vec::new());
    let cell = Link::cell(source_id);
    let json = store.sealer().open_in(&cell, sealed, &mut buf)?;
    serde_json::from_slice(json).map_err(|_| cell.tampered())
}

/// A test link to `endpoint` that asked for reading and transfers and was
/// granted `scope` (`None`: what it asked for).
#[cfg(test)]
pub(crate) fn test_link(endpoint: SourceEndpoint, scope: Option<&str>) -> Link {
    let oauth = OAuthConfig {
        issuer: "https://id.example".into(),
        authorize_endpoint: "https://id.example/a".into(),
        token_endpoint: "https://id.example/t".into(),
        client_id: "c".into(),
        redirect_uri: "app:/cb".into(),
        scopes: vec!["balances:read".into(), super::TRANSFER_SCOPE.into()],
    };
    let grant = OAuthGrant {
        access_token: String::from("test-token").into(),
        refresh_token: None,
        expires_at: SystemTime::now() + Duration::from_secs(600),
        subject: None,
        scope: scope.map(str::to_owned),
    };
    Link::new(endpoint, oauth, &grant)
}

/// Adds a Source API source linked with the transfer scope, for tests.
#[cfg(test)]
pub(crate) fn add_test_linked_source(store: &mut Store, name: &str, kind: SourceKind) -> i64 {
    let endpoint = SourceEndpoint::SourceApi { base_url: "https://w.example/sweep/v1".into() };
    let link = test_link(endpoint.clone(), None);
    let request =
        LinkRequest { name: name.into(), kind, endpoint, oauth: link.oauth.clone(), replaces_source_id: None };
    add_linked_source(store, &request, &link, 1).expect("a valid linked source")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_stored_before_endpoints_still_open() {
        let old = r#"{"api_base_url":"https://w.example/sweep/v1","oauth":{"issuer":"https://w.example",
            "authorize_endpoint":"https://w.example/a","token_endpoint":"https://w.example/t","client_id":"c",
            "redirect_uri":"app:/cb","scopes":[]},"access_token":"a","refresh_token":null,"expires_at_ms":5}"#;
        let link: Link = serde_json::from_str(old).unwrap();
        assert_eq!(link.endpoint, SourceEndpoint::SourceApi { base_url: "https://w.example/sweep/v1".into() });
        let again: Link = serde_json::from_slice(&serde_json::to_vec(&link).unwrap()).unwrap();
        assert_eq!(again.endpoint, link.endpoint);
        assert!(serde_json::from_str::<Link>(&old.replace("api_base_url", "nothing")).is_err());
        assert_eq!(link.subject, None, "links from before subjects take the next sign-in's");
    }

    #[test]
    fn a_relink_must_sign_in_as_the_same_user() {
        let dir = tempfile::tempdir().unwrap();
        let keys = crate::store::keys::EphemeralKeyProvider::new().unwrap();
        let mut store = Store::open(&dir.path().join("w.db"), keys.as_ref()).unwrap();
        let id = add_test_linked_source(&mut store, "Toss", SourceKind::Wallet);
        let as_user = |subject: Option<&str>| {
            let mut link = test_link(SourceEndpoint::SourceApi { base_url: "https://w.example/sweep/v1".into() }, None);
            link.subject = subject.map(str::to_owned);
            link
        };
        // The first sign-in that names a user binds the link to that user.
        relink_source(&mut store, id, &as_user(Some("user-1"))).unwrap();
        for other in [Some("user-2"), None] {
            let refused = relink_source(&mut store, id, &as_user(other));
            assert!(matches!(refused, Err(SweepError::InvalidInput { ref field, .. }) if field == "callback_url"));
        }
        assert_eq!(load_link(&store, id).unwrap().unwrap().subject.as_deref(), Some("user-1"), "nothing written");
        relink_source(&mut store, id, &as_user(Some("user-1"))).unwrap();
    }
}
