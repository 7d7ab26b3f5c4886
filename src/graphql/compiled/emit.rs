//! Writing the response of a compiled read straight into JSON bytes, in the order of the
//! query. Scalars and enums go through the engine's own `to_value`, so they read exactly as
//! the engine writes them; personal data written is noted in the access log as the
//! resolvers note it.

use super::fetch::{CentreRows, ConnectionRows, ExpertRows};
use super::plan::*;
use crate::graphql::enums;
use crate::graphql::ids::{Kind, encode};
use crate::graphql::scalars::Date;
use crate::service::access_log::AccessCollector;
use crate::service::page::Page;
use async_graphql::{InputType, ScalarType, Value};
use entity::{centre, expert, municipality, person, project, region};
use std::io::Write;

/// What writing needs besides the rows: where personal data read is noted, and the
/// caller's scope (contact data is written only for the owner region).
pub(crate) struct Cx<'a> {
    pub log: &'a AccessCollector,
    pub scope: &'a crate::access::Scope,
}

/// The response being written.
pub(crate) struct Out {
    pub buf: Vec<u8>,
}

impl Out {
    /// An empty response with room for `capacity` bytes.
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Self {
            buf: Vec::with_capacity(capacity),
        }
    }

    pub(super) fn raw(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// Writes `"key":`, preceded by a comma unless it is the first key of its object.
    fn key(&mut self, first: &mut bool, key: &str) {
        if !std::mem::take(first) {
            self.buf.push(b',');
        }
        self.buf.push(b'"');
        // Response keys are GraphQL names: letters, digits and `_`, nothing to escape.
        self.raw(key);
        self.raw("\":");
    }

    pub(super) fn str(&mut self, s: &str) {
        // Writing into a Vec does not fail.
        let _ = serde_json::to_writer(&mut self.buf, s);
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    fn int(&mut self, n: i64) {
        let _ = write!(self.buf, "{n}");
    }

    fn bool(&mut self, b: bool) {
        self.raw(if b { "true" } else { "false" });
    }

    fn value(&mut self, v: Value) {
        let _ = serde_json::to_writer(&mut self.buf, &v);
    }

    fn opt_value(&mut self, v: Option<Value>) {
        match v {
            Some(v) => self.value(v),
            None => self.raw("null"),
        }
    }

    fn id(&mut self, kind: Kind, id: i64) {
        self.str(encode(kind, id).as_str());
    }

    fn time(&mut self, t: &chrono::DateTime<chrono::Utc>) {
        self.value(ScalarType::to_value(t));
    }

    fn date(&mut self, d: Option<chrono::NaiveDate>) {
        self.opt_value(d.map(|d| ScalarType::to_value(&Date(d))));
    }

    /// Writes a JSON object with one entry per selected field.
    fn object<F>(&mut self, sel: &Sel<F>, mut each: impl FnMut(&mut Self, usize, &F)) {
        self.buf.push(b'{');
        let mut first = true;
        for (i, (key, f)) in sel.fields.iter().enumerate() {
            self.key(&mut first, key);
            each(self, i, f);
        }
        self.buf.push(b'}');
    }

    /// Writes a JSON array.
    fn list<T>(&mut self, items: impl IntoIterator<Item = T>, mut each: impl FnMut(&mut Self, T)) {
        self.buf.push(b'[');
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.buf.push(b',');
            }
            each(self, item);
        }
        self.buf.push(b']');
    }
}

/// Writes a connection: `node` writes one node with the nested rows of its selection.
pub(crate) fn connection<M, F, N>(
    out: &mut Out,
    conn: &Connection<F>,
    type_name: &str,
    page: &Page<M>,
    total: i64,
    rows: &[ConnectionRows<N>],
    node: &impl Fn(&mut Out, &Sel<F>, &M, &[N]),
) {
    out.object(&conn.sel, |out, i, f| match f {
        ConnectionF::Typename => out.str(&format!("{type_name}Connection")),
        ConnectionF::TotalCount => out.int(total),
        ConnectionF::Nodes(sel) => {
            let nested = match rows.get(i) {
                Some(ConnectionRows::Nodes(n)) => n.as_slice(),
                _ => &[],
            };
            out.list(&page.items, |out, (_, m)| node(out, sel, m, nested));
        }
        ConnectionF::Edges(edge) => {
            out.list(&page.items, |out, (cursor, m)| {
                out.object(edge, |out, j, f| match f {
                    EdgeF::Typename => out.str(&format!("{type_name}Edge")),
                    EdgeF::Cursor => out.str(cursor),
                    EdgeF::Node(sel) => {
                        let nested = match rows.get(i) {
                            Some(ConnectionRows::Edges(e)) => e[j].as_deref().unwrap_or(&[]),
                            _ => &[],
                        };
                        node(out, sel, m, nested);
                    }
                });
            });
        }
        ConnectionF::PageInfo(sel) => out.object(sel, |out, _, f| match f {
            PageInfoF::Typename => out.str("PageInfo"),
            PageInfoF::HasNextPage => out.bool(page.has_next_page),
            PageInfoF::HasPreviousPage => out.bool(page.has_previous_page),
            PageInfoF::StartCursor => out.opt_str(page.items.first().map(|i| i.0.as_str())),
            PageInfoF::EndCursor => out.opt_str(page.items.last().map(|i| i.0.as_str())),
        }),
    });
}

