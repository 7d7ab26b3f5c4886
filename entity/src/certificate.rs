//! Diplomas and certificates of completion handed to training participants (personal data).
//! The verification code printed on a certificate is stored only as a hash.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{CertificateKind, Visibility};

/// A row of `certificate`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "certificate")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The enrollment the certificate proves.
    pub enrollment_id: i64,
    /// Diploma or certificate of completion.
    pub kind: CertificateKind,
    /// Number, unique per issuer.
    pub number: String,
    /// Day of issue.
    pub issued_on: Date,
    /// Issuing organisation.
    pub issuer_id: i64,
    /// The holder's name as printed (pseudonymised on erasure).
    pub holder_name: String,
    /// SHA-256 (hex) of the verification code; the code itself is never stored.
    #[serde(skip_serializing)]
    pub code_hash: String,
    /// Whether the certificate was revoked.
    pub revoked: bool,
    /// Why it was revoked.
    pub revoked_reason: Option<String>,
    /// Region whose ROPS organises the training.
    pub owner_region_id: i64,
    /// Always `REGION`: certificates follow their own reading rule (see the access layer).
    pub visibility: Visibility,
    /// Optimistic-concurrency version, bumped on every update.
    #[sea_orm(default_value = 1)]
    pub version: i32,
    /// When the record was created.
    pub created_at: DateTimeUtc,
    /// When the record was last changed.
    pub updated_at: DateTimeUtc,
    /// Soft-delete mark; set when the record was deleted.
    pub deleted_at: Option<DateTimeUtc>,
    /// Folded search text (the number).
    #[sea_orm(column_type = "Text", default_value = "")]
    pub search_text: String,
}

/// Relations of `certificate`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The enrollment.
    #[sea_orm(
        belongs_to = "super::training_enrollment::Entity",
        from = "Column::EnrollmentId",
        to = "super::training_enrollment::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_certificate_enrollment_id"
    )]
    Enrollment,
}

impl ActiveModelBehavior for ActiveModel {}
