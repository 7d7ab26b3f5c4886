//! Public keys of an identity provider (RS256/ES256), loaded from a JWKS file or URL.
//!
//! A token's key is chosen by its `kid`, only from the loaded set, and only when the key type
//! matches the token's algorithm (an RSA key verifies RS256 only, a P-256 key ES256 only).
//! Symmetric (`oct`) keys in a JWKS are ignored: HS256 is verified with the configured shared
//! secret alone. The set is reloaded when it is older than the refresh interval, and a token
//! with an unknown `kid` causes at most one reload per minimum gap — never one per request.

use anyhow::Context;
use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Largest JWKS document read, in bytes.
const MAX_JWKS_BYTES: usize = 1024 * 1024;
/// How long a JWKS URL may take to answer.
const FETCH_TIMEOUT: Duration = Duration::from_secs(5);

/// Where the key set comes from.
#[derive(Debug, Clone)]
pub enum JwksSource {
    /// A JWKS document on disk.
    File(PathBuf),
    /// A JWKS document served over HTTP(S).
    Url(String),
}

/// One usable public key.
#[derive(Clone)]
struct PublicKey {
    algorithm: Algorithm,
    key: DecodingKey,
}

/// The loaded key set and when it was last (re)loaded or tried.
struct Loaded {
    keys: Arc<HashMap<String, PublicKey>>,
    loaded_at: Instant,
    tried_at: Instant,
}

/// A JWKS kept current from its source.
pub struct Jwks {
    source: JwksSource,
    state: RwLock<Loaded>,
    reload_lock: tokio::sync::Mutex<()>,
    max_age: Duration,
    min_gap: Duration,
}

impl std::fmt::Debug for Jwks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jwks")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl Jwks {
    /// Loads the set once; fails when the source cannot be read or holds no usable key.
    pub async fn load(
        source: JwksSource,
        max_age: Duration,
        min_gap: Duration,
    ) -> anyhow::Result<Self> {
        let keys = fetch(&source).await?;
        if keys.is_empty() {
            anyhow::bail!("the JWKS holds no RS256 or ES256 key with a `kid`");
        }
        tracing::info!(keys = keys.len(), "loaded the JWKS");
        let now = Instant::now();
        Ok(Self {
            source,
            state: RwLock::new(Loaded {
                keys: Arc::new(keys),
                loaded_at: now,
                tried_at: now,
            }),
            reload_lock: tokio::sync::Mutex::new(()),
            max_age,
            min_gap,
        })
    }

    /// The verification key for a token's `kid` and algorithm, reloading the set when it is
    /// stale or (at most once per minimum gap) when the `kid` is unknown.
    pub(super) async fn key_for(&self, kid: &str, algorithm: Algorithm) -> Option<DecodingKey> {
        let (keys, loaded_at, tried_at) = self.snapshot();
        // After a failed reload a stale set is retried no sooner than the shorter interval.
        let stale = loaded_at.elapsed() >= self.max_age
            && tried_at.elapsed() >= self.max_age.min(self.min_gap);
        let unknown = !keys.contains_key(kid) && tried_at.elapsed() >= self.min_gap;
        let keys = if stale || unknown {
            self.reload(tried_at).await
        } else {
            keys
        };
        keys.get(kid)
            .filter(|k| k.algorithm == algorithm)
            .map(|k| k.key.clone())
    }

    fn snapshot(&self) -> (Arc<HashMap<String, PublicKey>>, Instant, Instant) {
        let guard = self.state.read().unwrap_or_else(|e| e.into_inner());
        (guard.keys.clone(), guard.loaded_at, guard.tried_at)
    }

    /// Reloads unless another request did so since `seen_try`; a failed reload keeps the
    /// keys already loaded.
    async fn reload(&self, seen_try: Instant) -> Arc<HashMap<String, PublicKey>> {
        let _one_at_a_time = self.reload_lock.lock().await;
        let (keys, _, tried_at) = self.snapshot();
        if tried_at != seen_try {
            return keys;
        }
        let result = fetch(&self.source).await;
        let mut guard = self.state.write().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        guard.tried_at = now;
        match result {
            Ok(fresh) => {
                tracing::info!(keys = fresh.len(), "reloaded the JWKS");
                guard.keys = Arc::new(fresh);
                guard.loaded_at = now;
            }
            Err(e) => tracing::warn!(
                error = format!("{e:#}"),
                "JWKS reload failed; keeping the keys loaded before"
            ),
        }
        guard.keys.clone()
    }
}

