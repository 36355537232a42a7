//! Renders cards and ledgers and READS THE PDF BACK with poppler's
//! `pdftotext -layout` and `pdfinfo` (poppler-utils, installed by
//! scripts/install-deps.sh). PNG renders for people to look at go to
//! target/print-renders/.

use std::path::{Path, PathBuf};
use std::process::Command;

use schooldesk_print::*;

fn renders_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("print-renders");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes the PDF under target/print-renders/NAME.pdf, with PNGs beside it.
fn save(name: &str, pdf: &[u8]) -> PathBuf {
    let path = renders_dir().join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-r", "60", "-png"])
        .arg(&path)
        .arg(renders_dir().join(name))
        .status()
        .expect("pdftoppm (poppler-utils) must be installed: scripts/install-deps.sh");
    assert!(status.success());
    path
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed: scripts/install-deps.sh");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The letters of the diagonal text (the DRAFT watermark), sorted: what
/// pdftotext finds minus what it finds with -nodiag.
fn diagonal_letters(path: &Path) -> String {
    let letters = |extra: &[&str]| -> Vec<char> {
        let out = Command::new("pdftotext")
            .args(extra)
            .arg(path)
            .arg("-")
            .output()
            .expect("pdftotext");
        let mut v: Vec<char> = String::from_utf8(out.stdout)
            .unwrap()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        v.sort_unstable();
        v
    };
    let mut rest = letters(&[]);
    for c in letters(&["-nodiag"]) {
        let at = rest
            .iter()
            .position(|x| *x == c)
            .expect("-nodiag finds a subset");
        rest.remove(at);
    }
    rest.into_iter().collect()
}

/// The watermark's letters, once per page.
fn watermark(word: &str, pages: usize) -> String {
    let mut v: Vec<char> = word.repeat(pages).chars().collect();
    v.sort_unstable();
    v.into_iter().collect()
}

/// pdfinfo's "Key: value" lines.
fn pdfinfo(path: &Path, key: &str) -> String {
    let out = Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo (poppler-utils)");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .find_map(|l| {
            l.strip_prefix(&format!("{key}:"))
                .map(|v| v.trim().to_owned())
        })
        .unwrap_or_else(|| panic!("pdfinfo has no {key}: {text}"))
}

fn no_progress() -> impl FnMut(Progress) -> bool {
    |_| true
}

fn render<T: Printable>(
    engine: &Engine,
    builtin: Builtin,
    layout: &Layout,
    copies: &[T],
) -> Vec<u8> {
    engine
        .render(
            &Template::builtin(builtin),
            layout,
            &Assets::default(),
            &Options::default(),
            copies,
            &mut no_progress(),
        )
        .unwrap()
        .0
}

/// pdftotext of pages first..=last only.
fn pdftotext_pages(path: &Path, first: usize, last: usize) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-f", &first.to_string(), "-l", &last.to_string()])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8(out.stdout).unwrap()
}

fn pages(path: &Path) -> usize {
    pdfinfo(path, "Pages").parse().unwrap()
}

/// Index of each needle in `text`, asserting each is present and after the
/// previous one.
fn assert_in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        let at = text[from..].find(needle).unwrap_or_else(|| {
            panic!("{needle:?} missing (or out of order) after byte {from} in:\n{text}")
        });
        from += at + needle.len();
    }
}

/// A long card: 14 subjects with ~250-character descriptions (two pages).
fn long_card(name: &str) -> ReportCard {
    let mut card = sample_report_card();
    card.student.name = name.into();
    let rows = (1..=14)
        .map(|i| SubjectRow {
            subject: format!("Mata Pelajaran {i:02}"),
            grade: format!("{}", 70 + i),
            description: format!(
                "Deskripsi{i:02} Ananda menunjukkan penguasaan yang baik dalam memahami konsep dasar dan menerapkannya dalam pemecahan masalah sehari-hari serta menyampaikan gagasan secara runtut; perlu ditingkatkan dalam menuliskan langkah penyelesaian secara lengkap akhir{i:02}."
            ),
        })
        .collect::<Vec<_>>();
    card.groups = vec![
        SubjectGroup {
            name: "Kelompok Umum".into(),
            rows: rows[..11].to_vec(),
        },
        SubjectGroup {
            name: "Muatan Lokal".into(),
            rows: rows[11..].to_vec(),
        },
    ];
    card
}

