//! The application error and its single mapping to GraphQL errors.
//!
//! Every error a client sees carries a stable `extensions.code`. Internal failures are
//! censored: the client gets a generic message, the cause goes to the log with the request id.

use async_graphql::ErrorExtensions;

/// Stable error codes, as they appear in `extensions.code`.
pub mod code {
    /// No valid credentials (malformed, expired or wrongly signed token).
    pub const UNAUTHENTICATED: &str = "UNAUTHENTICATED";
    /// The caller is known but not allowed to do this.
    pub const FORBIDDEN: &str = "FORBIDDEN";
    /// The request or an argument is invalid; `extensions.field` names the offending input.
    pub const BAD_USER_INPUT: &str = "BAD_USER_INPUT";
    /// The record does not exist or is outside the caller's scope.
    pub const NOT_FOUND: &str = "NOT_FOUND";
    /// The record changed since the caller read it.
    pub const CONFLICT: &str = "CONFLICT";
    /// Too many requests.
    pub const RATE_LIMITED: &str = "RATE_LIMITED";
    /// Something failed on the server; details are in the log.
    pub const INTERNAL: &str = "INTERNAL";
}

/// What can go wrong while serving a request.
///
/// Deliberately not `Display`: async-graphql converts any `Display` type into an error without
/// a code, so the only way from an `AppError` to a client is the mapping below.
#[derive(Debug)]
pub enum AppError {
    Unauthenticated(String),
    Forbidden(String),
    NotFound {
        what: &'static str,
    },
    BadUserInput {
        field: String,
        message: String,
    },
    Conflict {
        message: String,
        current_version: Option<i32>,
    },
    RateLimited {
        retry_after_secs: u64,
    },
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for AppError {
    fn from(err: anyhow::Error) -> Self {
        Self::Internal(err)
    }
}

impl AppError {
    /// A bad-input error for the given input path (e.g. `filter.search`, `first`).
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadUserInput {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The message a client may see (internal causes are censored).
    pub fn client_message(&self) -> String {
        match self {
            Self::Unauthenticated(m) | Self::Forbidden(m) => m.clone(),
            Self::NotFound { what } => format!("{what} not found"),
            Self::BadUserInput { message, .. } | Self::Conflict { message, .. } => message.clone(),
            Self::RateLimited { retry_after_secs } => {
                format!("too many requests; retry after {retry_after_secs} s")
            }
            Self::Internal(_) => "internal server error".to_owned(),
        }
    }

    /// The stable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated(_) => code::UNAUTHENTICATED,
            Self::Forbidden(_) => code::FORBIDDEN,
            Self::NotFound { .. } => code::NOT_FOUND,
            Self::BadUserInput { .. } => code::BAD_USER_INPUT,
            Self::Conflict { .. } => code::CONFLICT,
            Self::RateLimited { .. } => code::RATE_LIMITED,
            Self::Internal(_) => code::INTERNAL,
        }
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Internal(anyhow::Error::new(err).context("database operation failed"))
    }
}

impl From<AppError> for async_graphql::Error {
    fn from(err: AppError) -> Self {
        let code = err.code();
        let mut outage = None;
        if let AppError::Internal(cause) = &err {
            // The span carries the request id; the client sees only the censored message.
            outage = crate::outage::Outage::of(cause);
            if outage.is_some() {
                tracing::warn!(error = format!("{cause:#}"), "database unavailable or slow");
            } else {
                tracing::error!(error = format!("{cause:#}"), "internal error");
            }
        }
        let message = match outage {
            Some(o) => o.message().to_owned(),
            None => err.client_message(),
        };
        async_graphql::Error::new(message).extend_with(|_, ext| {
            ext.set("code", code);
            if let Some(o) = outage {
                ext.set(crate::outage::REASON_KEY, o.reason());
            }
            match &err {
                AppError::BadUserInput { field, .. } => ext.set("field", field.as_str()),
                AppError::Conflict {
                    current_version: Some(v),
                    ..
                } => ext.set("currentVersion", *v),
                AppError::RateLimited { retry_after_secs } => {
                    ext.set("retryAfter", *retry_after_secs)
                }
                _ => {}
            }
        })
    }
}

/// Result type of services and resolvers.
pub type AppResult<T> = Result<T, AppError>;
