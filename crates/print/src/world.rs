//! The in-memory Typst world one compile sees: the harness (`/main.typ`),
//! the template (`/template.typ`), the data (`/input.json`) and the assets
//! (`/assets/...`). Nothing is read from disk, no font from the PC, nothing
//! from the network; `import "@preview/..."` fails as a missing file.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use crate::Fonts;

/// A file id for an absolute path in the project root.
pub(crate) fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("the engine's own paths are valid");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

pub(crate) struct DocWorld<'a> {
    pub library: &'a LazyHash<Library>,
    pub fonts: &'a Fonts,
    pub main: Source,
    pub template: Source,
    pub files: HashMap<FileId, Bytes>,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.template.id() {
            Ok(self.template.clone())
        } else {
            Err(FileError::NotFound(
                id.get().vpath().get_with_slash().into(),
            ))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_owned()));
        }
        if id == self.template.id() {
            return Ok(Bytes::from_string(self.template.text().to_owned()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.get().vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.list.get(index).cloned()
    }

    /// No clock: a printed document must not change with the day it is
    /// printed on; the date of signing comes with the data.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
