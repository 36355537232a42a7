//! Where each domain record meets its table. The tables, their columns and
//! the conversion both ways are made here from the one declaration of each
//! record ([`schooldesk_core::records!`]): a column is a field, in the
//! field's order, of the type the field's Rust type stores as ([`Field`]).
//! Adding a field to a record means: a migration in both dialects and the
//! field in the declaration; `values` and `read` follow from it.

use crate::value::{ColType, Column, Reader, Table, Val};
use crate::StoreResult;
use chrono::NaiveDate;
use schooldesk_core::*;

/// A domain record that is stored in one table.
pub trait Record: Sized + Clone + Send + Sync + 'static {
    const TABLE: &'static Table;
    fn values(&self) -> Vec<Val>;
    fn read(r: &mut Reader<'_>) -> StoreResult<Self>;
}

/// A field's Rust type as a column: the column type, whether it may be
/// NULL, and the conversion both ways. `Option<T>` is `T`'s column, nullable.
pub trait Field: Sized {
    const TY: ColType;
    const NULLABLE: bool = false;
    fn to_val(&self) -> Val;
    /// The field from a stored value, or what was wrong with it.
    fn from_val(v: &Val) -> Result<Self, String>;
}

fn expected(what: &str, found: &Val) -> String {
    format!("expected {what}, found {found:?}")
}

macro_rules! plain_field {
    ($($t:ty => $ty:ident, $what:literal;)*) => {$(
        impl Field for $t {
            const TY: ColType = ColType::$ty;
            fn to_val(&self) -> Val {
                self.clone().into()
            }
            fn from_val(v: &Val) -> Result<Self, String> {
                match v {
                    Val::$ty(x) => Ok(x.clone()),
                    other => Err(expected($what, other)),
                }
            }
        }
    )*};
}

plain_field! {
    String => Text, "text";
    i64 => Int, "integer";
    bool => Bool, "boolean";
    NaiveDate => Date, "date";
    Id => Id, "id";
    Vec<u8> => Bytes, "bytes";
}

impl<T: Field> Field for Option<T> {
    const TY: ColType = T::TY;
    const NULLABLE: bool = true;
    fn to_val(&self) -> Val {
        self.as_ref().map_or(Val::Null(T::TY), T::to_val)
    }
    fn from_val(v: &Val) -> Result<Self, String> {
        match v {
            Val::Null(_) => Ok(None),
            other => T::from_val(other).map(Some),
        }
    }
}

/// A text column holding a code, parsed back with `parse`.
fn code<T>(v: &Val, parse: impl Fn(&str) -> Option<T>) -> Result<T, String> {
    match v {
        Val::Text(s) => parse(s).ok_or_else(|| format!("unknown code {s:?}")),
        other => Err(expected("text", other)),
    }
}

impl Field for Gender {
    const TY: ColType = ColType::Text;
    fn to_val(&self) -> Val {
        self.code().into()
    }
    fn from_val(v: &Val) -> Result<Self, String> {
        code(v, Gender::from_code)
    }
}

impl Field for StudentStatus {
    const TY: ColType = ColType::Text;
    fn to_val(&self) -> Val {
        self.as_str().into()
    }
    fn from_val(v: &Val) -> Result<Self, String> {
        code(v, StudentStatus::parse)
    }
}

