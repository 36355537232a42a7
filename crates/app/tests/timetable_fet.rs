//! A FET file into a semester's records (issue 14, items 8–9), on both
//! backends: the preview writes nothing and names what matches, what is
//! created and what cannot be taken (with its line); the confirm writes it
//! all in one audited change; importing again adds nothing; bad files,
//! name clashes, a stale preview and other roles are refused, named, with
//! nothing written. After an import the semester generates, and FET
//! (`fet-cl`) accepts the exported file with every lesson locked.

mod common;

use common::*;
use schooldesk_app::timetable::{GenerateOptions, Week};
use schooldesk_app::timetable_fet::{FetPreview, MAX_FET_BYTES};
use schooldesk_app::{App, AppError};
use schooldesk_core::*;
use schooldesk_store::{AuditQuery, Query};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const DENMARK: &str = "/usr/share/doc/fet-data/examples/FET-5-official/Denmark/small-school.fet";

fn hand_made() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hand-made.fet"),
    )
    .unwrap()
}

async fn first_term(w: &World) -> Id {
    w.app
        .list::<Term>(
            &w.admin,
            &Query::all().eq("academic_year_id", w.year).order("number"),
        )
        .await
        .unwrap()[0]
        .id()
}

fn codes(err: &AppError) -> Vec<&'static str> {
    err.field_errors().iter().map(|f| f.msg.code).collect()
}

/// The line of the first occurrence of `text` in `source`.
fn line_of(source: &str, text: &str) -> u32 {
    let at = source.find(text).unwrap();
    source[..at].lines().count() as u32 + 1
}

/// How many rows the import could have touched: nothing may change
/// before a confirm.
async fn footprint(app: &App) -> Vec<usize> {
    let s = store_of(app).await;
    vec![
        s.list::<Teacher>(&Query::all()).await.unwrap().len(),
        s.list::<Subject>(&Query::all()).await.unwrap().len(),
        s.list::<Class>(&Query::all()).await.unwrap().len(),
        s.list::<Room>(&Query::all()).await.unwrap().len(),
        s.list::<Lesson>(&Query::all()).await.unwrap().len(),
        s.list::<TimetableRule>(&Query::all()).await.unwrap().len(),
        s.list::<SchoolDay>(&Query::all()).await.unwrap().len(),
        s.list::<BellPeriod>(&Query::all()).await.unwrap().len(),
    ]
}

fn created(names: &[schooldesk_app::timetable_fet::NameLine]) -> Vec<&str> {
    names
        .iter()
        .filter(|n| n.existing.is_none())
        .map(|n| n.name.as_str())
        .collect()
}

fn matched(names: &[schooldesk_app::timetable_fet::NameLine]) -> Vec<&str> {
    names
        .iter()
        .filter(|n| n.existing.is_some())
        .map(|n| n.name.as_str())
        .collect()
}

/// Generates a draft of the semester and has FET verify its export: the
/// file must open in fet-cl, every lesson locked where we placed it.
async fn generate_and_verify(w: &World, term: Id, dir: &Path, stem: &str) {
    let generated = w
        .app
        .generate_timetable(
            &w.admin,
            term,
            &GenerateOptions {
                name: "Imported".into(),
                time_limit: Duration::from_secs(60),
                max_iterations: Some(200_000),
                seed: 3,
                threads: 1,
            },
        )
        .await
        .unwrap();
    assert!(generated.unplaced.is_empty(), "{:?}", generated.unplaced);
    let fet = w
        .app
        .timetable_fet(&w.admin, generated.timetable.id())
        .await
        .unwrap();
    let file = dir.join(format!("{stem}.fet"));
    std::fs::write(&file, &fet).unwrap();
    let out = dir.join(format!("{stem}-fet-out"));
    let run = Command::new("fet-cl")
        .arg(format!("--inputfile={}", file.display()))
        .arg(format!("--outputdir={}", out.display()))
        .arg("--timelimitseconds=600")
        .output()
        .expect("fet-cl must be installed (apt-get install fet)");
    assert!(
        run.status.success(),
        "fet-cl refused our export: {}",
        String::from_utf8_lossy(&run.stdout)
    );
    assert!(
        out.join("timetables").join(stem).is_dir(),
        "fet-cl wrote no timetable"
    );
}

