//! The sample school's term results (issue 12, items 4 and 5), so its
//! report cards look real: for the semester today falls in, four learning
//! objectives per subject, each student's ticks (one objective mastered
//! best per subject, one that needs work for about a third), absences
//! (sick, excused, unexcused, late) on about 4 % of the school days so far
//! — present days are not stored, so the month view shows only those —,
//! Pramuka for everyone with a grade, and a homeroom note. Always the same
//! results for the same school (a fixed seed); written into the sample's one
//! change set.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use schooldesk_core::attendance::Status;
use schooldesk_core::descriptions::Tick;
use schooldesk_core::*;
use schooldesk_store::ChangeSet;

/// The objectives each subject gets, with the subject's name put in.
const OBJECTIVES: [(&str, &str); 4] = [
    (
        "menjelaskan konsep pokok {}",
        "explaining the key ideas of {}",
    ),
    (
        "menerapkan {} dalam masalah sehari-hari",
        "applying {} to everyday problems",
    ),
    (
        "menganalisis informasi dalam {}",
        "analysing information in {}",
    ),
    (
        "menyajikan hasil kerja {} dengan runtut",
        "presenting work in {} clearly",
    ),
];

const NOTES: [&str; 4] = [
    "Pertahankan semangat belajarmu dan tingkatkan kedisiplinan.",
    "Sudah menunjukkan kemajuan yang baik; teruslah aktif bertanya di kelas.",
    "Tingkatkan ketelitian dalam mengerjakan tugas dan jaga kehadiran.",
    "Prestasimu membanggakan; jadilah teladan bagi teman-temanmu.",
];

/// SplitMix64 again (as `sample.rs`), on its own seed so the school's
/// people stay what they were before results were added.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

pub(crate) struct Ids<'a> {
    pub seed: u64,
    pub today: NaiveDate,
    /// Each semester's id and dates.
    pub terms: Vec<(Id, NaiveDate, NaiveDate)>,
    /// Each subject's id and name.
    pub subjects: Vec<(Id, &'a str)>,
    /// Each student's id and class id.
    pub students: Vec<(Id, Id)>,
}

/// Adds the term results to `cs`; nothing when today is in no semester.
pub(crate) fn add(cs: &mut ChangeSet, ids: &Ids<'_>) {
    let Some(&(term_id, start, end)) = ids
        .terms
        .iter()
        .find(|(_, start, end)| *start <= ids.today && ids.today <= *end)
    else {
        return;
    };
    let mut rng = Rng(ids.seed ^ 0x5EED_0012);

    // Objectives.
    let mut objectives: Vec<Vec<Id>> = Vec::new();
    for (subject_id, name) in &ids.subjects {
        let name = name.to_lowercase();
        let mut of_subject = Vec::new();
        for (i, (text_id, text_en)) in OBJECTIVES.iter().enumerate() {
            of_subject.push(cs.insert(&LearningObjective {
                subject_id: *subject_id,
                term_id,
                code: format!("TP {}", i + 1),
                text_id: text_id.replace("{}", &name),
                text_en: Some(text_en.replace("{}", &name)),
                position: i as i64,
            }));
        }
        objectives.push(of_subject);
    }

    // School days so far: weekdays from the term's start to yesterday.
    let last = end.min(ids.today - Duration::days(1));
    let days: Vec<NaiveDate> = start
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .collect();

    let scouts = cs.insert(&Extracurricular {
        name: "Pramuka".into(),
    });
    for (student_id, class_id) in &ids.students {
        for of_subject in &objectives {
            let mastered = rng.below(of_subject.len());
            cs.insert(&ObjectiveMark {
                student_id: *student_id,
                objective_id: of_subject[mastered],
                mark: Tick::Mastered.as_str().into(),
            });
            if rng.below(3) == 0 {
                let work = (mastered + 1 + rng.below(of_subject.len() - 1)) % of_subject.len();
                cs.insert(&ObjectiveMark {
                    student_id: *student_id,
                    objective_id: of_subject[work],
                    mark: Tick::NeedsWork.as_str().into(),
                });
            }
        }
        for day in &days {
            if rng.below(100) >= 4 {
                continue;
            }
            let status = [
                Status::Sick,
                Status::Excused,
                Status::Unexcused,
                Status::Late,
            ][rng.below(4)];
            cs.insert(&AttendanceMark {
                student_id: *student_id,
                class_id: *class_id,
                date: *day,
                status: status.as_str().into(),
                note: None,
            });
        }
        cs.insert(&ExtracurricularResult {
            student_id: *student_id,
            term_id,
            extracurricular_id: scouts,
            grade: ["A", "A", "B", "B", "C"][rng.below(5)].into(),
            note: None,
        });
        cs.insert(&TermReport {
            student_id: *student_id,
            term_id,
            homeroom_note: Some(NOTES[rng.below(NOTES.len())].into()),
            parent_response: None,
            promotion: None,
        });
    }
}