/// Writes one centre; `rows` holds what its nested fields loaded.
pub(crate) fn centre(
    out: &mut Out,
    sel: &Sel<CentreF>,
    c: &centre::Model,
    rows: &[CentreRows],
    cx: &Cx<'_>,
) {
    out.object(sel, |out, i, f| match f {
        CentreF::Typename => out.str("Centre"),
        CentreF::Id => out.id(Kind::Centre, c.id),
        CentreF::Name => out.str(&c.name),
        CentreF::Status => out.value(enums::CentreStatus::from(c.status).to_value()),
        CentreF::CreationMode => out.opt_value(
            c.creation_mode
                .map(|m| enums::CreationMode::from(m).to_value()),
        ),
        CentreF::OperatingSince => out.date(c.operating_since),
        CentreF::PredecessorName => out.opt_str(c.predecessor_name.as_deref()),
        CentreF::Address => out.opt_str(c.address.as_deref()),
        CentreF::Website => out.opt_str(c.website.as_deref()),
        CentreF::Description => out.opt_str(c.description.as_deref()),
        CentreF::Visibility => out.value(enums::Visibility::from(c.visibility).to_value()),
        CentreF::Version => out.int(c.version.into()),
        CentreF::CreatedAt => out.time(&c.created_at),
        CentreF::UpdatedAt => out.time(&c.updated_at),
        CentreF::PrimaryMunicipality(sel) => match (&rows[i], c.primary_municipality_id) {
            (CentreRows::Municipalities(found), id) => match found.get(&id) {
                Some(m) => municipality_obj(out, sel, m),
                None => out.raw("null"),
            },
            _ => out.raw("null"),
        },
        CentreF::OwnerRegion(sel) => match &rows[i] {
            CentreRows::Regions(found) => match found.get(&c.owner_region_id) {
                Some(r) => region_obj(out, sel, r),
                None => out.raw("null"),
            },
            _ => out.raw("null"),
        },
        CentreF::Projects(sel) => match &rows[i] {
            CentreRows::Projects(projects) => {
                let ids = projects
                    .by_centre
                    .get(&c.id)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                out.list(
                    ids.iter().filter_map(|id| projects.found.get(id)),
                    |out, p| project_obj(out, sel, p),
                );
            }
            _ => out.raw("[]"),
        },
        CentreF::Experts(sel) => match &rows[i] {
            CentreRows::Experts(by_centre, nested) => {
                let list = by_centre.get(&c.id).map(Vec::as_slice).unwrap_or(&[]);
                out.list(list, |out, e| expert_obj(out, sel, e, nested, cx));
            }
            _ => out.raw("[]"),
        },
    });
}

fn municipality_obj(out: &mut Out, sel: &Sel<MunicipalityF>, m: &municipality::Model) {
    out.object(sel, |out, _, f| match f {
        MunicipalityF::Typename => out.str("Municipality"),
        MunicipalityF::Id => out.id(Kind::Municipality, m.id),
        MunicipalityF::TerytCode => out.str(&m.teryt_code),
        MunicipalityF::TerytValidFrom => out.date(Some(m.teryt_valid_from)),
        MunicipalityF::TerytValidTo => out.date(m.teryt_valid_to),
        MunicipalityF::Name => out.str(&m.name),
        MunicipalityF::Kind => out.value(enums::MunicipalityKind::from(m.kind).to_value()),
    });
}

