//! The gradebook as an XLSX file from the desktop (issue 12, item 3): the
//! export written whole to the path the save dialog chose, the import
//! read from the bytes of the chosen file. The rules are
//! `schooldesk_app::gradebook_sheet`'s.

use crate::shell::{Shell, UiResult};
use crate::wire::{GradesImported, SheetFormat};
use schooldesk_core::Id;
use std::path::Path;

impl Shell {
    /// Writes the gradebook's XLSX to `path` (from the save dialog, which
    /// asked before replacing a file): a temporary file, then renamed.
    pub async fn gradebook_export_file(
        &self,
        class_id: Id,
        subject_id: Id,
        term_id: Id,
        path: &str,
    ) -> UiResult<()> {
        let (app, actor) = self.actor().await?;
        let path = self.export_target(&app, SheetFormat::Xlsx, Path::new(path))?;
        let written = match app
            .gradebook_export(&actor, class_id, subject_id, term_id)
            .await
        {
            Ok(bytes) => schooldesk_app::sheet::write_file_whole(&path, &bytes, true),
            Err(e) => Err(e),
        };
        match written {
            Ok(()) => Ok(()),
            Err(e) => Err(self.explain(&app, e).await),
        }
    }

    /// Imports a file made by the export: all cells or, with any problem,
    /// none (the error's rows name each problem).
    pub async fn gradebook_import_file(
        &self,
        class_id: Id,
        subject_id: Id,
        term_id: Id,
        bytes: &[u8],
    ) -> UiResult<GradesImported> {
        let (app, actor) = self.actor().await?;
        match app
            .gradebook_import(&actor, class_id, subject_id, term_id, bytes)
            .await
        {
            Ok(done) => Ok(GradesImported {
                cells_changed: done.cells_changed,
                cells_cleared: done.cells_cleared,
            }),
            Err(e) => Err(self.explain(&app, e).await),
        }
    }
}