/// Roles as their names, sorted, separated by spaces.
impl Field for Vec<Role> {
    const TY: ColType = ColType::Text;
    fn to_val(&self) -> Val {
        let mut names: Vec<&str> = self.iter().map(|r| r.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names.join(" ").into()
    }
    fn from_val(v: &Val) -> Result<Self, String> {
        code(v, |text| text.split_whitespace().map(Role::parse).collect())
    }
}

/// Makes each record's [`Table`] static and its [`Record`] impl, and
/// [`ALL`], from [`schooldesk_core::records!`].
macro_rules! store_records {
    ($(
        $(#[$smeta:meta])*
        pub struct $name:ident in $table:ident ($table_name:literal, $table_label:literal) {
            $(
                $(#[$fmeta:meta])*
                pub $field:ident : $ty:ty => $label:literal
                    $(, secret: $secret:literal)?
                    $(, check: $check:expr)?
                    $(, sheet: $key:literal $need:ident [$($alias:literal),* $(,)?])?
                ;
            )*
        }
    )*) => {
        $(
            pub static $table: Table = Table {
                name: $table_name,
                label: $table_label,
                columns: &[$(
                    Column {
                        name: stringify!($field),
                        ty: <$ty as Field>::TY,
                        nullable: <$ty as Field>::NULLABLE,
                        secret: false $(|| $secret)?,
                        label: $label,
                    },
                )*],
            };

            impl Record for $name {
                const TABLE: &'static Table = &$table;
                fn values(&self) -> Vec<Val> {
                    vec![$(Field::to_val(&self.$field)),*]
                }
                fn read(r: &mut Reader<'_>) -> StoreResult<Self> {
                    // Fields are read in the order written: the columns' order.
                    Ok($name {
                        $($field: r.field()?,)*
                    })
                }
            }
        )*

        /// Every record table, parents before children: the order a whole
        /// school is copied in.
        pub static ALL: [&Table; [$($table_name),*].len()] = [$(&$table),*];
    };
}

schooldesk_core::records!(store_records);

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record's values read back as the same record, and each value
    /// has its column's type.
    #[test]
    fn values_and_read_agree() {
        fn round_trip<R: Record + PartialEq + std::fmt::Debug>(record: R) {
            let values = record.values();
            assert_eq!(values.len(), R::TABLE.columns.len(), "{}", R::TABLE.name);
            for (column, value) in R::TABLE.columns.iter().zip(&values) {
                let ty = match value {
                    Val::Null(ty) => {
                        assert!(column.nullable, "{}.{}", R::TABLE.name, column.name);
                        *ty
                    }
                    Val::Text(_) => ColType::Text,
                    Val::Int(_) => ColType::Int,
                    Val::Bool(_) => ColType::Bool,
                    Val::Date(_) => ColType::Date,
                    Val::Time(_) => ColType::Time,
                    Val::Id(_) => ColType::Id,
                    Val::Bytes(_) => ColType::Bytes,
                };
                assert_eq!(ty, column.ty, "{}.{}", R::TABLE.name, column.name);
            }
            let back = R::read(&mut Reader::new(R::TABLE, &values)).unwrap();
            assert_eq!(back, record);
        }
        let day = NaiveDate::from_ymd_opt(2010, 5, 1).unwrap();
        round_trip(User {
            login: "tu".into(),
            display_name: "Tata Usaha".into(),
            password_hash: "$argon2id$x".into(),
            roles: vec![Role::Admin, Role::Teacher],
            active: true,
            must_change_password: false,
        });
        round_trip(Student {
            nis: "2301".into(),
            nisn: "0012345678".into(),
            full_name: "Siti".into(),
            gender: Gender::Female,
            birth_place: "Bandung".into(),
            birth_date: day,
            religion: "Islam".into(),
            address: "Jl. Mawar".into(),
            status: StudentStatus::MovedOut,
            user_id: None,
        });
        round_trip(Enrollment {
            student_id: new_id(),
            class_id: new_id(),
            academic_year_id: new_id(),
            start_date: day,
            end_date: Some(day),
            end_reason: None,
        });
    }

    #[test]
    fn the_password_hash_is_secret_and_alone() {
        let secret: Vec<&str> = ALL
            .iter()
            .flat_map(|t| t.columns.iter().filter(|c| c.secret).map(|c| c.name))
            .collect();
        assert_eq!(secret, ["password_hash"]);
        assert_eq!(ALL[0].name, "users");
    }

    #[test]
    fn a_wrong_value_names_its_table_and_column() {
        let mut values = Student::TABLE
            .columns
            .iter()
            .map(|_| Val::Int(1))
            .collect::<Vec<_>>();
        values[0] = Val::Text("2301".into());
        let err = Student::read(&mut Reader::new(&STUDENTS, &values)).unwrap_err();
        assert!(
            err.to_string()
                .contains("students.nisn: expected text, found Int(1)"),
            "{err}"
        );
    }
}
