//! Region-owned network records: organisations, centres, projects, people, experts,
//! contacts, events, trainings, study visits, good practices and documents, with the
//! join tables between them. Training enrollments and certificates come in a later
//! migration (they reference `training` and `person`).

use crate::columns::*;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

/// A join table with a composite primary key of two foreign keys that cascade.
fn join_table(
    name: &'static str,
    a: (&'static str, &'static str),
    b: (&'static str, &'static str),
) -> TableCreateStatement {
    Table::create()
        .table(name)
        .if_not_exists()
        .col(big_integer(a.0))
        .col(big_integer(b.0))
        .primary_key(Index::create().col(a.0).col(b.0))
        .foreign_key(&mut fk_cascade(name, a.0, a.1))
        .foreign_key(&mut fk_cascade(name, b.0, b.1))
        .to_owned()
}

async fn create_region_owned(
    manager: &SchemaManager<'_>,
    name: &'static str,
    table: TableCreateStatement,
) -> Result<(), DbErr> {
    manager.create_table(region_owned(table, name)).await?;
    for idx in region_owned_indexes(name) {
        manager.create_index(idx).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_region_owned(
            manager,
            "organisation",
            table_with_id("organisation")
                .col(string("name"))
                .col(string_null("short_name"))
                .col(json("aliases"))
                .col(string_len("kind", 32))
                .col(big_integer_null("municipality_id"))
                .col(big_integer_null("parent_id"))
                .col(string_null("website"))
                .foreign_key(&mut fk("organisation", "municipality_id", "municipality"))
                .foreign_key(&mut fk("organisation", "parent_id", "organisation"))
                .to_owned(),
        )
        .await?;
        manager
            .create_index(index("organisation", &["name", "id"]))
            .await?;
        manager
            .create_table(
                table_with_id("regional_office")
                    .col(big_integer("region_id").unique_key())
                    .col(big_integer("organisation_id").unique_key())
                    .col(string_len("legal_form", 32))
                    .foreign_key(&mut fk("regional_office", "region_id", "region"))
                    .foreign_key(&mut fk(
                        "regional_office",
                        "organisation_id",
                        "organisation",
                    ))
                    .to_owned(),
            )
            .await?;
        create_region_owned(
            manager,
            "centre",
            table_with_id("centre")
                .col(string("name"))
                .col(string_len("status", 16))
                .col(string_len_null("creation_mode", 32))
                .col(date_null("operating_since"))
                .col(string_null("predecessor_name"))
                .col(string_null("resolution_number"))
                .col(date_null("resolution_adopted_on"))
                .col(string_null("resolution_body"))
                .col(string_null("address"))
                .col(string_null("website"))
                .col(text_null("description"))
                .col(big_integer("primary_municipality_id"))
                .foreign_key(&mut fk("centre", "primary_municipality_id", "municipality"))
                .to_owned(),
        )
        .await?;
        manager
            .create_index(index("centre", &["name", "id"]))
            .await?;
        manager
            .create_table(
                join_table(
                    "centre_municipality",
                    ("centre_id", "centre"),
                    ("municipality_id", "municipality"),
                )
                .col(boolean("is_primary").default(false))
                .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("centre_service_category")
                    .if_not_exists()
                    .col(big_integer("centre_id"))
                    .col(string_len("category", 48))
                    .primary_key(Index::create().col("centre_id").col("category"))
                    .foreign_key(&mut fk_cascade(
                        "centre_service_category",
                        "centre_id",
                        "centre",
                    ))
                    .to_owned(),
            )
            .await?;
        create_region_owned(
            manager,
            "project",
            table_with_id("project")
                .col(string("title"))
                .col(string_null("short_title"))
                .col(big_integer("programme_id"))
                .col(big_integer_null("action_id"))
                .col(string_len("status", 16))
                .col(string_len_null("selection_mode", 16))
                .col(string_null("agreement_number"))
                .col(date_null("agreement_signed_on"))
                .col(date_null("start_date"))
                .col(date_null("end_date"))
                .col(big_integer_null("total_value_grosze"))
                .col(boolean("total_value_approximate").default(false))
                .col(big_integer_null("grant_requested_grosze"))
                .col(boolean("grant_requested_approximate").default(false))
                .col(big_integer_null("grant_awarded_grosze"))
                .col(boolean("grant_awarded_approximate").default(false))
                .col(string_null("website"))
                .col(text_null("description"))
                .foreign_key(&mut fk("project", "programme_id", "funding_programme"))
                .foreign_key(&mut fk("project", "action_id", "funding_action"))
                .to_owned(),
        )
        .await?;
        manager
            .create_table(
                join_table(
                    "project_participant",
                    ("project_id", "project"),
                    ("organisation_id", "organisation"),
                )
                .col(string_len("role", 24))
                .to_owned(),
            )
            .await?;
        manager
            .create_table(join_table(
                "centre_project",
                ("centre_id", "centre"),
                ("project_id", "project"),
            ))
            .await?;
        manager
            .create_index(index("centre_project", &["project_id"]))
            .await?;
        create_region_owned(
            manager,
            "person",
            table_with_id("person")
                .col(string("given_name"))
                .col(string("family_name"))
                .col(string_null("honorific"))
                .col(string_null("email"))
                .col(string_null("phone"))
                .to_owned(),
        )
        .await?;
        manager
            .create_table(
                table_with_id("position")
                    .col(big_integer("person_id"))
                    .col(big_integer("organisation_id"))
                    .col(string_len("role_type", 32))
                    .col(string("title"))
                    .col(string_null("unit_name"))
                    .col(date_null("valid_from"))
                    .col(date_null("valid_to"))
                    .col(date_null("as_of"))
                    .foreign_key(&mut fk_cascade("position", "person_id", "person"))
                    .foreign_key(&mut fk("position", "organisation_id", "organisation"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("position", &["person_id"]))
            .await?;
        create_region_owned(
            manager,
            "expert",
            table_with_id("expert")
                .col(big_integer("person_id"))
                .col(big_integer_null("organisation_id"))
                .col(big_integer_null("centre_id"))
                .col(text_null("summary"))
                .col(json("specialisations"))
                .foreign_key(&mut fk("expert", "person_id", "person"))
                .foreign_key(&mut fk("expert", "organisation_id", "organisation"))
                .foreign_key(&mut fk("expert", "centre_id", "centre"))
                .to_owned(),
        )
        .await?;
        manager
            .create_index(index("expert", &["person_id"]))
            .await?;
        manager
            .create_index(index("expert", &["centre_id"]))
            .await?;
        create_region_owned(
            manager,
            "contact_person",
            table_with_id("contact_person")
                .col(big_integer("person_id"))
                .col(big_integer_null("organisation_id"))
                .col(big_integer_null("centre_id"))
                .col(string_null("role_title"))
                .foreign_key(&mut fk("contact_person", "person_id", "person"))
                .foreign_key(&mut fk("contact_person", "organisation_id", "organisation"))
                .foreign_key(&mut fk("contact_person", "centre_id", "centre"))
                .to_owned(),
        )
        .await?;
        create_region_owned(
            manager,
            "event",
            table_with_id("event")
                .col(string("title"))
                .col(string_len("kind", 32))
                .col(string_len("format", 16))
                .col(string_len_null("date_text", 10))
                .col(date_null("start_date"))
                .col(date_null("end_date"))
                .col(string_null("venue_name"))
                .col(big_integer_null("venue_municipality_id"))
                .col(big_integer_null("project_id"))
                .col(text_null("description"))
                .col(json("audience"))
                .col(json("goals"))
                .col(json("topics"))
                .foreign_key(&mut fk("event", "venue_municipality_id", "municipality"))
                .foreign_key(&mut fk("event", "project_id", "project"))
                .to_owned(),
        )
        .await?;
        manager
            .create_table(join_table(
                "event_organiser",
                ("event_id", "event"),
                ("organisation_id", "organisation"),
            ))
            .await?;
        manager
            .create_table(
                table_with_id("event_participation")
                    .col(big_integer("event_id"))
                    .col(big_integer("person_id"))
                    .col(string_len("role", 16))
                    .col(string_null("title_at_event"))
                    .foreign_key(&mut fk_cascade("event_participation", "event_id", "event"))
                    .foreign_key(&mut fk("event_participation", "person_id", "person"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("event_participation", &["event_id"]))
            .await?;
        create_region_owned(
            manager,
            "training",
            table_with_id("training")
                .col(string("title"))
                .col(string_len("kind", 40))
                .col(big_integer("organiser_id"))
                .col(big_integer_null("project_id"))
                .col(date_null("start_date"))
                .col(date_null("end_date"))
                .col(string_len_null("format", 16))
                .col(json("methods"))
                .col(json("curriculum"))
                .col(json("audience"))
                .col(integer_null("completed_count"))
                .col(text_null("description"))
                .foreign_key(&mut fk("training", "organiser_id", "organisation"))
                .foreign_key(&mut fk("training", "project_id", "project"))
                .to_owned(),
        )
        .await?;
        manager
            .create_table(
                join_table(
                    "training_partner",
                    ("training_id", "training"),
                    ("organisation_id", "organisation"),
                )
                .col(date_null("valid_from"))
                .col(date_null("valid_to"))
                .to_owned(),
            )
            .await?;
        create_region_owned(
            manager,
            "study_visit",
            table_with_id("study_visit")
                .col(big_integer("host_centre_id"))
                .col(date("visit_date"))
                .col(big_integer_null("project_id"))
                .col(big_integer_null("training_id"))
                .col(string("group_description"))
                .col(integer_null("headcount"))
                .col(json("agenda"))
                .foreign_key(&mut fk("study_visit", "host_centre_id", "centre"))
                .foreign_key(&mut fk("study_visit", "project_id", "project"))
                .foreign_key(&mut fk("study_visit", "training_id", "training"))
                .to_owned(),
        )
        .await?;
        manager
            .create_table(join_table(
                "study_visit_organiser",
                ("study_visit_id", "study_visit"),
                ("organisation_id", "organisation"),
            ))
            .await?;
        create_region_owned(
            manager,
            "good_practice",
            table_with_id("good_practice")
                .col(string("title"))
                .col(text("summary"))
                .col(big_integer_null("centre_id"))
                .col(string_len("status", 16))
                .col(big_integer_null("contact_id"))
                .col(json("categories"))
                .col(json("topics"))
                .foreign_key(&mut fk("good_practice", "centre_id", "centre"))
                .foreign_key(&mut fk("good_practice", "contact_id", "contact_person"))
                .to_owned(),
        )
        .await?;
        manager
            .create_index(index("good_practice", &["centre_id"]))
            .await?;
        manager
            .create_table(join_table(
                "event_good_practice",
                ("event_id", "event"),
                ("good_practice_id", "good_practice"),
            ))
            .await?;
        create_region_owned(
            manager,
            "document",
            table_with_id("document")
                .col(string("title"))
                .col(string_len("kind", 16))
                .col(big_integer_null("publisher_id"))
                .col(json("authors"))
                .col(string_null("series_name"))
                .col(integer_null("series_number"))
                .col(integer_null("published_year"))
                .col(string_len("language", 8))
                .col(string_null("url"))
                .col(string_null("licence"))
                .col(big_integer_null("project_id"))
                .col(text_null("description"))
                .foreign_key(&mut fk("document", "publisher_id", "organisation"))
                .foreign_key(&mut fk("document", "project_id", "project"))
                .to_owned(),
        )
        .await?;
        manager
            .create_table(join_table(
                "good_practice_document",
                ("good_practice_id", "good_practice"),
                ("document_id", "document"),
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "good_practice_document",
            "document",
            "event_good_practice",
            "good_practice",
            "study_visit_organiser",
            "study_visit",
            "training_partner",
            "training",
            "event_participation",
            "event_organiser",
            "event",
            "contact_person",
            "expert",
            "position",
            "person",
            "centre_project",
            "project_participant",
            "project",
            "centre_service_category",
            "centre_municipality",
            "centre",
            "regional_office",
            "organisation",
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
