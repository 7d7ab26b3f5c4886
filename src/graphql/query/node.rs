//! `node(id:)` and `nodes(ids:)`: any record by global id, through the caller's scope.

use crate::error::AppError;
use crate::graphql::ids::{Kind, decode};
use crate::graphql::loaders::Loaders;
use crate::graphql::req;
use crate::graphql::types::*;
use async_graphql::{Context, ID, Object, Result};

/// Most ids `nodes` accepts at once.
const MAX_NODES: usize = 100;

#[derive(Default)]
pub(crate) struct NodeQuery;

pub(super) async fn load(loaders: &Loaders, kind: Kind, id: i64) -> Result<Option<Node>> {
    Ok(match kind {
        Kind::Region => loaders
            .region()
            .load_one(id)
            .await?
            .map(|m| Node::Region(Region(m))),
        Kind::County => loaders
            .county()
            .load_one(id)
            .await?
            .map(|m| Node::County(County(m))),
        Kind::Municipality => loaders
            .municipality()
            .load_one(id)
            .await?
            .map(|m| Node::Municipality(Municipality(m))),
        Kind::FundingProgramme => loaders
            .programme()
            .load_one(id)
            .await?
            .map(|m| Node::FundingProgramme(FundingProgramme(m))),
        Kind::FundingAction => loaders
            .action()
            .load_one(id)
            .await?
            .map(|m| Node::FundingAction(FundingAction(m))),
        Kind::Organisation => loaders
            .organisation()
            .load_one(id)
            .await?
            .map(|m| Node::Organisation(Organisation(m))),
        Kind::Centre => loaders
            .centre()
            .load_one(id)
            .await?
            .map(|m| Node::Centre(Centre(m))),
        Kind::Project => loaders
            .project()
            .load_one(id)
            .await?
            .map(|m| Node::Project(Project(m))),
        Kind::Person => loaders
            .person()
            .load_one(id)
            .await?
            .map(|m| Node::Person(Person(m))),
        Kind::Expert => loaders
            .expert()
            .load_one(id)
            .await?
            .map(|m| Node::Expert(Expert(m))),
        Kind::ContactPerson => loaders
            .contact_person()
            .load_one(id)
            .await?
            .map(|m| Node::ContactPerson(ContactPerson(m))),
        Kind::Event => loaders
            .event()
            .load_one(id)
            .await?
            .map(|m| Node::Event(Event(m))),
        Kind::StudyVisit => loaders
            .study_visit()
            .load_one(id)
            .await?
            .map(|m| Node::StudyVisit(StudyVisit(m))),
        Kind::Training => loaders
            .training()
            .load_one(id)
            .await?
            .map(|m| Node::Training(Training(m))),
        Kind::GoodPractice => loaders
            .good_practice()
            .load_one(id)
            .await?
            .map(|m| Node::GoodPractice(GoodPractice(m))),
        Kind::Document => loaders
            .document()
            .load_one(id)
            .await?
            .map(|m| Node::Document(Document(m))),
        Kind::TrainingEnrollment => loaders
            .enrollment()
            .load_one(id)
            .await?
            .map(|m| Node::TrainingEnrollment(TrainingEnrollment(m))),
        Kind::Certificate => loaders
            .certificate()
            .load_one(id)
            .await?
            .map(|m| Node::Certificate(Certificate(m))),
    })
}

#[Object]
impl NodeQuery {
    /// Any record by its global id. A record outside the caller's scope is reported exactly
    /// like a missing one: `NOT_FOUND`.
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the record.")] id: ID,
    ) -> Result<Node> {
        let c = req(ctx)?;
        let (kind, n) = decode("id", &id)?;
        load(c.loaders, kind, n)
            .await?
            .ok_or_else(|| AppError::NotFound { what: "record" }.into())
    }

    /// Several records by global id, in the order asked; null where a record is missing or
    /// outside the caller's scope. At most 100 ids.
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global ids, at most 100.")] ids: Vec<ID>,
    ) -> Result<Vec<Option<Node>>> {
        let c = req(ctx)?;
        if ids.len() > MAX_NODES {
            return Err(AppError::bad_input("ids", format!("at most {MAX_NODES} ids")).into());
        }
        let decoded = ids
            .iter()
            .map(|id| decode("ids", id))
            .collect::<Result<Vec<_>, _>>()?;
        let futures = decoded
            .into_iter()
            .map(|(kind, n)| load(c.loaders, kind, n));
        futures_util::future::try_join_all(futures).await
    }
}
