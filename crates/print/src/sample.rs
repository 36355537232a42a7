//! Sample data: what a template is checked against, and what a school sees
//! when it previews a template before any grades exist.

use schooldesk_documents::{
    Absences, Extracurricular, Language, Ledger, LedgerRow, Person, ReportCard, School, Signatures,
    Student, SubjectGroup, SubjectRow,
};

/// A plain logo used when checking a template (a template that shows the
/// logo must accept an image there).
pub(crate) const SAMPLE_LOGO_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100"><circle cx="50" cy="50" r="46" fill="none" stroke="#1f4e79" stroke-width="6"/><path d="M50 18 L78 70 L22 70 Z" fill="#1f4e79"/></svg>"##;

fn school() -> School {
    School {
        name: "SMP Negeri 1 Contoh".into(),
        npsn: "20212345".into(),
        address: "Jl. Pendidikan No. 1, Kota Contoh".into(),
        principal: Person {
            name: "Dra. Siti Rahmawati, M.Pd.".into(),
            nip: "196805121994032004".into(),
        },
        place: "Kota Contoh".into(),
        date: "19 Desember 2026".into(),
    }
}

fn row(subject: &str, grade: &str, description: &str) -> SubjectRow {
    SubjectRow {
        subject: subject.into(),
        grade: grade.into(),
        description: description.into(),
    }
}

/// A one-student card in Bahasa Indonesia, every field filled.
pub fn sample_report_card() -> ReportCard {
    ReportCard {
        language: Language::Id,
        draft: false,
        school: school(),
        student: Student {
            name: "Ahmad Fauzi Nugroho".into(),
            nis: "2324001".into(),
            nisn: "0112345678".into(),
            class: "VII A".into(),
            phase: "D".into(),
            semester: "1 (Ganjil)".into(),
            year: "2026/2027".into(),
        },
        groups: vec![
            SubjectGroup {
                name: "Kelompok Mata Pelajaran Umum".into(),
                rows: vec![
                    row("Pendidikan Agama Islam dan Budi Pekerti", "88", "Menunjukkan penguasaan yang baik dalam membaca Al-Qur'an dengan tajwid yang benar; perlu ditingkatkan dalam menghafal surah pendek."),
                    row("Pendidikan Pancasila", "85", "Menunjukkan penguasaan yang baik dalam menjelaskan nilai-nilai Pancasila dalam kehidupan sehari-hari."),
                    row("Bahasa Indonesia", "90", "Menunjukkan penguasaan yang baik dalam menulis teks deskripsi; perlu ditingkatkan dalam menyunting ejaan."),
                    row("Matematika", "78", "Menunjukkan penguasaan yang baik dalam operasi bilangan bulat; perlu ditingkatkan dalam menyelesaikan soal cerita perbandingan."),
                    row("Ilmu Pengetahuan Alam", "82", "Menunjukkan penguasaan yang baik dalam mengklasifikasikan makhluk hidup."),
                    row("Ilmu Pengetahuan Sosial", "84", "Menunjukkan penguasaan yang baik dalam membaca peta dan memahami kondisi geografis Indonesia."),
                    row("Bahasa Inggris", "80", "Menunjukkan penguasaan yang baik dalam memperkenalkan diri; perlu ditingkatkan dalam menulis kalimat sederhana."),
                ],
            },
            SubjectGroup {
                name: "Muatan Lokal".into(),
                rows: vec![row("Bahasa Sunda", "86", "Menunjukkan penguasaan yang baik dalam membaca aksara Sunda.")],
            },
        ],
        extracurriculars: vec![
            Extracurricular { name: "Pramuka".into(), grade: "Baik".into(), note: "Aktif dalam kegiatan perkemahan.".into() },
            Extracurricular { name: "Futsal".into(), grade: "Sangat Baik".into(), note: String::new() },
        ],
        absences: Absences { sick: 2, excused: 1, unexcused: 0 },
        homeroom_note: "Ananda menunjukkan semangat belajar yang baik. Pertahankan dan tingkatkan prestasimu.".into(),
        parent_response: String::new(),
        promotion: None,
        signatures: Signatures {
            parent: String::new(),
            homeroom: Person { name: "Budi Hartono, S.Pd.".into(), nip: "198703152010011002".into() },
        },
        verify_qr: Some("SCHOOLDESK-VERIFY-SAMPLE".into()),
    }
}

/// A small class ledger in Bahasa Indonesia.
pub fn sample_ledger() -> Ledger {
    let subjects = [
        "PAI", "PPKn", "B. Indo", "MTK", "IPA", "IPS", "B. Ing", "Seni", "PJOK", "Inf", "B. Sunda",
    ];
    let names = [
        "Ahmad Fauzi Nugroho",
        "Bunga Citra Lestari",
        "Cahya Putri Ramadhani",
        "Dimas Aditya Pratama",
        "Eka Wulandari",
    ];
    let rows = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let grades: Vec<String> = (0..subjects.len())
                .map(|s| (75 + (i * 7 + s * 3) % 24).to_string())
                .collect();
            let total: usize = grades.iter().map(|g| g.parse::<usize>().unwrap_or(0)).sum();
            LedgerRow {
                name: (*name).into(),
                nis: format!("23240{:02}", i + 1),
                average: {
                    let hundredths = (total * 100 + subjects.len() / 2) / subjects.len();
                    format!("{},{:02}", hundredths / 100, hundredths % 100)
                },
                total: total.to_string(),
                grades,
                rank: String::new(),
            }
        })
        .collect::<Vec<_>>();
    let mut ranked = rows.clone();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.total.parse::<usize>().unwrap_or(0)));
    let rows = rows
        .into_iter()
        .map(|mut r| {
            r.rank = (ranked.iter().position(|x| x.nis == r.nis).unwrap_or(0) + 1).to_string();
            r
        })
        .collect();
    Ledger {
        language: Language::Id,
        draft: false,
        school: school(),
        class: "VII A".into(),
        term: "Semester 1 (Ganjil) 2026/2027".into(),
        homeroom: Person {
            name: "Budi Hartono, S.Pd.".into(),
            nip: "198703152010011002".into(),
        },
        subjects: subjects.iter().map(|s| (*s).to_string()).collect(),
        rows,
    }
}