/// Reads and parses the set from its source.
async fn fetch(source: &JwksSource) -> anyhow::Result<HashMap<String, PublicKey>> {
    let body = match source {
        JwksSource::File(path) => tokio::fs::read(path)
            .await
            .with_context(|| format!("reading JWKS file {}", path.display()))?,
        JwksSource::Url(url) => fetch_url(url)
            .await
            .with_context(|| format!("fetching JWKS from {url}"))?,
    };
    if body.len() > MAX_JWKS_BYTES {
        anyhow::bail!("the JWKS is larger than {MAX_JWKS_BYTES} bytes");
    }
    parse(&body)
}

/// Fetches the document with `awc`. The client lives on a local task set of its own, so this
/// works on a worker thread and at start-up alike.
async fn fetch_url(url: &str) -> anyhow::Result<Vec<u8>> {
    let url = url.to_owned();
    tokio::task::LocalSet::new()
        .run_until(async move {
            let client = awc::Client::builder().timeout(FETCH_TIMEOUT).finish();
            let mut resp = client
                .get(url.as_str())
                .insert_header(("accept", "application/json"))
                .send()
                .await
                .map_err(|e| anyhow::anyhow!("request failed: {e}"))?;
            if !resp.status().is_success() {
                anyhow::bail!("the server answered {}", resp.status());
            }
            let body = resp
                .body()
                .limit(MAX_JWKS_BYTES)
                .await
                .map_err(|e| anyhow::anyhow!("reading the answer: {e}"))?;
            Ok(body.to_vec())
        })
        .await
}

/// Parses a JWKS document, keeping the signature keys cusnet accepts. Keys it cannot use
/// (encryption keys, `oct`, other curves, no `kid`) are skipped, so a provider's full set loads.
fn parse(body: &[u8]) -> anyhow::Result<HashMap<String, PublicKey>> {
    #[derive(serde::Deserialize)]
    struct RawSet {
        keys: Vec<serde_json::Value>,
    }
    let raw: RawSet = serde_json::from_slice(body).context("the JWKS is not a JSON key set")?;
    let mut keys = HashMap::new();
    for value in raw.keys {
        let Ok(jwk) = serde_json::from_value::<Jwk>(value) else {
            continue;
        };
        if let Some((kid, key)) = usable(&jwk) {
            keys.insert(kid, key);
        }
    }
    Ok(keys)
}

/// The key id and key of a JWK cusnet may verify signatures with.
fn usable(jwk: &Jwk) -> Option<(String, PublicKey)> {
    let kid = jwk.common.key_id.clone()?;
    if matches!(jwk.common.public_key_use, Some(ref u) if *u != PublicKeyUse::Signature) {
        return None;
    }
    let algorithm = match &jwk.algorithm {
        AlgorithmParameters::RSA(_) => Algorithm::RS256,
        AlgorithmParameters::EllipticCurve(p) if p.curve == EllipticCurve::P256 => Algorithm::ES256,
        _ => return None,
    };
    let declared_ok = match jwk.common.key_algorithm {
        None => true,
        Some(KeyAlgorithm::RS256) => algorithm == Algorithm::RS256,
        Some(KeyAlgorithm::ES256) => algorithm == Algorithm::ES256,
        Some(_) => false,
    };
    if !declared_ok {
        return None;
    }
    let key = DecodingKey::from_jwk(jwk).ok()?;
    Some((kid, PublicKey { algorithm, key }))
}

#[cfg(test)]
mod tests {
    use super::parse;
    use jsonwebtoken::Algorithm;

    #[test]
    fn only_signature_keys_of_accepted_types_are_kept() {
        let doc = serde_json::json!({ "keys": [
            { "kty": "oct", "kid": "shared", "k": "c2VjcmV0" },
            { "kty": "RSA", "kid": "enc", "use": "enc", "alg": "RSA-OAEP", "n": "sXch", "e": "AQAB" },
            { "kty": "RSA", "kid": "sig", "use": "sig", "alg": "RS256", "n": "sXch", "e": "AQAB" },
            { "kty": "RSA", "n": "sXch", "e": "AQAB" },
            { "kty": "RSA", "kid": "ps", "alg": "PS256", "n": "sXch", "e": "AQAB" },
            { "kty": "EC", "kid": "p384", "crv": "P-384", "x": "AA", "y": "AA" },
            { "weird": true }
        ]});
        let keys = parse(doc.to_string().as_bytes()).expect("parses");
        assert_eq!(keys.len(), 1, "only the RS256 signature key with a kid");
        assert_eq!(keys["sig"].algorithm, Algorithm::RS256);
    }

    #[test]
    fn a_document_that_is_not_a_key_set_is_refused() {
        assert!(parse(b"{\"nokeys\": []}").is_err());
        assert!(parse(b"not json").is_err());
    }
}
