//! CORS for the browser front-ends named in `CUSNET_CORS_ORIGINS`; no list, no CORS headers.
//!
//! Only exact origins are allowed (no wildcard), only the methods and headers a GraphQL
//! client needs, and `Retry-After` is exposed so a front-end can honour a rate limit.

use actix_cors::Cors;
use actix_web::http::{Method, header};

/// How long a browser may cache a preflight answer, in seconds.
const PREFLIGHT_MAX_AGE_SECS: usize = 600;

/// Checks the configured origins at start-up: each must be `scheme://host[:port]`.
pub fn validate_origins(origins: &[String]) -> anyhow::Result<()> {
    for origin in origins {
        let rest = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"));
        let valid = rest
            .is_some_and(|host| !host.is_empty() && !host.contains(['/', '*', ' ', '?', '#', '@']));
        if !valid {
            anyhow::bail!(
                "CUSNET_CORS_ORIGINS: `{origin}` is not an origin; write scheme://host[:port], e.g. https://cus.example.pl"
            );
        }
    }
    Ok(())
}

/// The CORS middleware for the configured origins.
pub fn cors(origins: &[String]) -> Cors {
    origins
        .iter()
        .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin))
        .allowed_methods([Method::GET, Method::POST])
        .allowed_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
        .expose_headers([header::RETRY_AFTER])
        .max_age(PREFLIGHT_MAX_AGE_SECS)
}
