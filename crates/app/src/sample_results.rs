//! The sample school's results beside its grades (issue 12, item 8): the
//! sample (`sample.rs`) gives every subject a scheme and scores in the first
//! class of each grade; this adds, for the students of those classes, two
//! learning objectives per subject with ticks (so each card has a
//! description), a few days of absence, a homeroom note and Pramuka — so a
//! newcomer prints real-looking report cards in a minute. The grades stay
//! drafts (not approved): approving them is the newcomer's step.
//!
//! Deterministic: seeded by the class's name, the student's place in its
//! roster and the subject's code (never by record ids, which are new each
//! time, or by the clock). One transaction, audited as the sample
//! ("sample").


use crate::{App, AppError, AppResult};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use schooldesk_core::*;
use schooldesk_store::{ChangeSet, Query};
use std::collections::{HashMap, HashSet};

/// What [`App::add_sample_results`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SampleResults {
    /// Students given ticks, absences, a note and Pramuka.
    pub students: usize,
    pub objectives: usize,
    pub ticks: usize,
    pub absences: usize,
}

/// Two learning objectives per subject code (Indonesian, English).
fn objectives(code: &str) -> [(&'static str, &'static str); 2] {
    match code {
        "PAI" | "PAK" => [
            ("Meneladani sikap jujur dan tanggung jawab dalam kehidupan sehari-hari", "Following honesty and responsibility in daily life"),
            ("Membaca dan memahami kitab suci dengan tartil", "Reading and understanding the scripture fluently"),
        ],
        "PP" => [
            ("Menjelaskan makna sila-sila Pancasila", "Explaining the meaning of the principles of Pancasila"),
            ("Menerapkan musyawarah dalam kegiatan kelas", "Practising deliberation in class activities"),
        ],
        "BIN" => [
            ("Menulis teks deskripsi dengan struktur yang tepat", "Writing a descriptive text with the right structure"),
            ("Menyimpulkan isi teks berita", "Summarising a news text"),
        ],
        "MTK" => [
            ("Operasi hitung bilangan bulat dan pecahan", "Arithmetic with integers and fractions"),
            ("Perbandingan senilai dan berbalik nilai", "Direct and inverse proportion"),
        ],
        "IPA" => [
            ("Mengklasifikasikan makhluk hidup", "Classifying living things"),
            ("Mengukur besaran dengan alat ukur yang tepat", "Measuring quantities with the right instrument"),
        ],
        "IPS" => [
            ("Menjelaskan kondisi geografis Indonesia", "Describing Indonesia's geography"),
            ("Menganalisis interaksi sosial di lingkungan sekitar", "Analysing social interaction around them"),
        ],
        "BING" => [
            ("Memahami teks deskriptif sederhana", "Understanding simple descriptive texts"),
            ("Berbicara tentang kegiatan sehari-hari", "Talking about daily activities"),
        ],
        "INF" => [
            ("Menerapkan berpikir komputasional", "Applying computational thinking"),
            ("Menggunakan aplikasi pengolah kata", "Using a word processor"),
        ],
        "PJOK" => [
            ("Mempraktikkan gerak dasar permainan bola besar", "Practising the basic moves of ball games"),
            ("Menjaga kebugaran jasmani", "Keeping physically fit"),
        ],
        "SBD" => [
            ("Menggambar dengan teknik arsir", "Drawing with hatching"),
            ("Menyanyikan lagu daerah dengan intonasi yang tepat", "Singing regional songs in tune"),
        ],
        "PKY" => [
            ("Membuat kerajinan dari bahan alam", "Making crafts from natural materials"),
            ("Merancang produk sederhana", "Designing a simple product"),
        ],
        "BSUN" => [
            ("Memahami undak usuk basa Sunda", "Understanding the speech levels of Sundanese"),
            ("Menulis aksara Sunda", "Writing the Sundanese script"),
        ],
        _ => [
            ("Memahami konsep dasar mata pelajaran", "Understanding the subject's basic concepts"),
            ("Menerapkan konsep dalam tugas", "Applying the concepts in assignments"),
        ],
    }
}

const NOTES: [&str; 4] = [
    "Pertahankan semangat belajarmu dan tingkatkan ketelitian.",
    "Sudah menunjukkan kemajuan yang baik; teruslah aktif bertanya di kelas.",
    "Tingkatkan kedisiplinan dalam mengumpulkan tugas.",
    "Prestasimu membanggakan; jadilah teladan bagi teman-temanmu.",
];

/// SplitMix64, as the sample school uses.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// FNV-1a of a name: a seed that is the same on every run.
fn seed(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// The `n`-th school day (Monday to Friday) from `start`.
fn school_day(start: NaiveDate, n: u64) -> NaiveDate {
    let mut day = start;
    let mut left = n;
    loop {
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            if left == 0 {
                return day;
            }
            left -= 1;
        }
        day = day + Days::new(1);
    }
}

