//! Exports from the timetable screen (issue 14, item 10; helper "tt2"): a
//! timetable written as XLSX, a static web site and a .fet file into the
//! documents folder, named after its semester and itself, each file whole
//! (no temporary file left beside it) and openable by `print_open`; a
//! second export replaces the first; an unknown format or language is
//! refused before anything is read; a student may not export.

mod common;

use common::*;
use schooldesk_app::timetable::GenerateOptions;
use schooldesk_core::{Role, Term};
use schooldesk_desktop::shell::Shell;
use schooldesk_desktop::timetabling::export_timetable;
use schooldesk_store::Query;
use std::time::Duration;

const HAND_MADE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../crates/app/tests/fixtures/hand-made.fet"
);

/// Every file under `dir` (recursively), as paths relative to it.
fn files(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn a_timetable_is_exported_into_the_documents_folder() {
    let tmp = tempfile::tempdir().unwrap();
    // Exports go to the user's documents folder (or home): this test's.
    // The only test in this binary, so nothing else reads HOME meanwhile.
    std::env::set_var("HOME", tmp.path());
    std::env::remove_var("XDG_DOCUMENTS_DIR");
    let office = Shell::start(dirs(tmp.path()), true).await;
    set_up_with(&office, "siswa", "Sari", "rahasia-siswa-1", Role::Student).await;
    sign_in(&office, "admin", "rahasia-sekolah").await;
    let (app, actor) = office.actor().await.unwrap();
    let term = app
        .list::<Term>(&actor, &Query::all().order("start_date"))
        .await
        .unwrap()
        .remove(0);
    let source = std::fs::read_to_string(HAND_MADE).unwrap();
    let preview = app
        .preview_fet_import(&actor, term.id(), &source)
        .await
        .unwrap();
    app.import_fet(&actor, term.id(), &source, &preview.token)
        .await
        .unwrap();
    let t = app
        .generate_timetable(
            &actor,
            term.id(),
            &GenerateOptions {
                name: "Draft 1".into(),
                time_limit: Duration::from_secs(30),
                max_iterations: Some(200_000),
                seed: 3,
                threads: 1,
            },
        )
        .await
        .unwrap()
        .timetable;

    let folder = std::path::PathBuf::from(office.print_folder_default()).join("Timetables");
    let title = format!("{} ", term.data.name);
    let xlsx = export_timetable(&office, t.id(), "xlsx".into(), "en".into())
        .await
        .unwrap();
    let xlsx = std::path::PathBuf::from(xlsx);
    assert_eq!(xlsx.parent(), Some(folder.as_path()));
    let name = xlsx.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with(&title) && name.ends_with(" - Draft 1.xlsx"),
        "{name}"
    );
    assert!(!name.contains('/'), "the year's slash is replaced: {name}");
    let bytes = std::fs::read(&xlsx).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an XLSX is a zip");

    let fet = export_timetable(&office, t.id(), "fet".into(), "en".into())
        .await
        .unwrap();
    let text = std::fs::read_to_string(&fet).unwrap();
    assert!(
        text.contains("<fet version="),
        "{}",
        &text[..text.len().min(200)]
    );
    assert!(text.contains("<Permanently_Locked>true</Permanently_Locked>"));

    let index = export_timetable(&office, t.id(), "html".into(), "id".into())
        .await
        .unwrap();
    let index = std::path::PathBuf::from(index);
    assert!(index.ends_with("index.html"), "{}", index.display());
    let site = index.parent().unwrap();
    assert_eq!(
        site.parent().unwrap(),
        std::path::PathBuf::from(office.print_folder_default()).join("Jadwal")
    );
    let pages = files(site);
    assert!(pages.len() > 2, "{pages:?}");
    assert!(pages.iter().any(|p| p.starts_with("class-")), "{pages:?}");
    let html = std::fs::read_to_string(&index).unwrap();
    assert!(html.contains("<html lang=\"id\">"), "{html}");

    // Written again: the same files, replaced whole, nothing left beside.
    let again = export_timetable(&office, t.id(), "xlsx".into(), "en".into())
        .await
        .unwrap();
    assert_eq!(std::path::PathBuf::from(again), xlsx);
    let all = files(&folder);
    assert!(!all.iter().any(|f| f.contains(".partial")), "{all:?}");
    assert_eq!(all.len(), 2, "{all:?}");
    // What was written may be opened; the page may not open anything else.
    // (Opening runs the system's viewer: only the refusal is tried here.)
    let err = office.print_open("/etc/passwd").await.unwrap_err();
    assert_eq!(err.kind, "invalid", "{err:?}");

    let err = export_timetable(&office, t.id(), "pdf".into(), "en".into())
        .await
        .unwrap_err();
    assert_eq!(err.code.as_deref(), Some("export_format"), "{err:?}");
    let err = export_timetable(&office, t.id(), "xlsx".into(), "fr".into())
        .await
        .unwrap_err();
    assert_eq!(err.code.as_deref(), Some("print_language"), "{err:?}");

    // A student sees their own timetable, not the school's files.
    let student = Shell::start(dirs(tmp.path()), true).await;
    sign_in(&student, "siswa", "rahasia-siswa-1").await;
    let err = export_timetable(&student, t.id(), "xlsx".into(), "en".into())
        .await
        .unwrap_err();
    assert_eq!(err.kind, "forbidden", "{err:?}");
    assert_eq!(files(&folder).len(), 2);
}