both! {
    /// FET's own small Danish school: nothing written by the preview; every
    /// teacher, subject and class (FET years) created; its unmodelled
    /// preferred-starting-times constraints listed with their lines; the
    /// confirm writes it audited; a second import adds nothing; and FET
    /// accepts the generated timetable's export.
    async fn imports_an_official_example_after_a_preview(backend: Backend) {
        let w = world(backend).await;
        let term = first_term(&w).await;
        let source = std::fs::read_to_string(DENMARK).unwrap();
        let before = footprint(&w.app).await;
        let preview = w.app.preview_fet_import(&w.admin, term, &source).await.unwrap();
        assert_eq!(footprint(&w.app).await, before, "the preview wrote something");

        assert_eq!(created(&preview.teachers).len(), 9);
        assert!(created(&preview.teachers).contains(&"Glenda"));
        assert!(preview.teachers.iter().all(|t| t.note.contains("gender")));
        assert!(matched(&preview.teachers).is_empty());
        assert!(created(&preview.classes).contains(&"Eric"), "{:?}", preview.classes);
        assert_eq!(preview.lessons.len(), 25, "{:?}", preview.lessons);
        assert!(preview.lessons.iter().all(|l| l.existing.is_none()));
        let week = preview.new_week.as_ref().expect("the school has no week: the file's");
        assert_eq!(week.days, vec![1]);
        let lesson_periods = week.lesson_periods(1);
        assert_eq!(lesson_periods.len(), 4);
        assert_eq!((lesson_periods[0].start_minute, lesson_periods[0].end_minute), (13 * 60 + 30, 14 * 60 + 30));
        let starting: Vec<u32> = preview
            .not_taken
            .iter()
            .filter(|n| n.what == "ConstraintActivityPreferredStartingTimes")
            .map(|n| n.line)
            .collect();
        assert_eq!(starting.len(), 4, "{:?}", preview.not_taken);
        assert_eq!(starting[0], line_of(&source, "<ConstraintActivityPreferredStartingTimes>"));

        let done = w.app.import_fet(&w.admin, term, &source, &preview.token).await.unwrap();
        assert_eq!((done.teachers, done.lessons, done.week), (9, 25, true));
        let lessons = w.app.lessons(&w.admin, term).await.unwrap();
        assert_eq!(lessons.len(), 25);
        let events = w
            .app
            .audit_trail(
                &w.admin,
                &AuditQuery { table_name: Some("terms".into()), record_id: Some(term), text: None, limit: 10 },
            )
            .await
            .unwrap();
        assert!(events.iter().any(|e| e.action == "import_fet"), "{events:?}");

        // The same file again: everything matched, nothing added.
        let again = w.app.preview_fet_import(&w.admin, term, &source).await.unwrap();
        assert_eq!(again.additions(), 0, "{again:#?}");
        let after = footprint(&w.app).await;
        let done = w.app.import_fet(&w.admin, term, &source, &again.token).await.unwrap();
        assert_eq!((done.teachers, done.lessons, done.rules, done.week), (0, 0, 0, false));
        assert_eq!(footprint(&w.app).await, after);

        generate_and_verify(&w, term, w.dir.path(), "denmark").await;
    }

    /// A hand-made file: names matched across case and spaces, groups of a
    /// class, a split lesson kept apart, a lesson's room, parallel religion
    /// lessons, a break in the bell schedule, and what cannot be taken
    /// (a subgroup's lesson, a rule for a group, a type without a rule kind,
    /// a type the engine lacks) each named with its line.
    async fn imports_a_hand_made_file_with_groups_rooms_and_rules(backend: Backend) {
        let w = world(backend).await;
        let term = first_term(&w).await;
        let source = hand_made();
        let preview = w.app.preview_fet_import(&w.admin, term, &source).await.unwrap();
        assert_eq!(matched(&preview.teachers), vec!["pak  guru"]);
        assert_eq!(created(&preview.teachers), vec!["Bu Sari", "Pak Budi"]);
        let sari = preview.teachers.iter().find(|t| t.name == "Bu Sari").unwrap();
        assert!(sari.note.contains(": P"), "{sari:?}");
        assert_eq!(matched(&preview.subjects), vec!["matematika"]);
        assert_eq!(matched(&preview.classes), vec!["VII-A"]);
        assert_eq!(created(&preview.classes), vec!["VII-C", "VIII-A"]);
        assert_eq!(created(&preview.rooms), vec!["Lab IPA"]);
        assert!(preview.groups.contains(&"VII-A: VII-A Islam".to_string()), "{:?}", preview.groups);

        // Hour 4 is a break: Monday has 5 lesson periods, the 5th file hour is period 4.
        let week = preview.new_week.clone().unwrap();
        assert_eq!(week.lesson_periods(1).len(), 5);
        assert!(week.periods.iter().any(|p| p.weekday == 1 && p.kind == "break" && p.start_minute == 9 * 60));

        assert_eq!(preview.lessons.len(), 5, "{:#?}", preview.lessons);
        let maths = preview.lessons.iter().find(|l| l.split == "2+2").unwrap();
        assert_eq!(maths.periods, 4);
        let ipa = preview.lessons.iter().find(|l| l.description.starts_with("IPA for VII-C")).unwrap();
        assert!(ipa.room.is_some());

        let kinds: Vec<(&str, &str, i64)> = preview
            .rules
            .iter()
            .map(|r| (r.kind.as_str(), r.slots.as_str(), r.weight))
            .collect();
        assert!(kinds.contains(&("teacher_unavailable", "1:1 1:2", 100)), "{kinds:?}");
        // Monday's break hour drops out; Tuesday's 5th hour is period 4.
        assert!(kinds.contains(&("teacher_unavailable", "2:4", 100)), "{kinds:?}");
        assert!(kinds.contains(&("min_days_between", "", 95)), "{kinds:?}");
        assert!(kinds.contains(&("same_time", "", 100)), "{kinds:?}");
        assert!(kinds.contains(&("max_lessons_per_day", "", 100)), "{kinds:?}");

        let not: Vec<(&str, u32)> = preview.not_taken.iter().map(|n| (n.what.as_str(), n.line)).collect();
        // An activity is named by the line its element starts on.
        let id6 = source.find("<Id>6</Id>").unwrap();
        let start = source[..id6].rfind("<Activity>").unwrap();
        let activity6 = source[..start].lines().count() as u32 + 1;
        assert!(not.contains(&("activity 6", activity6)), "{not:?}");
        assert!(not.contains(&("ConstraintTeacherMinDaysPerWeek", line_of(&source, "<ConstraintTeacherMinDaysPerWeek>"))), "{not:?}");
        assert!(not.contains(&("ConstraintStudentsSetNotAvailableTimes", line_of(&source, "<ConstraintStudentsSetNotAvailableTimes>"))), "{not:?}");
        assert!(not.contains(&("ConstraintTeacherRoomNotInFet", line_of(&source, "<ConstraintTeacherRoomNotInFet>"))), "{not:?}");
        assert_eq!(not.len(), 4, "{not:?}");

        let done = w.app.import_fet(&w.admin, term, &source, &preview.token).await.unwrap();
        assert_eq!((done.teachers, done.subjects, done.classes, done.rooms, done.lessons, done.rules), (2, 3, 2, 1, 5, 5));
        let teachers = w.app.list::<Teacher>(&w.admin, &Query::all()).await.unwrap();
        let sari = teachers.iter().find(|t| t.data.full_name == "Bu Sari").unwrap();
        assert_eq!(sari.data.gender, Gender::Female);
        assert_eq!(teachers.iter().filter(|t| t.data.full_name == "Pak Guru").count(), 1);
        let classes = w.app.list::<Class>(&w.admin, &Query::all().eq("academic_year_id", w.year)).await.unwrap();
        let c8 = classes.iter().find(|c| c.data.name == "VIII-A").unwrap();
        assert_eq!(c8.data.grade_level, 8);
        let lessons = w.app.lessons(&w.admin, term).await.unwrap();
        let pai = lessons
            .iter()
            .find(|l| l.classes.iter().any(|c| c.data.group_name.as_deref() == Some("VII-A Islam")))
            .expect("the Islam group's lesson");
        assert_eq!(pai.classes[0].data.class_id, w.class_a);

        let again = w.app.preview_fet_import(&w.admin, term, &source).await.unwrap();
        assert_eq!(again.additions(), 0, "{again:#?}");
        generate_and_verify(&w, term, w.dir.path(), "hand-made").await;
    }

    /// A file that is not FET, one too large, one nested too deep, and
    /// names that clash: each refused, named, nothing written.
    async fn bad_files_are_refused_by_name_with_nothing_written(backend: Backend) {
        let w = world(backend).await;
        let term = first_term(&w).await;
        let before = footprint(&w.app).await;
        let refuse = async |source: &str| -> AppError {
            w.app.preview_fet_import(&w.admin, term, source).await.unwrap_err()
        };
        assert_eq!(codes(&refuse("NIS,NAMA\n1,Budi").await), vec!["fet_not_xml"]);
        assert_eq!(codes(&refuse("<html><body>hi</body></html>").await), vec!["fet_not_fet"]);
        let huge = format!("<fet version=\"6.0\">{}</fet>", " ".repeat(MAX_FET_BYTES));
        assert_eq!(codes(&refuse(&huge).await), vec!["fet_too_large"]);
        let deep = format!("<fet version=\"6.0\">\n{}{}</fet>", "<a>".repeat(10_000), "</a>".repeat(10_000));
        let err = refuse(&deep).await;
        assert_eq!(codes(&err), vec!["fet_too_deep"]);
        assert!(err.to_string().contains("line 2"), "{err}");
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE fet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]><fet version=\"6.0\"><Institution_Name>&f;&f;&f;&f;&f;&f;&f;&f;</Institution_Name></fet>";
        let err = refuse(laughs).await;
        assert!(matches!(codes(&err)[..], ["fet_not_xml"] | ["fet_unreadable"]), "{err}");
        // Unclosed tags by the hundred thousand: refused after one pass.
        let unclosed = format!("<fet version=\"6.0\">{}</fet>", "<a</".repeat(200_000));
        assert!(!codes(&refuse(&unclosed).await).is_empty());
        // A real school's file with virtual rooms: refused with the room
        // named, not stored as a plain room its lessons would clash in.
        let virtual_rooms = std::fs::read_to_string(
            "/usr/share/doc/fet-data/examples/FET-5-official/Germany/secondary-school-1/test-virtual-rooms-3/German-test-virtual-rooms-3.fet",
        )
        .unwrap();
        let err = refuse(&virtual_rooms).await;
        assert_eq!(codes(&err), vec!["fet_virtual_room"]);
        assert!(err.to_string().contains("virtual room"), "{err}");

        let source = hand_made();
        // Two names of the file that are one name to the records.
        let clash = source.replace("<Teacher><Name>Pak Budi</Name></Teacher>", "<Teacher><Name>Pak Budi</Name></Teacher><Teacher><Name>PAK BUDI</Name></Teacher>");
        let err = refuse(&clash).await;
        assert_eq!(codes(&err), vec!["fet_name_clash"]);
        assert!(err.to_string().contains("PAK BUDI"), "{err}");
        // Two stored teachers of one name: which is meant cannot be told.
        for _ in 0..2 {
            w.app
                .create(
                    &w.admin,
                    &Teacher { full_name: "Bu Sari".into(), nip: None, nuptk: None, gender: Gender::Female, phone: None, email: None, user_id: None, active: true },
                )
                .await
                .unwrap();
        }
        let with_two = footprint(&w.app).await;
        let err = refuse(&source).await;
        assert_eq!(codes(&err), vec!["fet_name_ambiguous"]);
        assert!(err.to_string().contains("Bu Sari"), "{err}");
        let long = source.replace("Lab IPA", &"L".repeat(60));
        let err = w.app.preview_fet_import(&w.admin, term, &long).await.unwrap_err();
        assert!(codes(&err).contains(&"fet_bad_name"), "{err}");
        assert_eq!(footprint(&w.app).await, with_two);
        assert_eq!(before[1..], with_two[1..]);
    }

    /// A school week the file does not fit is named by day; a preview
    /// whose records changed before the confirm is refused whole; other
    /// roles may not import.
    async fn a_week_that_does_not_fit_a_stale_preview_and_other_roles_are_refused(backend: Backend) {
        let w = world(backend).await;
        let term = first_term(&w).await;
        let source = hand_made();
        assert!(matches!(w.app.preview_fet_import(&w.teacher, term, &source).await, Err(AppError::NotAllowed(_))));
        assert!(matches!(w.app.import_fet(&w.student, term, &source, "x").await, Err(AppError::NotAllowed(_))));

        let preview: FetPreview = w.app.preview_fet_import(&w.admin, term, &source).await.unwrap();
        w.app
            .create(
                &w.admin,
                &Teacher { full_name: "Pak Budi".into(), nip: None, nuptk: None, gender: Gender::Male, phone: None, email: None, user_id: None, active: true },
            )
            .await
            .unwrap();
        let before = footprint(&w.app).await;
        let err = w.app.import_fet(&w.admin, term, &source, &preview.token).await.unwrap_err();
        assert_eq!(codes(&err), vec!["fet_import_stale"]);
        assert_eq!(footprint(&w.app).await, before);

        // A school week of four days with four lesson periods each.
        let mut periods = Vec::new();
        for day in 1..=4 {
            for k in 1..=4 {
                periods.push(BellPeriod { weekday: day, position: k, kind: "lesson".into(), label: k.to_string(), start_minute: 420 + 40 * (k - 1), end_minute: 420 + 40 * k });
            }
        }
        w.app.save_school_week(&w.admin, &Week { days: vec![1, 2, 3, 4], periods }).await.unwrap();
        let err = w.app.preview_fet_import(&w.admin, term, &source).await.unwrap_err();
        assert!(codes(&err).contains(&"fet_week_days") && codes(&err).contains(&"fet_week_mismatch"), "{err}");
        assert!(err.to_string().contains("Jumat"), "{err}");
        assert!(err.to_string().contains("5 lesson hours"), "{err}");
    }

    /// The published timetable as XLSX (read back: the master grid and a
    /// class's sheet hold the right lesson in the right cell) and as a
    /// static site (the right lesson in the right cell; a teacher named
    /// `<script>` escaped everywhere, and no page has a script).
    async fn exports_the_published_timetable_to_xlsx_and_html(backend: Backend) {
        use calamine::Reader;
        let w = world(backend).await;
        let term = first_term(&w).await;
        let source = hand_made().replace("Pak Budi", "&lt;script&gt;alert(1)&lt;/script&gt;");
        let preview = w.app.preview_fet_import(&w.admin, term, &source).await.unwrap();
        assert!(created(&preview.teachers).contains(&"<script>alert(1)</script>"));
        w.app.import_fet(&w.admin, term, &source, &preview.token).await.unwrap();
        let draft = w
            .app
            .generate_timetable(
                &w.admin,
                term,
                &GenerateOptions { name: "Jadwal".into(), time_limit: Duration::from_secs(60), max_iterations: Some(200_000), seed: 3, threads: 1 },
            )
            .await
            .unwrap();
        let t = w.app.publish_timetable(&w.admin, draft.timetable.id(), draft.timetable.version()).await.unwrap();
        let entries = w.app.timetable_entries(&w.admin, t.id()).await.unwrap();
        let ipa = entries.iter().find(|e| e.subject == "IPA" && e.classes == ["VII-C"]).expect("IPA for VII-C placed");
        let pai = entries.iter().find(|e| e.subject == "PAI Islam").expect("PAI placed");

        let bytes = w.app.timetable_xlsx(&w.admin, t.id(), schooldesk_documents::Language::Id).await.unwrap();
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let names = book.sheet_names();
        assert_eq!(names[0], "Semua kelas", "{names:?}");
        assert!(names.contains(&"VII-C".to_string()) && names.contains(&"Bu Sari".to_string()), "{names:?}");
        assert!(names.contains(&"<script>alert(1)<-script>".to_string()), "{names:?}");
        let master = book.worksheet_range("Semua kelas").unwrap();
        let text = |r: &calamine::Range<calamine::Data>, row: u32, col: u32| r.get_value((row, col)).map(|v| v.to_string()).unwrap_or_default();
        // Header row 3: "Class", then each day's 5 lesson periods.
        assert_eq!(text(&master, 3, 0), "Kelas");
        assert_eq!(text(&master, 3, 1), "Senin 1");
        let row = (4..master.height() as u32).find(|r| text(&master, *r, 0) == "VII-C").expect("VII-C's row");
        let col = 1 + (ipa.weekday as u32 - 1) * 5 + (ipa.period as u32 - 1);
        assert!(text(&master, row, col).starts_with("IPA\nBu Sari\nLab IPA"), "{:?}", text(&master, row, col));
        // Its second period too (a double lesson); the one before it is free or another lesson.
        assert!(text(&master, row, col + 1).starts_with("IPA"), "{:?}", text(&master, row, col + 1));
        let class = book.worksheet_range("VII-C").unwrap();
        let lesson_row = (4..class.height() as u32).find(|r| text(&class, *r, 0) == ipa.period.to_string()).unwrap();
        assert!(text(&class, lesson_row, 1 + ipa.weekday as u32).starts_with("IPA"));
        let teacher = book.worksheet_range("<script>alert(1)<-script>").unwrap();
        let pai_row = (4..teacher.height() as u32).find(|r| text(&teacher, *r, 0) == pai.period.to_string()).unwrap();
        assert!(text(&teacher, pai_row, 1 + pai.weekday as u32).starts_with("PAI Islam\nVII-A (VII-A Islam)"), "{:?}", text(&teacher, pai_row, 1 + pai.weekday as u32));

        let site = w.app.timetable_html(&w.admin, t.id(), schooldesk_documents::Language::En).await.unwrap();
        let page = |name: &str| site.iter().find(|(f, _)| f == name).map(|(_, t)| t.clone()).unwrap_or_else(|| panic!("no {name}: {:?}", site.iter().map(|x| &x.0).collect::<Vec<_>>()));
        let index = page("index.html");
        assert!(index.contains("href=\"class-vii-c.html\">VII-C</a>"), "{index}");
        assert!(index.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{index}");
        for (file, text) in &site {
            assert!(!text.to_lowercase().contains("<script"), "{file} has a script");
            assert!(text.contains("@media print"), "{file}");
        }
        let vii_c = page("class-vii-c.html");
        let at = format!("data-day=\"{}\" data-period=\"{}\">", ipa.weekday, ipa.period);
        let cell = &vii_c[vii_c.find(&at).unwrap_or_else(|| panic!("{at} in {vii_c}"))..];
        let cell = &cell[..cell.find("</td>").unwrap()];
        assert!(cell.contains("<span class=\"s\">IPA</span>"), "{cell}");
        assert!(cell.contains("Lab IPA"), "{cell}");
        let script_page = site.iter().find(|(f, _)| f.starts_with("teacher-script")).expect("the teacher's page");
        assert!(script_page.1.contains("<h1>Teacher: &lt;script&gt;alert(1)&lt;/script&gt;</h1>"), "{}", script_page.1);
    }
}
