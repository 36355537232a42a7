//! `schooldesk bench report-cards [--cards N]`: N two-page report cards
//! (logo, 14 subjects with ~250-character Indonesian descriptions, generated
//! deterministically here) rendered by the print engine into one combined
//! PDF, and the same cards as HTML through wkhtmltopdf (the engine several
//! web school systems use), side by side: wall time, CPU seconds and peak
//! memory. Both run as child processes under GNU time (`/usr/bin/time`), so
//! both are measured the same way. It prints figures beside the targets; it
//! asserts nothing, and it is not part of the test suite.

use anyhow::{bail, Context, Result};
use schooldesk_print::{
    Absences, Asset, Assets, Builtin, Engine, Extracurricular, Language, Layout, Options, Person,
    Progress, ReportCard, School, Signatures, Student, SubjectGroup, SubjectRow, Template,
};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

#[derive(clap::Subcommand)]
pub enum BenchWhat {
    /// Render N two-page report cards with the print engine and, the same
    /// cards as HTML, with wkhtmltopdf; compare time and memory.
    ReportCards(ReportCardsArgs),
}

#[derive(clap::Args)]
pub struct ReportCardsArgs {
    /// How many cards (two pages each).
    #[arg(long, default_value_t = 1000)]
    cards: usize,
    /// Keep the PDFs and the HTML in this folder (default: a temporary one).
    #[arg(long)]
    keep: Option<PathBuf>,
    /// Internal: render with the engine in this process into FILE.
    #[arg(long, hide = true)]
    child: Option<PathBuf>,
}

