//! Tables, columns and values: the vocabulary between the typed store and a
//! backend. A backend binds a [`Val`] by its variant and decodes a column by
//! its [`ColType`]; nothing else about a record reaches it.

use crate::{StoreError, StoreResult};
use chrono::{DateTime, NaiveDate, Utc};
use schooldesk_core::{Id, Meta};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    Text,
    Int,
    Bool,
    Date,
    Time,
    Id,
    Bytes,
}

#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub ty: ColType,
    pub nullable: bool,
    /// Left out of audit before/after images (password hashes).
    pub secret: bool,
    /// How a person calls it in a message: "NISN", "login".
    pub label: &'static str,
}

impl Column {
    pub const fn new(name: &'static str, ty: ColType, label: &'static str) -> Self {
        Column {
            name,
            ty,
            nullable: false,
            secret: false,
            label,
        }
    }
    pub const fn nullable(mut self) -> Self {
        self.nullable = true;
        self
    }
    pub const fn secret(mut self) -> Self {
        self.secret = true;
        self
    }
}

/// A table of records: besides these columns every row has `id`, `version`,
/// `created_at`, `updated_at` and `updated_by`.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    /// Singular, for messages: "student", "class".
    pub label: &'static str,
    pub columns: &'static [Column],
}

impl PartialEq for Table {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Table {
    pub fn column(&self, name: &str) -> Option<(usize, &Column)> {
        self.columns
            .iter()
            .enumerate()
            .find(|(_, c)| c.name == name)
    }

    /// The values as a JSON object for the audit trail, secrets left out.
    pub fn audit_json(&self, values: &[Val]) -> String {
        let mut map = serde_json::Map::new();
        for (column, value) in self.columns.iter().zip(values) {
            if !column.secret {
                map.insert(column.name.to_string(), value.to_json());
            }
        }
        serde_json::Value::Object(map).to_string()
    }
}

/// A value in a column.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// A NULL of the given column type (PostgreSQL needs the type to bind it).
    Null(ColType),
    Text(String),
    Int(i64),
    Bool(bool),
    Date(NaiveDate),
    Time(DateTime<Utc>),
    Id(Id),
    Bytes(Vec<u8>),
}

impl Val {
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Val::Null(_) => J::Null,
            Val::Text(s) => J::String(s.clone()),
            Val::Int(i) => J::from(*i),
            Val::Bool(b) => J::Bool(*b),
            Val::Date(d) => J::String(d.to_string()),
            Val::Time(t) => J::String(t.to_rfc3339()),
            Val::Id(id) => J::String(id.to_string()),
            Val::Bytes(b) => J::String(format!("({} bytes)", b.len())),
        }
    }

    /// The value as a person reads it in a message.
    pub fn display(&self) -> String {
        match self.to_json() {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        }
    }
}

impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::Text(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::Text(v.to_string())
    }
}
impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::Int(v)
    }
}
impl From<bool> for Val {
    fn from(v: bool) -> Self {
        Val::Bool(v)
    }
}
impl From<NaiveDate> for Val {
    fn from(v: NaiveDate) -> Self {
        Val::Date(v)
    }
}
impl From<Id> for Val {
    fn from(v: Id) -> Self {
        Val::Id(v)
    }
}
impl From<Vec<u8>> for Val {
    fn from(v: Vec<u8>) -> Self {
        Val::Bytes(v)
    }
}
macro_rules! optional {
    ($($t:ty => $ty:ident),*) => {$(
        impl From<Option<$t>> for Val {
            fn from(v: Option<$t>) -> Self {
                v.map_or(Val::Null(ColType::$ty), Into::into)
            }
        }
    )*};
}
optional!(String => Text, i64 => Int, bool => Bool, NaiveDate => Date, Id => Id, Vec<u8> => Bytes);

impl From<Option<DateTime<Utc>>> for Val {
    fn from(v: Option<DateTime<Utc>>) -> Self {
        v.map_or(Val::Null(ColType::Time), Val::Time)
    }
}

/// A stored row: bookkeeping and the table's columns, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub meta: Meta,
    pub values: Vec<Val>,
}

/// Reads a row's values in column order, turning each into a field.
pub struct Reader<'a> {
    table: &'static Table,
    values: &'a [Val],
    next: usize,
}

impl<'a> Reader<'a> {
    pub fn new(table: &'static Table, values: &'a [Val]) -> Self {
        Reader {
            table,
            values,
            next: 0,
        }
    }

    fn take(&mut self) -> StoreResult<(&'a Val, &'static str)> {
        let i = self.next;
        self.next += 1;
        let column = self.table.columns.get(i).map_or("?", |c| c.name);
        match self.values.get(i) {
            Some(v) => Ok((v, column)),
            None => Err(self.bad(column, "missing")),
        }
    }

    fn bad(&self, column: &str, what: &str) -> StoreError {
        StoreError::Corrupt(format!("{}.{column}: {what}", self.table.name))
    }

    /// The next column's value as the field it stores (see
    /// [`crate::tables::Field`]); a value of another type names the table
    /// and the column.
    pub fn field<T: crate::tables::Field>(&mut self) -> StoreResult<T> {
        let (v, c) = self.take()?;
        T::from_val(v).map_err(|what| self.bad(c, &what))
    }
}
