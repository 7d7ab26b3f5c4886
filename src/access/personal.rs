//! Who reads training enrollments and certificates — the most sensitive records of the
//! network (personal data of named trainees, GDPR/RODO):
//!
//! - the network administrator: all of them;
//! - a regional office: those of trainings its regions organise (other regions see counts
//!   only, through the statistics fields, never people);
//! - a university (`org` claim): those of trainings where it is a partner **today** — its
//!   partnership window includes the current date; its access ends with the window;
//! - anyone else: none.
//!
//! The visibility column of these records is ignored; this rule replaces it.

use super::{Readable, Scope};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Query, SelectStatement};

/// Ids of the trainings `organisation` is a current partner of (not deleted), as a sub-query.
pub fn partner_trainings(organisation: i64, today: chrono::NaiveDate) -> SelectStatement {
    use entity::training_partner::Column as P;
    Query::select()
        .column(P::TrainingId)
        .from(entity::training_partner::Entity)
        .cond_where(
            Condition::all()
                .add(Expr::col(P::OrganisationId).eq(organisation))
                .add(
                    Condition::any()
                        .add(Expr::col(P::ValidFrom).is_null())
                        .add(Expr::col(P::ValidFrom).lte(today)),
                )
                .add(
                    Condition::any()
                        .add(Expr::col(P::ValidTo).is_null())
                        .add(Expr::col(P::ValidTo).gte(today)),
                )
                .add(
                    Expr::col(P::TrainingId).in_subquery(
                        Query::select()
                            .column(entity::training::Column::Id)
                            .from(entity::training::Entity)
                            .and_where(Expr::col(entity::training::Column::DeletedAt).is_null())
                            .to_owned(),
                    ),
                ),
        )
        .to_owned()
}

fn nothing() -> Condition {
    Condition::all().add(Expr::val(1).eq(0))
}

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// The enrollment rule as a condition on `training_enrollment` (without the soft-delete mark).
fn enrollment_rule(scope: &Scope) -> Option<Condition> {
    use entity::training_enrollment::Column as C;
    match scope {
        Scope::All => None,
        Scope::Regions(r) => {
            Some(Condition::all().add(Expr::col(C::OwnerRegionId).is_in(r.iter().copied())))
        }
        Scope::Member {
            organisation: Some(org),
        } => Some(
            Condition::all()
                .add(Expr::col(C::TrainingId).in_subquery(partner_trainings(*org, today()))),
        ),
        Scope::Member { organisation: None } | Scope::Public => Some(nothing()),
    }
}

/// Ids of the enrollments the caller may read (not deleted), as a sub-query.
pub fn readable_enrollments(scope: &Scope) -> SelectStatement {
    use entity::training_enrollment::Column as C;
    let mut cond = Condition::all().add(Expr::col(C::DeletedAt).is_null());
    if let Some(rule) = enrollment_rule(scope) {
        cond = cond.add(rule);
    }
    Query::select()
        .column(C::Id)
        .from(entity::training_enrollment::Entity)
        .cond_where(cond)
        .to_owned()
}

impl Readable for entity::training_enrollment::Entity {
    fn own_rule(scope: &Scope) -> Option<Condition> {
        Some(enrollment_rule(scope).unwrap_or_else(Condition::all))
    }
}

impl Readable for entity::certificate::Entity {
    fn own_rule(scope: &Scope) -> Option<Condition> {
        use entity::certificate::Column as C;
        match scope {
            Scope::All => Some(Condition::all()),
            _ => Some(
                Condition::all()
                    .add(Expr::col(C::EnrollmentId).in_subquery(readable_enrollments(scope))),
            ),
        }
    }
}