/// Writes one region.
pub(crate) fn region_obj(out: &mut Out, sel: &Sel<RegionF>, r: &region::Model) {
    out.object(sel, |out, _, f| match f {
        RegionF::Typename => out.str("Region"),
        RegionF::Id => out.id(Kind::Region, r.id),
        RegionF::TerytCode => out.str(&r.teryt_code),
        RegionF::IsoCode => out.str(&r.iso_code),
        RegionF::Name => out.str(&r.name),
        RegionF::NameEn => out.str(&r.name_en),
        RegionF::IsNetworkMember => out.bool(r.is_network_member),
    });
}

fn project_obj(out: &mut Out, sel: &Sel<ProjectF>, p: &project::Model) {
    out.object(sel, |out, _, f| match f {
        ProjectF::Typename => out.str("Project"),
        ProjectF::Id => out.id(Kind::Project, p.id),
        ProjectF::Title => out.str(&p.title),
        ProjectF::ShortTitle => out.opt_str(p.short_title.as_deref()),
        ProjectF::Status => out.value(enums::ProjectStatus::from(p.status).to_value()),
        ProjectF::SelectionMode => out.opt_value(
            p.selection_mode
                .map(|m| enums::SelectionMode::from(m).to_value()),
        ),
        ProjectF::StartDate => out.date(p.start_date),
        ProjectF::EndDate => out.date(p.end_date),
        ProjectF::Website => out.opt_str(p.website.as_deref()),
        ProjectF::Description => out.opt_str(p.description.as_deref()),
        ProjectF::Visibility => out.value(enums::Visibility::from(p.visibility).to_value()),
        ProjectF::Version => out.int(p.version.into()),
        ProjectF::CreatedAt => out.time(&p.created_at),
        ProjectF::UpdatedAt => out.time(&p.updated_at),
    });
}

fn expert_obj(
    out: &mut Out,
    sel: &Sel<ExpertF>,
    e: &expert::Model,
    rows: &[ExpertRows],
    cx: &Cx<'_>,
) {
    out.object(sel, |out, i, f| match f {
        ExpertF::Typename => out.str("Expert"),
        ExpertF::Id => out.id(Kind::Expert, e.id),
        ExpertF::Summary => out.opt_str(e.summary.as_deref()),
        ExpertF::Specialisations => out.list(
            e.specialisations
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(serde_json::Value::as_str),
            |out, s| out.str(s),
        ),
        ExpertF::Visibility => out.value(enums::Visibility::from(e.visibility).to_value()),
        ExpertF::Version => out.int(e.version.into()),
        ExpertF::UpdatedAt => out.time(&e.updated_at),
        ExpertF::Person(sel) => match &rows[i] {
            ExpertRows::Persons(found) => match found.get(&e.person_id) {
                Some(p) => person_obj(out, sel, p, cx),
                None => out.raw("null"),
            },
            ExpertRows::Leaf => out.raw("null"),
        },
    });
}

fn person_obj(out: &mut Out, sel: &Sel<PersonF>, p: &person::Model, cx: &Cx<'_>) {
    let owns = || cx.scope.owns(p.owner_region_id);
    out.object(sel, |out, _, f| match f {
        PersonF::Typename => out.str("Person"),
        PersonF::Id => out.id(Kind::Person, p.id),
        PersonF::GivenName => {
            cx.log.note_owned(p.id, p.owner_region_id);
            out.str(&p.given_name);
        }
        PersonF::FamilyName => {
            cx.log.note_owned(p.id, p.owner_region_id);
            out.str(&p.family_name);
        }
        PersonF::Honorific => out.opt_str(p.honorific.as_deref()),
        PersonF::DisplayName => {
            cx.log.note_owned(p.id, p.owner_region_id);
            match &p.honorific {
                Some(h) => out.str(&format!("{h} {} {}", p.given_name, p.family_name)),
                None => out.str(&format!("{} {}", p.given_name, p.family_name)),
            }
        }
        PersonF::Email | PersonF::Phone if !owns() => out.raw("null"),
        PersonF::Email => {
            cx.log.note_owned(p.id, p.owner_region_id);
            out.opt_str(p.email.as_deref());
        }
        PersonF::Phone => {
            cx.log.note_owned(p.id, p.owner_region_id);
            out.opt_str(p.phone.as_deref());
        }
        PersonF::Visibility => out.value(enums::Visibility::from(p.visibility).to_value()),
        PersonF::Version => out.int(p.version.into()),
        PersonF::UpdatedAt => out.time(&p.updated_at),
    });
}
