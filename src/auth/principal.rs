//! The verified caller of one request.

use super::{Claims, Role};
use crate::error::AppError;

/// The 16 voivodeship TERYT codes; a token naming any other region is rejected.
pub const VOIVODESHIP_CODES: [&str; 16] = [
    "02", "04", "06", "08", "10", "12", "14", "16", "18", "20", "22", "24", "26", "28", "30", "32",
];

/// Who is calling. Built once per request from a verified token; anonymous when there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// No token.
    Anonymous,
    /// A verified token.
    Member {
        /// The `sub` claim.
        subject: String,
        /// The `role` claim.
        role: Role,
        /// Region ids (the numeric TERYT voivodeship code) the caller acts for.
        regions: Vec<i64>,
        /// Organisation id, for university callers.
        organisation: Option<i64>,
    },
}

impl Principal {
    /// Validates the claims beyond the signature: known regions, regions for regional roles,
    /// an organisation for universities.
    pub fn from_claims(claims: Claims) -> Result<Self, AppError> {
        let invalid = |why: &str| {
            tracing::info!(reason = why, "rejected access token claims");
            AppError::Unauthenticated("invalid access token claims".into())
        };
        if claims.sub.trim().is_empty() {
            return Err(invalid("empty sub"));
        }
        let mut regions = Vec::with_capacity(claims.regions.len());
        for code in &claims.regions {
            if !VOIVODESHIP_CODES.contains(&code.as_str()) {
                return Err(invalid("unknown region"));
            }
            regions.push(code.parse::<i64>().map_err(|_| invalid("unknown region"))?);
        }
        if claims.role.is_regional() && regions.is_empty() {
            return Err(invalid("regional role without regions"));
        }
        let organisation = match (&claims.org, claims.role) {
            (Some(org), _) => Some(org.parse::<i64>().map_err(|_| invalid("malformed org"))?),
            (None, Role::University) => return Err(invalid("university token without org")),
            (None, _) => None,
        };
        Ok(Self::Member {
            subject: claims.sub,
            role: claims.role,
            regions,
            organisation,
        })
    }

    /// The caller's role, if authenticated.
    pub fn role(&self) -> Option<Role> {
        match self {
            Self::Anonymous => None,
            Self::Member { role, .. } => Some(*role),
        }
    }

    /// The subject, or `anonymous`.
    pub fn subject(&self) -> &str {
        match self {
            Self::Anonymous => "anonymous",
            Self::Member { subject, .. } => subject,
        }
    }
}
