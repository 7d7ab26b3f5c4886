//! The participants of the 2025 community-organisation training in Świętokrzyskie („Szkolenie
//! z zakresu organizacji społeczności lokalnej”, ROPS Kielce, diplomas handed out on
//! 2025-04-22): 22 completed enrollments and 22 diplomas. The seed facts give only the number;
//! every name here is synthetic („Uczestnik Szkolenia 01” …), and so is the partner
//! university („Uczelnia Partnerska Demo (rekord syntetyczny)”), whose open-ended partnership
//! lets a university token read the 22 participants.
//!
//! The trainees are persons of region 26 with visibility REGION and synthetic contact data.
//! The demo verification code of diploma `OSL/2025/NN` is `DEMO-2025-00NN` (demo data only;
//! real codes are random and shown once).

use super::{Seed, date, insert, insert_many, strings};
use crate::text::fold_all;
use entity::enums::{CertificateKind, EnrollmentStatus, OrganisationKind as Kind, Visibility};
use entity::{certificate, organisation, person, training_enrollment, training_partner};
use sea_orm::{ActiveValue::NotSet, Set};

/// Participants and diplomas of the 2025 training.
const PARTICIPANTS: i64 = 22;

/// The demo verification code of the `n`-th diploma.
pub(crate) fn demo_code(n: i64) -> String {
    format!("DEMO-2025-{n:04}")
}

pub(super) async fn load(seed: &mut Seed<'_>) -> anyhow::Result<()> {
    let (txn, now) = (seed.txn, seed.now);
    let name = "Uczelnia Partnerska Demo (rekord syntetyczny)";
    let university = insert(
        txn,
        organisation::ActiveModel {
            id: NotSet,
            name: Set(name.to_owned()),
            short_name: Set(Some("Uczelnia Partnerska Demo".to_owned())),
            aliases: Set(strings(&[])),
            kind: Set(Kind::University),
            municipality_id: Set(None),
            parent_id: Set(None),
            website: Set(None),
            owner_region_id: Set(26),
            visibility: Set(Visibility::Network),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            deleted_at: Set(None),
            search_text: Set(fold_all([name, "Uczelnia Partnerska Demo"])),
        },
    )
    .await?;
    seed.put("org:uczelnia-partnerska-demo", university, name)?;
    let training = seed.id("training:osl-swietokrzyskie-2025")?;
    let issuer = seed.id("org:rops-kielce")?;
    insert_many(
        txn,
        vec![training_partner::ActiveModel {
            training_id: Set(training),
            organisation_id: Set(university),
            valid_from: Set(Some(date("2025-01-01")?)),
            valid_to: Set(None),
        }],
    )
    .await?;
    let day = date("2025-04-22")?;
    for n in 1..=PARTICIPANTS {
        let (given, family) = ("Uczestnik".to_owned(), format!("Szkolenia {n:02}"));
        let full = format!("{given} {family}");
        let person_id = insert(
            txn,
            person::ActiveModel {
                id: NotSet,
                given_name: Set(given.clone()),
                family_name: Set(family.clone()),
                honorific: Set(None),
                email: Set(Some(format!("uczestnik.{n:02}@example.invalid"))),
                phone: Set(Some(format!("+48 000 000 1{n:02}"))),
                owner_region_id: Set(26),
                visibility: Set(Visibility::Region),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
                search_text: Set(fold_all([given.as_str(), family.as_str()])),
            },
        )
        .await?;
        let enrollment = insert(
            txn,
            training_enrollment::ActiveModel {
                id: NotSet,
                training_id: Set(training),
                person_id: Set(person_id),
                employer_id: Set(None),
                status: Set(EnrollmentStatus::Completed),
                completed_on: Set(Some(day)),
                hours: Set(None),
                participant_name: Set(full.clone()),
                anonymised_at: Set(None),
                owner_region_id: Set(26),
                visibility: Set(Visibility::Region),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
                search_text: Set(String::new()),
            },
        )
        .await?;
        let number = format!("OSL/2025/{n:02}");
        insert(
            txn,
            certificate::ActiveModel {
                id: NotSet,
                enrollment_id: Set(enrollment),
                kind: Set(CertificateKind::Diploma),
                number: Set(number.clone()),
                issued_on: Set(day),
                issuer_id: Set(issuer),
                holder_name: Set(full),
                code_hash: Set(crate::service::training_records::code_hash(&demo_code(n))),
                revoked: Set(false),
                revoked_reason: Set(None),
                owner_region_id: Set(26),
                visibility: Set(Visibility::Region),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
                search_text: Set(crate::text::fold(&number)),
            },
        )
        .await?;
    }
    Ok(())
}