#[test]
fn every_builtin_template_passes_its_check_and_can_be_exported() {
    let engine = Engine::new();
    for builtin in Builtin::ALL {
        let template = Template::builtin(builtin);
        assert!(
            template.source().contains("#let card(data, opts)"),
            "{}",
            builtin.name()
        );
        assert!(
            template.source().contains("#let footer(data, opts)"),
            "{}",
            builtin.name()
        );
        engine
            .check(&template)
            .unwrap_or_else(|p| panic!("{}: {p:?}", builtin.name()));
        // An exported template loaded back as a school's own is the same.
        let again = Template::custom("copy.typ", template.source(), builtin);
        engine.check(&again).unwrap();
    }
}

#[test]
fn sample_rapor_prints_identity_grades_and_descriptions_in_order() {
    let engine = Engine::new();
    let card = sample_report_card();
    let pdf = render(
        &engine,
        Builtin::Rapor,
        &Layout::default(),
        std::slice::from_ref(&card),
    );
    let path = save("sample-rapor", &pdf);
    let text = pdftotext(&path);
    assert_in_order(
        &text,
        &[
            "SMP NEGERI 1 CONTOH",
            "NPSN: 20212345",
            "LAPORAN HASIL BELAJAR",
            "Ahmad Fauzi Nugroho",
            "2324001 / 0112345678",
            "Kelompok Mata Pelajaran Umum",
            "Pendidikan Agama Islam",
            "88",
            "Menunjukkan penguasaan yang baik dalam membaca Al-Qur",
            "Matematika",
            "78",
            "Muatan Lokal",
            "Bahasa Sunda",
            // Extracurriculars and absences stand side by side.
            "Kegiatan Ekstrakurikuler",
            "Ketidakhadiran",
            "Pramuka",
            "Sakit",
            "Catatan Wali Kelas",
            "Tanggapan Orang Tua/Wali",
        ],
    );
    let all: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "Budi Hartono, S.Pd.",
        "NIP 198703152010011002",
        "Dra. Siti Rahmawati, M.Pd.",
        "Kota Contoh, 19 Desember 2026",
    ] {
        assert!(all.contains(needle), "{needle} missing:\n{text}");
    }
    assert_eq!(diagonal_letters(&path), "", "no watermark unless asked");
}

#[test]
fn a_two_page_card_repeats_the_table_header_and_each_card_restarts_its_page_counter() {
    let engine = Engine::new();
    let cards = [
        long_card("Siti Aminah"),
        long_card("Rudi Hermawan"),
        long_card("Wayan Sudarsana"),
    ];
    let pdf = render(&engine, Builtin::Rapor, &Layout::default(), &cards);
    let path = save("rapor-two-page", &pdf);
    assert_eq!(pages(&path), 6, "three cards of two pages each");
    let page2 = pdftotext_pages(&path, 2, 2);
    assert!(
        page2.contains("Mata Pelajaran") && page2.contains("Capaian Kompetensi"),
        "header repeated:\n{page2}"
    );
    assert!(
        page2.contains("Halaman 2") && page2.contains("Siti Aminah"),
        "{page2}"
    );
    let page3 = pdftotext_pages(&path, 3, 3);
    assert!(
        page3.contains("Halaman 1") && page3.contains("Rudi Hermawan"),
        "counter restarts per card:\n{page3}"
    );
    // All 14 descriptions of the second card, in order, on its two pages.
    let second = pdftotext_pages(&path, 3, 4);
    let marks: Vec<String> = (1..=14).map(|i| format!("Deskripsi{i:02}")).collect();
    assert_in_order(
        &second,
        &marks.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let ends: Vec<String> = (1..=14).map(|i| format!("akhir{i:02}")).collect();
    assert_in_order(
        &second,
        &ends.iter().map(String::as_str).collect::<Vec<_>>(),
    );
}

#[test]
fn batches_written_on_two_threads_join_into_one_file_in_order() {
    // Batches of two on two threads: seven cards are four batches (the last
    // one short), each written as its own PDF and joined in order.
    let engine = Engine::new().with_batch(2).with_threads(2);
    let names: Vec<String> = (1..=7).map(|i| format!("Murid Urutan {i}")).collect();
    let cards: Vec<ReportCard> = names.iter().map(|n| long_card(n)).collect();
    let pdf = render(&engine, Builtin::Rapor, &Layout::default(), &cards);
    let path = save("joined-batches", &pdf);
    assert_eq!(pages(&path), 14, "seven cards of two pages");
    // Poppler reads the joined file without a complaint.
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "poppler complained"
    );
    for (i, name) in names.iter().enumerate() {
        let first = pdftotext_pages(&path, 2 * i + 1, 2 * i + 1);
        assert!(
            first.contains(name) && first.contains("Halaman 1"),
            "card {} should start on page {}:\n{first}",
            i + 1,
            2 * i + 1
        );
        let second = pdftotext_pages(&path, 2 * i + 2, 2 * i + 2);
        assert!(
            second.contains("Halaman 2") && second.contains("akhir14"),
            "{second}"
        );
    }
}

