//! The claims of a cusnet access token and the roles it can carry.

use serde::{Deserialize, Serialize};

/// A caller's role, as carried in the `role` claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// Runs the network: reads and writes everything.
    NetworkAdmin,
    /// Administers the data of the regions in the token.
    RegionAdmin,
    /// Edits the data of the regions in the token.
    RegionEditor,
    /// Reads the data of the regions in the token.
    RegionViewer,
    /// A partner university (claim `org`): reads the trainings it partners in.
    University,
}

impl Role {
    /// Parses the CLI spelling (`region-editor`) or the claim spelling (`REGION_EDITOR`).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_uppercase().replace('-', "_").as_str() {
            "NETWORK_ADMIN" => Some(Self::NetworkAdmin),
            "REGION_ADMIN" => Some(Self::RegionAdmin),
            "REGION_EDITOR" => Some(Self::RegionEditor),
            "REGION_VIEWER" => Some(Self::RegionViewer),
            "UNIVERSITY" => Some(Self::University),
            _ => None,
        }
    }

    /// True for the roles that are scoped to regions listed in the token.
    pub fn is_regional(self) -> bool {
        matches!(
            self,
            Self::RegionAdmin | Self::RegionEditor | Self::RegionViewer
        )
    }
}

/// The claims cusnet reads from an access token. `exp`, `iss`, `aud` and `sub` are required.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// Subject: a stable identifier of the caller.
    pub sub: String,
    /// The caller's role.
    pub role: Role,
    /// TERYT codes (two digits) of the regions the caller acts for.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Organisation id, for university callers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    /// Expiry (seconds since the epoch).
    pub exp: u64,
    /// Issued at (seconds since the epoch).
    #[serde(default)]
    pub iat: u64,
    /// Issuer.
    pub iss: String,
    /// Audience. Identity providers may send a list (Keycloak does); the token's audiences
    /// have been checked against the configured one before this is read, and the first is kept.
    #[serde(deserialize_with = "one_or_many")]
    pub aud: String,
}

/// Reads a claim that is either one string or a list of strings.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => Ok(s),
        OneOrMany::Many(v) => v
            .into_iter()
            .next()
            .ok_or_else(|| serde::de::Error::custom("empty audience list")),
    }
}
