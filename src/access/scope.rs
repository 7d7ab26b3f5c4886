//! What a principal may see, independent of any particular table.

use crate::auth::{Principal, Role};
use entity::enums::Visibility;

/// The read scope of one caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// No token: PUBLIC records only.
    Public,
    /// An authenticated member without regions of its own (universities): PUBLIC and NETWORK
    /// records.
    Member {
        /// The caller's organisation, for university partnerships.
        organisation: Option<i64>,
    },
    /// A regional office: PUBLIC and NETWORK records, and every record its regions own.
    Regions(Vec<i64>),
    /// The network administrator: everything.
    All,
}

impl Scope {
    /// The scope a principal reads with.
    pub fn of(principal: &Principal) -> Self {
        match principal {
            Principal::Anonymous => Self::Public,
            Principal::Member {
                role,
                regions,
                organisation,
                ..
            } => match role {
                Role::NetworkAdmin => Self::All,
                Role::RegionAdmin | Role::RegionEditor | Role::RegionViewer => {
                    Self::Regions(regions.clone())
                }
                Role::University => Self::Member {
                    organisation: *organisation,
                },
            },
        }
    }

    /// True when the caller speaks for the region that owns a record: it may see the
    /// record's personal contact data and participant lists.
    pub fn owns(&self, owner_region_id: i64) -> bool {
        match self {
            Self::All => true,
            Self::Regions(r) => r.contains(&owner_region_id),
            Self::Public | Self::Member { .. } => false,
        }
    }

    /// The visibility rule for one record, given its owner region and effective visibility
    /// (the same rule [`super::ScopedDb::read_condition`] puts into SQL). Used where the facts
    /// come from a stored change rather than from the record's row.
    pub fn can_read(&self, owner_region_id: i64, visibility: Visibility) -> bool {
        match self {
            Self::All => true,
            Self::Public => visibility == Visibility::Public,
            Self::Member { .. } => visibility != Visibility::Region,
            Self::Regions(r) => visibility != Visibility::Region || r.contains(&owner_region_id),
        }
    }

    /// True for any authenticated caller.
    pub fn is_member(&self) -> bool {
        !matches!(self, Self::Public)
    }
}