impl App {
    /// Fills the sample school's graded classes (see the module). Refused
    /// unless the database holds the sample school without any learning
    /// objective yet.
    pub async fn add_sample_results(&self) -> AppResult<SampleResults> {
        let store = self.store();
        let school = store.first::<School>(Query::all()).await?;
        if !school.as_ref().is_some_and(|s| s.data.name.contains("(contoh)")) {
            return Err(AppError::setup(
                "sample_results_not_sample",
                "sample grades go only into the sample school",
            ));
        }
        if store.first::<LearningObjective>(Query::all()).await?.is_some() {
            return Err(AppError::setup(
                "sample_results_present",
                "this school already has learning objectives; sample results go only into the untouched sample school",
            ));
        }
        // The semester the sample's grades are in.
        let Some(scheme) = store.first::<AssessmentScheme>(Query::all()).await? else {
            return Err(AppError::setup(
                "sample_results_not_sample",
                "sample results go only into the sample school, which has assessment schemes",
            ));
        };
        let term = store.get::<Term>(scheme.data.term_id).await?;
        let classes = store
            .list::<Class>(&Query::all().eq("academic_year_id", term.data.academic_year_id))
            .await?;
        let subjects = store.list::<Subject>(&Query::all().order("code")).await?;
        let assignments = store.list::<TeachingAssignment>(&Query::all()).await?;
        let enrollments = store
            .list::<Enrollment>(&Query::all().eq("academic_year_id", term.data.academic_year_id))
            .await?;
        let graded: HashSet<Id> = {
            let columns: HashMap<Id, Id> = store
                .list::<Assessment>(&Query::all())
                .await?
                .into_iter()
                .map(|a| (a.id(), a.data.class_id))
                .collect();
            let mut with_scores = HashSet::new();
            for score in store.list::<ScoreEntry>(&Query::all()).await? {
                if let Some(class) = columns.get(&score.data.assessment_id) {
                    with_scores.insert(*class);
                }
            }
            with_scores
        };
        let students: HashMap<Id, Stored<Student>> = store
            .list::<Student>(&Query::all())
            .await?
            .into_iter()
            .map(|s| (s.id(), s))
            .collect();
        let mut roster: HashMap<Id, Vec<Id>> = HashMap::new();
        for e in &enrollments {
            if e.data.end_date.is_none() && graded.contains(&e.data.class_id) {
                roster.entry(e.data.class_id).or_default().push(e.data.student_id);
            }
        }
        for list in roster.values_mut() {
            list.sort_by(|a, b| students[a].data.full_name.cmp(&students[b].data.full_name));
        }

        let mut cs = ChangeSet::new(None, "sample", self.now());
        let mut out = SampleResults::default();
        let mut objective_ids: HashMap<Id, Vec<Id>> = HashMap::new();
        for subject in &subjects {
            let ids = objectives(&subject.data.code)
                .iter()
                .enumerate()
                .map(|(i, (id_text, en_text))| {
                    cs.insert(&LearningObjective {
                        subject_id: subject.id(),
                        term_id: term.id(),
                        code: format!("TP {}", i + 1),
                        text_id: (*id_text).into(),
                        text_en: Some((*en_text).into()),
                        position: i as i64,
                    })
                })
                .collect();
            objective_ids.insert(subject.id(), ids);
            out.objectives += 2;
        }
        let class_name: HashMap<Id, &str> = classes.iter().map(|c| (c.id(), c.data.name.as_str())).collect();
        let subject_code: HashMap<Id, &str> = subjects.iter().map(|s| (s.id(), s.data.code.as_str())).collect();
        let mut taught: Vec<(Id, Id)> = assignments.iter().map(|a| (a.data.class_id, a.data.subject_id)).collect();
        taught.sort_unstable();
        taught.dedup();
        for (class_id, subject_id) in taught {
            let (Some(class_students), Some(class), Some(code)) =
                (roster.get(&class_id), class_name.get(&class_id), subject_code.get(&subject_id))
            else {
                continue;
            };
            let objectives = &objective_ids[&subject_id];
            for (place, student_id) in class_students.iter().enumerate() {
                let mut rng = Rng(seed(class) ^ seed(code) ^ (place as u64).wrapping_mul(7919));
                let (good, work) = if rng.below(2) == 0 { (0, 1) } else { (1, 0) };
                for (objective, mark) in [(good, "mastered"), (work, "needs_work")] {
                    cs.insert(&ObjectiveMark {
                        student_id: *student_id,
                        objective_id: objectives[objective],
                        mark: mark.into(),
                    });
                    out.ticks += 1;
                }
            }
        }

        // Absences, a homeroom note and Pramuka, per student of each class.
        let pramuka = cs.insert(&Extracurricular {
            name: "Pramuka".into(),
        });
        let weeks = (term.data.end_date - term.data.start_date).num_weeks().max(1) as u64;
        for class in &classes {
            let Some(class_students) = roster.get(&class.id()) else {
                continue;
            };
            for (place, student_id) in class_students.iter().enumerate() {
                let mut rng = Rng(seed(&class.data.name) ^ (place as u64).wrapping_mul(104_729));
                let mut days = Vec::new();
                for _ in 0..rng.below(4) {
                    let day = school_day(term.data.start_date, rng.below(weeks * 5));
                    if day <= term.data.end_date && !days.contains(&day) {
                        days.push(day);
                    }
                }
                for day in days {
                    let status = ["sick", "sick", "excused", "unexcused"][rng.below(4) as usize];
                    cs.insert(&AttendanceMark {
                        student_id: *student_id,
                        class_id: class.id(),
                        date: day,
                        status: status.into(),
                        note: None,
                    });
                    out.absences += 1;
                }
                cs.insert(&TermReport {
                    student_id: *student_id,
                    term_id: term.id(),
                    homeroom_note: Some(NOTES[rng.below(NOTES.len() as u64) as usize].into()),
                    parent_response: None,
                    promotion: None,
                });
                cs.insert(&ExtracurricularResult {
                    student_id: *student_id,
                    term_id: term.id(),
                    extracurricular_id: pramuka,
                    grade: ["A", "B", "B"][rng.below(3) as usize].into(),
                    note: None,
                });
                out.students += 1;
            }
        }
        let writes = cs.len();
        store.commit(cs).await?;
        tracing::info!(writes, students = out.students, "sample results added");
        Ok(out)
    }
}
