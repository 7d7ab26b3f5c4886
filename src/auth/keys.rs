//! Verification keys and rules for access tokens, and signing of development tokens.
//!
//! Algorithm allow-list: HS256 only with the configured shared secret; RS256 and ES256 only
//! with keys of the matching type from the JWKS ([`super::jwks`]). `exp`, `iss`, `aud` and
//! `sub` are required, `nbf` is honoured, and the clock-skew leeway is at most 60 s.

use super::jwks::Jwks;
use super::{Claims, Principal};
use crate::error::AppError;
use anyhow::Context;
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The largest clock-skew leeway accepted, in seconds.
pub const MAX_LEEWAY_SECS: u64 = 60;
/// Leeway for clock skew when none is configured.
const DEFAULT_LEEWAY_SECS: u64 = 30;

/// The shared secret, for HS256.
#[derive(Clone)]
struct SharedSecret {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

/// Keys and validation rules for access tokens.
#[derive(Clone)]
pub struct TokenKeys {
    secret: Option<SharedSecret>,
    jwks: Option<Arc<Jwks>>,
    issuer: String,
    audience: String,
    leeway_secs: u64,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys")
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .field("jwks", &self.jwks)
            .finish_non_exhaustive()
    }
}

/// Why a token was refused, for the log only; the client always gets one fixed message.
fn rejected(reason: &dyn std::fmt::Display) -> AppError {
    tracing::info!(reason = %reason, "rejected access token");
    AppError::Unauthenticated("invalid or expired access token".into())
}

impl TokenKeys {
    /// Keys for HS256 with a shared secret only.
    pub fn hs256(secret: &SecretString, issuer: &str, audience: &str) -> Self {
        Self::new(Some(secret), None, issuer, audience, DEFAULT_LEEWAY_SECS)
    }

    /// Keys from a shared secret (HS256) and/or a JWKS (RS256/ES256). The leeway is capped
    /// at [`MAX_LEEWAY_SECS`].
    pub fn new(
        secret: Option<&SecretString>,
        jwks: Option<Jwks>,
        issuer: &str,
        audience: &str,
        leeway_secs: u64,
    ) -> Self {
        let secret = secret.map(|s| {
            let bytes = s.expose_secret().as_bytes();
            SharedSecret {
                encoding: EncodingKey::from_secret(bytes),
                decoding: DecodingKey::from_secret(bytes),
            }
        });
        Self {
            secret,
            jwks: jwks.map(Arc::new),
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
            leeway_secs: leeway_secs.min(MAX_LEEWAY_SECS),
        }
    }

    /// The rules every token is checked against, for one allowed algorithm.
    fn validation(&self, algorithm: Algorithm) -> Validation {
        let mut validation = Validation::new(algorithm);
        validation.algorithms = vec![algorithm];
        validation.leeway = self.leeway_secs;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.audience]);
        // Without this, jsonwebtoken checks iss/aud only when the token carries them.
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation
    }

    /// The key that may verify a token with this header, or why there is none.
    async fn key_for(&self, header: &Header) -> Result<DecodingKey, AppError> {
        match header.alg {
            Algorithm::HS256 => match &self.secret {
                Some(s) => Ok(s.decoding.clone()),
                None => Err(rejected(&"HS256 token but no shared secret is configured")),
            },
            Algorithm::RS256 | Algorithm::ES256 => {
                let jwks = self
                    .jwks
                    .as_ref()
                    .ok_or_else(|| rejected(&"asymmetric token but no JWKS is configured"))?;
                let kid = header
                    .kid
                    .as_deref()
                    .ok_or_else(|| rejected(&"token without `kid`"))?;
                jwks.key_for(kid, header.alg)
                    .await
                    .ok_or_else(|| rejected(&"no key of that `kid` and algorithm in the JWKS"))
            }
            other => Err(rejected(&format!("algorithm {other:?} is not allowed"))),
        }
    }

    /// Verifies a bearer token and turns it into a principal.
    pub async fn verify(&self, token: &str) -> Result<Principal, AppError> {
        let header = jsonwebtoken::decode_header(token).map_err(|e| rejected(&e))?;
        let key = self.key_for(&header).await?;
        let data = jsonwebtoken::decode::<Claims>(token, &key, &self.validation(header.alg))
            .map_err(|e| rejected(&e))?;
        Principal::from_claims(data.claims)
    }

    /// True when tokens can be signed here (a shared secret is configured).
    pub fn can_sign(&self) -> bool {
        self.secret.is_some()
    }

    /// Signs an HS256 token for the given claims (development tokens and tests).
    pub fn sign(&self, claims: &Claims) -> anyhow::Result<String> {
        let secret = self.secret.as_ref().context(
            "signing needs the shared secret (CUSNET_JWT_SECRET); tokens verified by JWKS are issued by the identity provider",
        )?;
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &secret.encoding)
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
