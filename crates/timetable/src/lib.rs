//! The timetable engine's data side: the model (days × hours, teachers,
//! subjects, activity tags, students as years → groups → subgroups,
//! activities, buildings and rooms, weighted constraints), reading and
//! writing FET's `.fet` files, and an independent [`check()`]er that lists
//! every hard violation and soft cost of a (possibly partial) timetable with
//! FET's meaning for each constraint.
//!
//! Pure: text in, values out. No files, no database; callers read and write
//! the files. The [`solve`]r runs one search per core on scoped threads of
//! the standard library and shares none of the checker's data structures,
//! so each can catch the other's mistakes.

pub mod check;
pub mod constraint;
pub mod fet;
pub mod model;
pub mod solve;

pub use check::{check, Report, Violation};
pub use constraint::{ActivityFilter, Constraint, Kind};
pub use model::{Activity, Instance, Mode, Placement, Room, SetKind, Slot, StudentSet, Timetable};