pub fn run(what: &BenchWhat) -> ExitCode {
    let BenchWhat::ReportCards(args) = what;
    let result = match &args.child {
        Some(out) => child(args.cards, out),
        None => bench(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

const LOGO_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100"><circle cx="50" cy="50" r="46" fill="none" stroke="#1f4e79" stroke-width="6"/><path d="M50 18 L78 70 L22 70 Z" fill="#1f4e79"/><circle cx="50" cy="55" r="9" fill="#ffffff"/></svg>"##;

const SUBJECTS: [&str; 14] = [
    "Pendidikan Agama Islam dan Budi Pekerti",
    "Pendidikan Pancasila",
    "Bahasa Indonesia",
    "Matematika",
    "Ilmu Pengetahuan Alam",
    "Ilmu Pengetahuan Sosial",
    "Bahasa Inggris",
    "Pendidikan Jasmani, Olahraga, dan Kesehatan",
    "Informatika",
    "Seni Budaya",
    "Prakarya",
    "Bahasa Sunda",
    "Pendidikan Lingkungan Hidup",
    "Baca Tulis Al-Qur'an",
];

const GOOD: [&str; 6] = [
    "memahami konsep dasar dan menerapkannya dalam pemecahan masalah sehari-hari",
    "menyampaikan gagasan secara runtut, jelas, dan santun baik lisan maupun tulisan",
    "menganalisis data sederhana serta menarik kesimpulan yang logis dari hasil pengamatan",
    "bekerja sama dalam kelompok dan menyelesaikan tugas proyek tepat waktu",
    "mengidentifikasi unsur-unsur penting dan menjelaskan hubungan antarunsur dengan contoh",
    "menggunakan alat dan bahan dengan tepat sesuai prosedur keselamatan kerja",
];

const WORK: [&str; 5] = [
    "menuliskan langkah penyelesaian secara lengkap dan memeriksa kembali hasil pekerjaan",
    "membaca teks panjang dengan pemahaman yang mendalam dan mencatat informasi pokok",
    "mengelola waktu belajar secara mandiri dan menyelesaikan latihan soal secara rutin",
    "menerapkan konsep pada situasi baru yang belum pernah dijumpai sebelumnya",
    "menyajikan hasil kerja dengan rapi disertai alasan yang mendukung jawaban",
];

const FIRST: [&str; 10] = [
    "Ahmad", "Siti", "Budi", "Dewi", "Rizky", "Putri", "Agus", "Nur", "Fajar", "Ayu",
];
const LAST: [&str; 10] = [
    "Santoso",
    "Rahmawati",
    "Nugroho",
    "Lestari",
    "Pratama",
    "Wulandari",
    "Hidayat",
    "Kurniawan",
    "Saputra",
    "Maharani",
];

/// A tiny deterministic generator (the same cards every run).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// N cards: 14 subjects, ~250-character descriptions, two pages each.
pub fn cards(n: usize) -> Vec<ReportCard> {
    let mut rng = Lcg(12);
    (0..n)
        .map(|i| {
            let rows = SUBJECTS
                .iter()
                .map(|subject| {
                    let grade = 70 + rng.next(30);
                    // ~250 characters, as the issue's cards.
                    let description = format!(
                        "Ananda menunjukkan penguasaan yang baik dalam {}; perlu ditingkatkan dalam {}.",
                        GOOD[rng.next(GOOD.len())],
                        WORK[rng.next(WORK.len())],
                    );
                    SubjectRow { subject: (*subject).into(), grade: grade.to_string(), description }
                })
                .collect::<Vec<_>>();
            let (general, local) = rows.split_at(11);
            ReportCard {
                language: Language::Id,
                draft: false,
                school: School {
                    name: "SMP Negeri 1 Contoh".into(),
                    npsn: "20212345".into(),
                    address: "Jl. Pendidikan No. 1, Kota Contoh".into(),
                    principal: Person {
                        name: "Dra. Siti Rahmawati, M.Pd.".into(),
                        nip: "196805121994032004".into(),
                    },
                    place: "Kota Contoh".into(),
                    date: "19 Desember 2026".into(),
                },
                student: Student {
                    name: format!("{} {} {}", FIRST[rng.next(10)], FIRST[rng.next(10)], LAST[rng.next(10)]),
                    nis: format!("{}", 2_324_000 + i),
                    nisn: format!("01{:08}", 12_340_000 + i),
                    class: format!("VII {}", (b'A' + (i / 32 % 8) as u8) as char),
                    phase: "D".into(),
                    semester: "1 (Ganjil)".into(),
                    year: "2026/2027".into(),
                },
                groups: vec![
                    SubjectGroup { name: "Kelompok Mata Pelajaran Umum".into(), rows: general.to_vec() },
                    SubjectGroup { name: "Muatan Lokal".into(), rows: local.to_vec() },
                ],
                extracurriculars: vec![
                    Extracurricular { name: "Pramuka".into(), grade: "Baik".into(), note: "Aktif dalam perkemahan.".into() },
                    Extracurricular { name: "Futsal".into(), grade: "Sangat Baik".into(), note: String::new() },
                ],
                absences: Absences { sick: rng.next(4) as u32, excused: rng.next(3) as u32, unexcused: rng.next(2) as u32 },
                homeroom_note: "Ananda menunjukkan semangat belajar yang baik. Pertahankan dan tingkatkan prestasimu.".into(),
                parent_response: String::new(),
                promotion: None,
                signatures: Signatures {
                    parent: String::new(),
                    homeroom: Person { name: "Budi Hartono, S.Pd.".into(), nip: "198703152010011002".into() },
                },
                verify_qr: None,
            }
        })
        .collect()
}

/// The child run: the engine, in this process, into `out`.
fn child(n: usize, out: &Path) -> Result<()> {
    let began = Instant::now();
    let engine = Engine::new();
    let cards = cards(n);
    let assets = Assets {
        logo: Some(Asset::new("logo.svg", LOGO_SVG.as_bytes().to_vec())),
        signature: None,
    };
    let file = std::io::BufWriter::new(std::fs::File::create(out)?);
    let (_, report) = engine.render_to(
        &Template::builtin(Builtin::Rapor),
        &Layout::default(),
        &assets,
        &Options::default(),
        &cards,
        &mut |_: Progress| true,
        file,
    )?;
    let bytes = std::fs::metadata(out)?.len();
    if report.pages != 2 * n {
        bail!(
            "the cards should have two pages each, got {} pages for {n} cards",
            report.pages
        );
    }
    // One line the parent reads.
    let line = format!(
        "pages={} bytes={} setup={:.2} compile={:.2} pdf={:.2} join={:.2} wall={:.2}",
        report.pages,
        bytes,
        report.timings.setup.as_secs_f64(),
        report.timings.compile.as_secs_f64(),
        report.timings.pdf.as_secs_f64(),
        report.timings.join.as_secs_f64(),
        began.elapsed().as_secs_f64()
    );
    std::io::Write::write_all(&mut std::io::stdout(), format!("{line}\n").as_bytes())?;
    Ok(())
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The same cards as one HTML file, laid out as the rapor template does.
fn html(cards: &[ReportCard]) -> String {
    let mut h = String::from(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { font-family: serif; font-size: 10.5pt; }
.card { page-break-after: always; }
.head { border-bottom: 3px double #000; }
.head svg { width: 2cm; height: 2cm; }
h1 { font-size: 13pt; text-align: center; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
td, th { border: 0.5pt solid #000; padding: 3pt; vertical-align: top; font-size: 10pt; }
th { background: #e1e1e1; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.sig { page-break-inside: avoid; width: 100%; margin-top: 10pt; text-align: center; }
</style></head><body>"#,
    );
    for c in cards {
        let s = &c.school;
        let st = &c.student;
        let _ = write!(
            h,
            r#"<div class="card"><table class="head"><tr><td style="border:none;width:2.2cm">{LOGO_SVG}</td><td style="border:none;text-align:center"><b>{}</b><br>{}<br>NPSN: {}</td></tr></table>
<h1>LAPORAN HASIL BELAJAR<br>(RAPOR)</h1>
<table style="border:none"><tr><td style="border:none">Nama Peserta Didik: <b>{}</b><br>NIS / NISN: {} / {}<br>Nama Sekolah: {}<br>Alamat: {}</td>
<td style="border:none">Kelas: {}<br>Fase: {}<br>Semester: {}<br>Tahun Pelajaran: {}</td></tr></table>
<table><thead><tr><th>No</th><th>Mata Pelajaran</th><th>Nilai Akhir</th><th>Capaian Kompetensi</th></tr></thead><tbody>"#,
            esc(&s.name),
            esc(&s.address),
            esc(&s.npsn),
            esc(&st.name),
            esc(&st.nis),
            esc(&st.nisn),
            esc(&s.name),
            esc(&s.address),
            esc(&st.class),
            esc(&st.phase),
            esc(&st.semester),
            esc(&st.year)
        );
        let mut n = 0;
        for g in &c.groups {
            let _ = write!(
                h,
                r#"<tr><td colspan="4"><b>{}</b></td></tr>"#,
                esc(&g.name)
            );
            for r in &g.rows {
                n += 1;
                let _ = write!(
                    h,
                    "<tr><td>{n}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&r.subject),
                    esc(&r.grade),
                    esc(&r.description)
                );
            }
        }
        h.push_str("</tbody></table><table><thead><tr><th>No</th><th>Kegiatan Ekstrakurikuler</th><th>Predikat</th><th>Keterangan</th></tr></thead>");
        for (i, e) in c.extracurriculars.iter().enumerate() {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                i + 1,
                esc(&e.name),
                esc(&e.grade),
                esc(&e.note)
            );
        }
        let a = c.absences;
        let _ = write!(
            h,
            r#"</table><table><tr><th colspan="2">Ketidakhadiran</th></tr><tr><td>Sakit</td><td>{} hari</td></tr><tr><td>Izin</td><td>{} hari</td></tr><tr><td>Tanpa Keterangan</td><td>{} hari</td></tr></table>
<table><tr><th>Catatan Wali Kelas</th></tr><tr><td>{}</td></tr></table><table><tr><th>Tanggapan Orang Tua/Wali</th></tr><tr><td style="height:1.4cm"></td></tr></table>
<table class="sig" style="border:none"><tr><td style="border:none">Orang Tua/Wali<br><br><br><br>..............................</td><td style="border:none">{}, {}<br>Wali Kelas<br><br><br><b><u>{}</u></b><br>NIP {}</td></tr>
<tr><td colspan="2" style="border:none">Mengetahui,<br>Kepala Sekolah<br><br><br><b><u>{}</u></b><br>NIP {}</td></tr></table></div>"#,
            a.sick,
            a.excused,
            a.unexcused,
            esc(&c.homeroom_note),
            esc(&s.place),
            esc(&s.date),
            esc(&c.signatures.homeroom.name),
            esc(&c.signatures.homeroom.nip),
            esc(&s.principal.name),
            esc(&s.principal.nip)
        );
    }
    h.push_str("</body></html>");
    h
}

/// Wall seconds, CPU seconds (user + system) and peak RSS in MB of a child
/// run under GNU time.
struct Measured {
    wall: f64,
    cpu: f64,
    rss_mb: f64,
    stdout: String,
}

fn timed(mut command: Command, dir: &Path, name: &str) -> Result<Measured> {
    let times = dir.join(format!("{name}.time"));
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(ToOwned::to_owned).collect();
    let mut run = Command::new("/usr/bin/time");
    run.arg("-f")
        .arg("%e %U %S %M")
        .arg("-o")
        .arg(&times)
        .arg(&program)
        .args(&args);
    run.stderr(std::process::Stdio::null());
    command = run;
    let out = command
        .output()
        .context("cannot run /usr/bin/time (the Debian package `time`)")?;
    if !out.status.success() {
        bail!("{} failed ({})", program.to_string_lossy(), out.status);
    }
    let line = std::fs::read_to_string(&times)?;
    let f: Vec<f64> = line
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    if f.len() != 4 {
        bail!("cannot read GNU time's figures: {line:?}");
    }
    Ok(Measured {
        wall: f[0],
        cpu: f[1] + f[2],
        rss_mb: f[3] / 1024.0,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    })
}

fn bench(args: &ReportCardsArgs) -> Result<()> {
    let temp = tempfile::tempdir()?;
    let dir = args
        .keep
        .clone()
        .unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir)?;
    let exe = std::env::current_exe()?;
    if !Path::new("/usr/bin/time").exists() {
        bail!("/usr/bin/time is missing: apt-get install time");
    }

    let ours_pdf = dir.join("ours.pdf");
    let mut command = Command::new(&exe);
    command
        .args(["bench", "report-cards", "--cards"])
        .arg(args.cards.to_string())
        .arg("--child")
        .arg(&ours_pdf);
    let ours = timed(command, &dir, "ours")?;
    let detail = ours.stdout.trim().to_owned();

    let mut rows = vec![("schooldesk-print (typst)", Some(ours))];
    let wk = Command::new("wkhtmltopdf").arg("--version").output();
    if wk.is_ok_and(|o| o.status.success()) {
        let html_path = dir.join("cards.html");
        std::fs::write(&html_path, html(&cards(args.cards)))?;
        let mut command = Command::new("wkhtmltopdf");
        command
            .args(["--quiet", "--page-size", "A4", "--enable-local-file-access"])
            .arg(&html_path)
            .arg(dir.join("wkhtmltopdf.pdf"));
        rows.push((
            "wkhtmltopdf (same cards as HTML)",
            Some(timed(command, &dir, "wkhtmltopdf")?),
        ));
    } else {
        rows.push((
            "wkhtmltopdf: NOT INSTALLED (apt-get install wkhtmltopdf)",
            None,
        ));
    }

    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} report cards, A4, logo, 14 subjects with descriptions, one combined PDF",
        args.cards
    );
    let _ = writeln!(
        out,
        "{:<44} {:>9} {:>9} {:>11}",
        "", "wall s", "CPU s", "peak MB"
    );
    for (name, m) in &rows {
        match m {
            Some(m) => {
                let _ = writeln!(
                    out,
                    "{name:<44} {:>9.2} {:>9.2} {:>11.0}",
                    m.wall, m.cpu, m.rss_mb
                );
            }
            None => {
                let _ = writeln!(out, "{name}");
            }
        }
    }
    let _ = writeln!(out, "engine detail: {detail}");
    if let (Some(o), Some(w)) = (&rows[0].1, &rows[1].1) {
        let _ = writeln!(
            out,
            "speed-up (wall): {:.1}x (target >= 3x); peak memory {:.0} MB (target <= 400 MB)",
            w.wall / o.wall,
            o.rss_mb
        );
    }
    if args.keep.is_some() {
        let _ = writeln!(out, "files kept in {}", dir.display());
    }
    std::io::Write::write_all(&mut std::io::stdout(), out.as_bytes())?;
    Ok(())
}
