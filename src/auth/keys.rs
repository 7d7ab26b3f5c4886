//! Signing and verification keys for HS256 access tokens.

use super::{Claims, Principal};
use crate::error::AppError;
use anyhow::Context;
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use std::path::{Path, PathBuf};

/// Keys and validation rules for access tokens.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys")
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .finish_non_exhaustive()
    }
}

/// Leeway for clock skew when checking `exp`/`nbf`.
const LEEWAY_SECS: u64 = 30;

impl TokenKeys {
    /// Keys for HS256 with a shared secret.
    pub fn hs256(secret: &SecretString, issuer: &str, audience: &str) -> Self {
        let bytes = secret.expose_secret().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.algorithms = vec![Algorithm::HS256];
        validation.leeway = LEEWAY_SECS;
        validation.validate_nbf = true;
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        Self {
            encoding: EncodingKey::from_secret(bytes),
            decoding: DecodingKey::from_secret(bytes),
            validation,
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
        }
    }

    /// Verifies a bearer token and turns it into a principal.
    pub fn verify(&self, token: &str) -> Result<Principal, AppError> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|e| {
                // The reason is safe to log (no token contents); the client gets a fixed message.
                tracing::info!(reason = %e, "rejected access token");
                AppError::Unauthenticated("invalid or expired access token".into())
            })?;
        Principal::from_claims(data.claims)
    }

    /// Signs a token for the given claims (development tokens and tests).
    pub fn sign(&self, claims: &Claims) -> anyhow::Result<String> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
            .context("signing token")
    }

    /// The configured issuer.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The configured audience.
    pub fn audience(&self) -> &str {
        &self.audience
    }
}

/// Where the generated development secret lives for a database URL: beside the SQLite file,
/// or in the working directory for other databases.
pub(crate) fn dev_secret_path(database_url: &str) -> PathBuf {
    if let Some(rest) = database_url.strip_prefix("sqlite:") {
        let file = rest
            .trim_start_matches("//")
            .split('?')
            .next()
            .unwrap_or("cusnet.db");
        if !file.is_empty() && file != ":memory:" {
            return PathBuf::from(format!("{file}.jwt-secret"));
        }
    }
    PathBuf::from("cusnet.jwt-secret")
}

/// Reads the development secret kept beside the database, creating a random one first if
/// there is none. Never a built-in constant.
pub fn load_or_create_dev_secret(database_url: &str) -> anyhow::Result<(SecretString, PathBuf)> {
    let path = dev_secret_path(database_url);
    if let Some(secret) = read_secret(&path)? {
        return Ok((secret, path));
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    write_private(&path, &secret)
        .with_context(|| format!("writing development secret {}", path.display()))?;
    Ok((SecretString::from(secret), path))
}

fn read_secret(path: &Path) -> anyhow::Result<Option<SecretString>> {
    match std::fs::read_to_string(path) {
        Ok(s) if !s.trim().is_empty() => Ok(Some(SecretString::from(s.trim().to_owned()))),
        Ok(_) => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(contents.as_bytes())
}
