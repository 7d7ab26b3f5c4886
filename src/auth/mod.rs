//! Who is calling: token verification and the [`Principal`] built from it.
//!
//! Only this module reads tokens. The principal says who the caller is (role, regions,
//! organisation); what that caller may see is decided by [`crate::access`].

mod claims;
mod jwks;
mod keys;
pub mod principal;

pub use claims::{Claims, Role};
pub use jwks::{Jwks, JwksSource};
pub use keys::{MAX_LEEWAY_SECS, TokenKeys, load_or_create_dev_secret};
pub use principal::Principal;