/// A disk that fills up after `room` bytes.
struct FullDisk {
    room: usize,
}

impl std::io::Write for FullDisk {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.len() > self.room {
            return Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left on device",
            ));
        }
        self.room -= buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_full_disk_while_joining_is_an_error_not_a_short_file() {
    let engine = Engine::new().with_batch(1);
    let cards = [long_card("Satu"), long_card("Dua")];
    let result = engine.render_to(
        &Template::builtin(Builtin::Rapor),
        &Layout::default(),
        &Assets::default(),
        &Options::default(),
        &cards,
        &mut no_progress(),
        FullDisk { room: 20_000 },
    );
    match result {
        Err(PrintError::Sink(message)) => {
            assert!(message.contains("no space left"), "{message}")
        }
        Err(other) => panic!("expected the write error, got {other}"),
        Ok(_) => panic!("a full disk must fail the job"),
    }
}

#[test]
fn data_is_never_markup_a_name_full_of_typst_syntax_prints_literally() {
    let engine = Engine::new();
    let mut card = sample_report_card();
    let name = "*Budi_ #Santoso $x$ <a> @b =";
    card.student.name = name.into();
    card.homeroom_note =
        "#panic(\"injected\") ]) } // not a comment /* nor this */ \\ `raw`".into();
    let pdf = render(&engine, Builtin::Rapor, &Layout::default(), &[card]);
    let path = save("literal-name", &pdf);
    let text = pdftotext(&path);
    assert!(text.contains(name), "the name must print exactly:\n{text}");
    assert!(
        text.contains("#panic(\"injected\") ]) } // not a comment /* nor this */ \\ `raw`"),
        "{text}"
    );
}

#[test]
fn f4_a3_and_letter_sizes_reach_the_pdf() {
    let engine = Engine::new();
    let f4 = Layout {
        paper: Paper::F4,
        ..Layout::default()
    };
    let path = save(
        "rapor-f4",
        &render(&engine, Builtin::Rapor, &f4, &[sample_report_card()]),
    );
    // 215 x 330 mm in points.
    assert_eq!(
        pdfinfo(&path, "Page size").split(" pts").next().unwrap(),
        "609.449 x 935.433"
    );
    let letter = Layout {
        paper: Paper::Letter,
        ..Layout::default()
    };
    let path = save(
        "rapor-letter",
        &render(&engine, Builtin::Report, &letter, &[sample_report_card()]),
    );
    assert!(
        pdfinfo(&path, "Page size").starts_with("612 x 792"),
        "{}",
        pdfinfo(&path, "Page size")
    );
    let a3 = Layout {
        paper: Paper::A3,
        landscape: true,
        ..Layout::ledger()
    };
    let path = save(
        "ledger-a3",
        &render(&engine, Builtin::Ledger, &a3, &[sample_ledger()]),
    );
    assert!(
        pdfinfo(&path, "Page size").starts_with("1190.55 x 841.89"),
        "{}",
        pdfinfo(&path, "Page size")
    );
}

