//! FET's `.fet` files (FET 5 and 6): read into the model, write back, and
//! write a solution as locked placements so FET itself can verify it.
//!
//! Known elements that the model does not need (teachers' target hours and
//! qualified subjects, comments on subjects, tags, teachers and rooms) are
//! read past; any other unknown element is reported as a warning, and every
//! constraint type outside [`crate::constraint::SUPPORTED`] is kept verbatim
//! and reported by [`crate::Instance::unsupported`].

mod read;
mod write;

pub use read::{read, read_solution, FetError, Import, BLOCK_PLANNING};
pub use write::{describe, write, write_with_solution};
