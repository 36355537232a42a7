//! The typed face of the store: records in, records out. Generic over
//! [`Record`], built on the object-safe [`Backend`], so both backends share
//! every line of it.

use crate::tables::Record;
use crate::value::{Reader, Row};
use crate::{Backend, Change, Op, Query, StoreError, StoreResult};
use chrono::{DateTime, SubsecRound, Utc};
use schooldesk_core::{new_id, Id, Stored};
use std::sync::Arc;

/// The store the app holds: one backend, chosen at start-up.
#[derive(Clone)]
pub struct Store {
    backend: Arc<dyn Backend>,
}

/// Turns a backend row into a stored record.
pub fn decode<R: Record>(row: Row) -> StoreResult<Stored<R>> {
    let mut reader = Reader::new(R::TABLE, &row.values);
    let data = R::read(&mut reader)?;
    Ok(Stored {
        meta: row.meta,
        data,
    })
}

impl Store {
    pub fn new(backend: Arc<dyn Backend>) -> Self {
        Store { backend }
    }

    pub fn backend(&self) -> &dyn Backend {
        self.backend.as_ref()
    }

    pub async fn find<R: Record>(&self, id: Id) -> StoreResult<Option<Stored<R>>> {
        self.backend
            .get(R::TABLE, id)
            .await?
            .map(decode)
            .transpose()
    }

    pub async fn get<R: Record>(&self, id: Id) -> StoreResult<Stored<R>> {
        self.find(id).await?.ok_or_else(|| StoreError::NotFound {
            what: R::TABLE.label,
            id: id.to_string(),
        })
    }

    /// Two lists read in one read-only transaction (one moment of the
    /// school): see [`Backend::select_many`].
    pub async fn list_together<A: Record, B: Record>(
        &self,
        a: Query,
        b: Query,
    ) -> StoreResult<(Vec<Stored<A>>, Vec<Stored<B>>)> {
        let mut rows = self
            .backend
            .select_many(&[(A::TABLE, a), (B::TABLE, b)])
            .await?
            .into_iter();
        let first = rows.next().unwrap_or_default();
        let second = rows.next().unwrap_or_default();
        Ok((
            first.into_iter().map(decode).collect::<StoreResult<_>>()?,
            second.into_iter().map(decode).collect::<StoreResult<_>>()?,
        ))
    }

    pub async fn list<R: Record>(&self, query: &Query) -> StoreResult<Vec<Stored<R>>> {
        self.backend
            .select(R::TABLE, query)
            .await?
            .into_iter()
            .map(decode)
            .collect()
    }

    pub async fn first<R: Record>(&self, query: Query) -> StoreResult<Option<Stored<R>>> {
        Ok(self.list(&query.limit(1)).await?.into_iter().next())
    }

    pub async fn count<R: Record>(&self) -> StoreResult<i64> {
        self.backend.count(R::TABLE).await
    }

    /// Applies a change set in one transaction with its audit events.
    pub async fn commit(&self, changes: ChangeSet) -> StoreResult<Vec<Option<Row>>> {
        if changes.change.ops.is_empty() {
            return Ok(Vec::new());
        }
        changes.change.refuse_unstorable()?;
        self.backend.apply(changes.change).await
    }

    /// Commits a change set whose last op is an insert or update of `R`, and
    /// returns that record as stored.
    pub async fn commit_returning<R: Record>(&self, changes: ChangeSet) -> StoreResult<Stored<R>> {
        let rows = self.commit(changes).await?;
        match rows.into_iter().last().flatten() {
            Some(row) => decode(row),
            None => Err(StoreError::Internal("change returned no row".into())),
        }
    }
}

/// Writes gathered to be applied together.
#[derive(Debug, Clone)]
pub struct ChangeSet {
    change: Change,
}

impl ChangeSet {
    pub fn new(actor_id: Option<Id>, actor_login: &str, at: DateTime<Utc>) -> Self {
        ChangeSet {
            change: Change {
                actor_id,
                actor_login: actor_login.to_string(),
                // PostgreSQL keeps microseconds; so must every backend, or a
                // school copied between them would not compare equal.
                at: at.trunc_subsecs(6),
                ops: Vec::new(),
                audit_each_row: true,
            },
        }
    }

    pub fn len(&self) -> usize {
        self.change.ops.len()
    }

    pub fn is_empty(&self) -> bool {
        self.change.ops.is_empty()
    }

    pub fn at(&self) -> DateTime<Utc> {
        self.change.at
    }

    /// Sets when the writes happen: a set gathered earlier (a checked
    /// import) is written, and audited, at the time it is written.
    pub fn stamp(&mut self, at: DateTime<Utc>) {
        self.change.at = at.trunc_subsecs(6);
    }

    /// Audits the change by its events alone ([`ChangeSet::event`]), not
    /// one event per row written: for a bulk write whose events say what
    /// it did (see [`Change::audit_each_row`]).
    pub fn audit_by_events(&mut self) {
        self.change.audit_each_row = false;
    }

    /// Adds an insert under a new id and returns it.
    pub fn insert<R: Record>(&mut self, data: &R) -> Id {
        let id = new_id();
        self.insert_with_id(id, data);
        id
    }

    pub fn insert_with_id<R: Record>(&mut self, id: Id, data: &R) {
        self.change.ops.push(Op::Insert {
            table: R::TABLE,
            id,
            values: data.values(),
        });
    }

    pub fn update<R: Record>(&mut self, id: Id, expected_version: i64, data: &R) {
        self.change.ops.push(Op::Update {
            table: R::TABLE,
            id,
            expected_version,
            values: data.values(),
        });
    }

    pub fn delete<R: Record>(&mut self, id: Id, expected_version: i64) {
        self.change.ops.push(Op::Delete {
            table: R::TABLE,
            id,
            expected_version,
        });
    }

    /// Adds an [`Op::Hold`] of a row this change depends on but does not
    /// write. It goes first, so the row is held while the writes run (and
    /// [`Store::commit_returning`] still answers the last write).
    pub fn hold<R: Record>(&mut self, id: Id, expected_version: i64) {
        self.change.ops.insert(
            0,
            Op::Hold {
                table: R::TABLE,
                id,
                expected_version,
            },
        );
    }

    /// Adds `other`'s operations after this change's, as one change (by
    /// this change's actor, at its time). Holds stay first.
    pub fn append(&mut self, other: ChangeSet) {
        let (holds, rest): (Vec<Op>, Vec<Op>) = other
            .change
            .ops
            .into_iter()
            .partition(|op| matches!(op, Op::Hold { .. }));
        let at = self
            .change
            .ops
            .iter()
            .take_while(|op| matches!(op, Op::Hold { .. }))
            .count();
        self.change.ops.splice(at..at, holds);
        self.change.ops.extend(rest);
    }

    pub fn event(
        &mut self,
        action: &'static str,
        table_name: &'static str,
        record_id: Option<Id>,
        detail: Option<String>,
    ) {
        self.change.ops.push(Op::Event {
            action,
            table_name,
            record_id,
            detail,
        });
    }
}
