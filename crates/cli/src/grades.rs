//! `schooldesk grades export|import`: a class's gradebook in a subject and
//! semester as an XLSX file, and back (issue 12, item 3). The rules are
//! `schooldesk_app::gradebook_sheet`'s; here are the words.

use crate::{sign_in, with_app, AuthArgs};
use anyhow::{bail, Context, Result};
use schooldesk_app::{App, AppError, DatabaseUrl};
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub(crate) enum GradesCommand {
    /// Write a class's gradebook in a subject and semester to an XLSX file
    /// to fill in with a spreadsheet program.
    Export {
        #[command(flatten)]
        which: Which,
        file: PathBuf,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Read back a file made by `grades export`: every bad cell is listed
    /// (sheet, row, column, reason) and nothing is written if there is
    /// one; otherwise the changed scores are saved in one go.
    ///
    /// Exit status: 0 when imported, 1 when refused (nothing written).
    Import {
        #[command(flatten)]
        which: Which,
        file: PathBuf,
        #[command(flatten)]
        auth: AuthArgs,
    },
}

/// Which gradebook, by the names the school uses.
#[derive(clap::Args)]
pub(crate) struct Which {
    /// The semester's name in the current academic year ("Semester 1").
    #[arg(long)]
    term: String,
    /// The class's name in the current academic year ("VII-A").
    #[arg(long)]
    class: String,
    /// The subject's code ("MTK").
    #[arg(long)]
    subject: String,
}

pub(crate) async fn run(url: &DatabaseUrl, command: &GradesCommand) -> Result<()> {
    match command {
        GradesCommand::Export { which, file, auth } => {
            let app = App::open(url, false).await?;
            let bytes = with_app(app, async |app| {
                let actor = sign_in(app, auth).await?;
                let (class, subject, term) = app
                    .gradebook_find(&actor, &which.term, &which.class, &which.subject)
                    .await?;
                Ok(app.gradebook_export(&actor, class, subject, term).await?)
            })
            .await?;
            // Whole or not at all: a temporary file beside it, then renamed.
            schooldesk_app::sheet::write_file_whole(file, &bytes, true)?;
            println!(
                "exported the gradebook of {}, {}, {} to {}",
                which.class,
                which.subject,
                which.term,
                file.display()
            );
            Ok(())
        }
        GradesCommand::Import { which, file, auth } => {
            let bytes =
                std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            let app = App::open(url, false).await?;
            let result = with_app(app, async |app| {
                let actor = sign_in(app, auth).await?;
                let (class, subject, term) = app
                    .gradebook_find(&actor, &which.term, &which.class, &which.subject)
                    .await?;
                Ok(app
                    .gradebook_import(&actor, class, subject, term, &bytes)
                    .await)
            })
            .await?;
            match result {
                Ok(done) => {
                    println!(
                        "imported {}: {} score(s) entered or changed, {} removed",
                        file.display(),
                        done.cells_changed,
                        done.cells_cleared
                    );
                    Ok(())
                }
                Err(AppError::ImportRejected(problems)) => {
                    eprintln!(
                        "{}: {} problem(s); nothing was imported:",
                        file.display(),
                        problems.len()
                    );
                    for p in &problems {
                        // The column names its sheet: "Nilai!D (Formatif: UH 1)".
                        eprintln!("  row {:>4}  {}: {}", p.row, p.column, p.reason);
                    }
                    bail!(
                        "fix the cells above in the file and import it again; nothing was imported"
                    );
                }
                Err(e) => Err(anyhow::Error::new(e).context(file.display().to_string())),
            }
        }
    }
}
