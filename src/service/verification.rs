//! Public certificate verification: anyone holding a certificate's number and its printed
//! verification code learns whether it is genuine and valid. A wrong code answers exactly
//! like a number that does not exist, and each client address has its own small budget of
//! attempts per minute, so codes cannot be guessed.

use crate::error::{AppError, AppResult};
use entity::certificate as cert;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// Attempts per client address (its own budget, apart from any general request limit).
#[derive(Clone)]
pub struct VerifyLimiter {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
}

impl VerifyLimiter {
    /// A limiter allowing `per_minute` attempts a minute per address (at least one).
    pub fn new(per_minute: u32) -> Self {
        let n = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        Self {
            limiter: Arc::new(RateLimiter::keyed(Quota::per_minute(n))),
        }
    }

    /// RATE_LIMITED (with the seconds to wait) when `client` used up its budget.
    pub fn check(&self, client: IpAddr) -> AppResult<()> {
        self.limiter.check_key(&client).map_err(|not_until| {
            use governor::clock::Clock;
            let wait = not_until.wait_time_from(governor::clock::DefaultClock::default().now());
            AppError::RateLimited {
                retry_after_secs: wait.as_secs().max(1),
            }
        })?;
        self.limiter.retain_recent();
        Ok(())
    }
}

/// The client address of a request, for per-address limits.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// The peer address of the connection (unknown peers share one budget).
    pub fn of(peer: Option<std::net::SocketAddr>) -> Self {
        Self(peer.map_or(IpAddr::from([0, 0, 0, 0]), |a| a.ip()))
    }
}

/// What a genuine certificate shows to the public.
#[derive(Debug, Clone)]
pub struct Verified {
    /// The certificate.
    pub certificate: cert::Model,
    /// Title of the training.
    pub training_title: String,
    /// Name of the issuing organisation.
    pub issuer_name: String,
}

/// Finds the certificate with this number whose code matches; `None` for a wrong code and
/// for an unknown number alike.
pub async fn verify(
    conn: &DatabaseConnection,
    number: &str,
    code: &str,
) -> AppResult<Option<Verified>> {
    let number = number.trim();
    if number.is_empty() || number.len() > 64 {
        return Err(AppError::bad_input("number", "1 to 64 characters"));
    }
    if code.len() > 64 {
        return Err(AppError::bad_input("code", "at most 64 characters"));
    }
    let given = super::training_records::code_hash(code);
    let candidates = cert::Entity::find()
        .filter(cert::Column::Number.eq(number))
        .filter(cert::Column::DeletedAt.is_null())
        .all(conn)
        .await?;
    // Numbers are unique per issuer, so several issuers may share one; the code decides.
    let Some(found) = candidates
        .into_iter()
        .find(|c| bool::from(c.code_hash.as_bytes().ct_eq(given.as_bytes())))
    else {
        return Ok(None);
    };
    let enrollment = entity::training_enrollment::Entity::find_by_id(found.enrollment_id)
        .one(conn)
        .await?;
    let training_title = match enrollment {
        Some(e) => entity::training::Entity::find_by_id(e.training_id)
            .one(conn)
            .await?
            .map(|t| t.title)
            .unwrap_or_default(),
        None => String::new(),
    };
    let issuer_name = entity::organisation::Entity::find_by_id(found.issuer_id)
        .one(conn)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    Ok(Some(Verified {
        certificate: found,
        training_title,
        issuer_name,
    }))
}