#[test]
fn the_ledger_continues_across_pages_with_its_header_and_ranks() {
    let engine = Engine::new();
    let mut ledger = sample_ledger();
    let template_row = ledger.rows[0].clone();
    ledger.rows = (1..=70)
        .map(|i| LedgerRow {
            name: format!("Siswa Nomor {i:02}"),
            nis: format!("99{i:04}"),
            rank: i.to_string(),
            ..template_row.clone()
        })
        .collect();
    let path = save(
        "ledger-f4-long",
        &render(&engine, Builtin::Ledger, &Layout::ledger(), &[ledger]),
    );
    let n = pages(&path);
    assert!(n >= 2, "70 students continue on a second page, got {n}");
    assert!(
        pdfinfo(&path, "Page size").starts_with("935.433 x 609.449"),
        "F4 landscape"
    );
    for page in 1..=n {
        let text = pdftotext_pages(&path, page, page);
        assert!(
            text.contains("Nama Peserta Didik") && text.contains("Peringkat"),
            "header on page {page}:\n{text}"
        );
        assert!(text.contains("B. Sunda"), "subject columns on page {page}");
    }
    let all = pdftotext(&path);
    let names: Vec<String> = (1..=70).map(|i| format!("Siswa Nomor {i:02}")).collect();
    assert_in_order(&all, &names.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn english_labels_follow_the_data_language_in_both_card_templates() {
    let engine = Engine::new();
    let mut card = sample_report_card();
    card.language = Language::En;
    let path = save(
        "rapor-en",
        &render(
            &engine,
            Builtin::Rapor,
            &Layout::default(),
            std::slice::from_ref(&card),
        ),
    );
    let text = pdftotext(&path);
    assert!(
        text.contains("STUDENT LEARNING REPORT") && text.contains("Learning achievement"),
        "{text}"
    );
    assert!(!text.contains("Capaian Kompetensi"));
    let path = save(
        "report-en",
        &render(
            &engine,
            Builtin::Report,
            &Layout::default(),
            std::slice::from_ref(&card),
        ),
    );
    let text = pdftotext(&path);
    assert!(
        text.contains("Term Report")
            && text.contains("Ahmad Fauzi Nugroho")
            && text.contains("Comments"),
        "{text}"
    );
    card.language = Language::Id;
    let path = save(
        "report-id",
        &render(&engine, Builtin::Report, &Layout::default(), &[card]),
    );
    assert!(pdftotext(&path).contains("Laporan Hasil Belajar"));
}

#[test]
fn draft_watermark_and_blank_letterhead() {
    let engine = Engine::new();
    let mut card = sample_report_card();
    card.draft = true;
    let layout = Layout {
        letterhead: false,
        margins_mm: Margins {
            top: 45.0,
            ..Margins::default()
        },
        ..Layout::default()
    };
    let path = save(
        "rapor-draft-letterhead",
        &render(
            &engine,
            Builtin::Rapor,
            &layout,
            std::slice::from_ref(&card),
        ),
    );
    assert_eq!(
        diagonal_letters(&path),
        watermark("DRAF", pages(&path)),
        "watermark on every page"
    );
    let text = pdftotext(&path);
    assert!(
        !text.contains("NPSN"),
        "no school header on pre-printed paper:\n{text}"
    );
    // The job's option watermarks copies that did not ask for it.
    card.draft = false;
    let (pdf, _) = engine
        .render(
            &Template::builtin(Builtin::Rapor),
            &Layout::default(),
            &Assets::default(),
            &Options { draft: true },
            &[card],
            &mut no_progress(),
        )
        .unwrap();
    let path = save("rapor-draft-option", &pdf);
    assert_eq!(diagonal_letters(&path), watermark("DRAF", pages(&path)));
}

#[test]
fn one_pdf_per_copy_each_with_only_its_own_student() {
    let engine = Engine::new();
    let names = ["Ani Suryani", "Bayu Saputra", "Citra Dewi"];
    let mut cards: Vec<ReportCard> = names.iter().map(|n| long_card(n)).collect();
    cards[1] = {
        let mut c = sample_report_card();
        c.student.name = names[1].into();
        c
    };
    let mut files = Vec::new();
    engine
        .render_each(
            &Template::builtin(Builtin::Rapor),
            &Layout::default(),
            &Assets::default(),
            &Options::default(),
            &cards,
            &mut no_progress(),
            &mut |i, card, pdf| {
                assert_eq!(card.student.name, names[i]);
                files.push(save(&format!("per-copy-{}", i + 1), &pdf));
                Ok(())
            },
        )
        .unwrap();
    assert_eq!(files.len(), 3);
    let short = save(
        "per-copy-short-alone",
        &render(&engine, Builtin::Rapor, &Layout::default(), &cards[1..2]),
    );
    let expected = [2, pages(&short), 2];
    for (i, file) in files.iter().enumerate() {
        assert_eq!(pages(file), expected[i], "{}", names[i]);
        let text = pdftotext(file);
        for (j, other) in names.iter().enumerate() {
            assert_eq!(text.contains(other), i == j, "{other} in file {}", i + 1);
        }
    }
}

#[test]
fn progress_is_reported_and_cancel_stops_the_job() {
    let engine = Engine::new();
    let cards: Vec<ReportCard> = (0..BATCH + 3)
        .map(|i| {
            let mut c = sample_report_card();
            c.student.name = format!("Murid {i}");
            c
        })
        .collect();
    let mut seen = Vec::new();
    engine
        .render(
            &Template::builtin(Builtin::Rapor),
            &Layout::default(),
            &Assets::default(),
            &Options::default(),
            &cards,
            &mut |p| {
                seen.push(p);
                true
            },
        )
        .unwrap();
    assert_eq!(
        seen.last(),
        Some(&Progress {
            done: BATCH + 3,
            total: BATCH + 3
        })
    );
    assert_eq!(seen.len(), 2, "one call per batch");
    let err = engine
        .render(
            &Template::builtin(Builtin::Rapor),
            &Layout::default(),
            &Assets::default(),
            &Options::default(),
            &cards,
            &mut |_| false,
        )
        .unwrap_err();
    assert!(matches!(err, PrintError::Cancelled), "{err}");
}

#[test]
fn a_broken_template_reports_line_and_column_and_the_builtin_prints_instead() {
    let engine = Engine::new();
    let mut source = Builtin::Rapor.source().to_owned();
    // Line 3 of the edited file calls a function that does not exist.
    source.insert_str(
        0,
        "// my school's rapor\n\n#let oops = undefined-function(1)\n",
    );
    let broken = Template::custom("rapor-sekolah.typ", source, Builtin::Rapor);
    let problems = engine.check(&broken).unwrap_err();
    assert_eq!(
        (problems[0].line, problems[0].column),
        (Some(3), Some(13)),
        "{problems:?}"
    );
    assert!(
        problems[0].message.contains("unknown variable"),
        "{problems:?}"
    );
    assert!(problems[0].to_string().starts_with("line 3, column 13: "));

    let (pdf, report) = engine
        .render(
            &broken,
            &Layout::default(),
            &Assets::default(),
            &Options::default(),
            &[sample_report_card()],
            &mut no_progress(),
        )
        .unwrap();
    assert_eq!(
        report.template_problems, problems,
        "the problems come back with the print"
    );
    assert!(pdftotext(&save("broken-template-fallback", &pdf)).contains("Ahmad Fauzi Nugroho"));

    // A template that lacks `footer` names the contract.
    let no_footer = Template::custom(
        "x.typ",
        "#let card(data, opts) = [#data.student.name]",
        Builtin::Rapor,
    );
    let problems = engine.check(&no_footer).unwrap_err();
    assert!(
        problems[0].message.contains("footer(data, opts)"),
        "{problems:?}"
    );
}

#[test]
fn a_template_that_fails_only_on_real_data_falls_back_for_that_batch() {
    let engine = Engine::new();
    let source = Builtin::Rapor.source().replace(
        "#let card(data, opts) = {",
        "#let card(data, opts) = {\n  if data.student.name == \"Boom\" { panic(\"no\") }",
    );
    let fragile = Template::custom("fragile.typ", source, Builtin::Rapor);
    engine.check(&fragile).unwrap();
    let mut boom = sample_report_card();
    boom.student.name = "Boom".into();
    let (pdf, report) = engine
        .render(
            &fragile,
            &Layout::default(),
            &Assets::default(),
            &Options::default(),
            &[sample_report_card(), boom],
            &mut no_progress(),
        )
        .unwrap();
    assert!(!report.template_problems.is_empty());
    assert!(
        report.template_problems[0].line.is_some(),
        "{:?}",
        report.template_problems
    );
    let text = pdftotext(&save("fragile-template-fallback", &pdf));
    assert!(text.contains("Boom") && text.contains("Ahmad Fauzi Nugroho"));
}

#[test]
fn a_missing_or_corrupt_logo_is_an_error_naming_it() {
    let engine = Engine::new();
    let go = |assets: &Assets| {
        engine.render(
            &Template::builtin(Builtin::Rapor),
            &Layout::default(),
            assets,
            &Options::default(),
            &[sample_report_card()],
            &mut no_progress(),
        )
    };
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(b"this is not really a png");
    let err = go(&Assets {
        logo: Some(Asset::new("logo-sekolah.png", png)),
        signature: None,
    })
    .unwrap_err();
    assert!(
        matches!(err, PrintError::Asset { asset: "logo", .. }),
        "{err}"
    );
    assert!(err.to_string().contains("logo-sekolah.png"), "{err}");
    let err = go(&Assets {
        logo: Some(Asset::new("kosong.png", Vec::new())),
        signature: None,
    })
    .unwrap_err();
    assert!(
        err.to_string().contains("kosong.png") && err.to_string().contains("empty"),
        "{err}"
    );
    let err = go(&Assets {
        logo: None,
        signature: Some(Asset::new("ttd.txt", b"hello".to_vec())),
    })
    .unwrap_err();
    assert!(
        err.to_string().contains("signature image 'ttd.txt'"),
        "{err}"
    );
    let err = Asset::read("logo", Path::new("/nonexistent/logo.png")).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/logo.png"), "{err}");

    // A good SVG logo and signature print (look at the PNG).
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80"><rect x="5" y="5" width="70" height="70" fill="#2a6"/></svg>"##.to_vec();
    let assets = Assets {
        logo: Some(Asset::new("logo.svg", svg.clone())),
        signature: Some(Asset::new("ttd.svg", svg)),
    };
    let (pdf, _) = go(&assets).unwrap();
    save("rapor-logo-signature", &pdf);
}

#[test]
fn a_character_no_bundled_font_has_is_an_error_naming_it_and_the_student() {
    let engine = Engine::new();
    let mut card = sample_report_card();
    card.student.name = "Budi 日本".into();
    let err = engine
        .render(
            &Template::builtin(Builtin::Rapor),
            &Layout::default(),
            &Assets::default(),
            &Options::default(),
            &[card],
            &mut no_progress(),
        )
        .unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(
            err,
            PrintError::UnsupportedCharacter {
                character: '日',
                ..
            }
        ),
        "{text}"
    );
    assert!(
        text.contains("U+65E5") && text.contains("Budi 日本") && text.contains("student.name"),
        "{text}"
    );

    // Indonesian names in Latin script all print.
    let names = [
        "Ni Luh Putu Ayu Saraswati",
        "I Gusti Ngurah Rai",
        "Andi Muh. Ichsan",
        "Fa'iz Al-Fatih",
        "Zoë Ratnasari",
        "Maria Goretti Wuryaningsih",
        "Ratna Sari Dewi-Putri",
        "René Sitompul",
        "Ṣalāḥ Abdurrahman",
        "Bonifasius Ngurah",
        "Muhammad Hafizh Aqil",
    ];
    let cards: Vec<ReportCard> = names
        .iter()
        .map(|n| {
            let mut c = sample_report_card();
            c.student.name = (*n).into();
            c
        })
        .collect();
    let (pdf, _) = engine
        .render(
            &Template::builtin(Builtin::Rapor),
            &Layout::default(),
            &Assets::default(),
            &Options::default(),
            &cards,
            &mut no_progress(),
        )
        .unwrap();
    let text = pdftotext(&save("indonesian-names", &pdf));
    for name in names {
        assert!(text.contains(name), "{name}");
    }
}
