//! A sample school: a realistic Indonesian junior high school (SMP) for a
//! newcomer to look around in, for benchmarks and for screenshots. One
//! generator for all of them: `schooldesk demo`, the wizard's "try a sample
//! school", `schooldesk bench`.
//!
//! [`Sample::generate`] is pure and deterministic for a [`SampleSize`]
//! (seed included) and the school year today falls in: the same school on
//! every machine. [`App::create_sample_school`] writes it into an empty
//! database in one audited transaction, with fresh random passwords for its
//! accounts (those are not derived from the seed: a sample on a real server
//! must not have guessable logins). Each later capability (grades,
//! attendance, timetables, question papers) adds its own data here.

use crate::records::{add_year_with_term_ids, standard_year};
use crate::{App, AppError, AppResult, NewUser};
use chrono::{Datelike, NaiveDate};
use rand::RngCore;
use schooldesk_core::*;
use schooldesk_store::ChangeSet;

/// How big a sample school is, and the seed its people and numbers come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleSize {
    pub seed: u64,
    pub students: usize,
    /// Classes (rombel) in each of grades 7, 8 and 9: "VII A", "VII B", …
    pub classes_per_grade: usize,
    pub teachers: usize,
}

impl Default for SampleSize {
    /// About 900 students in 27 classes (VII A–I, VIII A–I, IX A–I) with
    /// 40 teachers.
    fn default() -> Self {
        SampleSize {
            seed: 1,
            students: 900,
            classes_per_grade: 9,
            teachers: 40,
        }
    }
}

/// A sample school in memory; records refer to each other by index.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub school: School,
    pub year: AcademicYear,
    pub terms: Vec<(NaiveDate, NaiveDate)>,
    pub teachers: Vec<Teacher>,
    /// The subjects of the SMP curriculum, each with its periods per week.
    pub subjects: Vec<(Subject, i64)>,
    pub rooms: Vec<Room>,
    pub classes: Vec<SampleClass>,
    pub students: Vec<SampleStudent>,
    pub assignments: Vec<SampleAssignment>,
    pub accounts: Vec<SampleAccount>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleClass {
    pub name: String,
    pub grade_level: i64,
    /// The homeroom teacher (wali kelas), an index into `teachers`.
    pub homeroom: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleStudent {
    pub student: Student,
    /// Index into `classes`; every student is enrolled from the year's start.
    pub class: usize,
    pub guardians: Vec<Guardian>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleAssignment {
    pub teacher: usize,
    pub subject: usize,
    pub class: usize,
    pub periods_per_week: i64,
}

/// Whose account a login is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountOf {
    /// The office: administrators, the bursar.
    Office,
    Teacher(usize),
    Student(usize),
    /// The `guardian`-th guardian of student `student`.
    Guardian {
        student: usize,
        guardian: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleAccount {
    pub login: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub of: AccountOf,
}

/// A login [`App::create_sample_school`] made, with its password: shown
/// once, so a person can sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleLogin {
    pub login: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub password: String,
}

/// SplitMix64: a tiny generator whose output is fixed by its definition, so
/// a seed gives the same school whatever version of any crate is built.
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
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

const BOYS: &[&str] = &[
    "Ahmad", "Budi", "Dimas", "Eko", "Fajar", "Gilang", "Hendra", "Irfan", "Joko", "Kevin",
    "Lutfi", "Muhammad", "Nanda", "Oki", "Putra", "Rizki", "Satria", "Taufik", "Wahyu", "Yusuf",
    "Zaki", "Agus", "Bayu", "Dani", "Fikri", "Hafiz", "Ilham", "Raka", "Reza", "Wayan",
];
const GIRLS: &[&str] = &[
    "Siti",
    "Dewi",
    "Fitri",
    "Hana",
    "Indah",
    "Kartika",
    "Lestari",
    "Maya",
    "Nur",
    "Putri",
    "Rina",
    "Sari",
    "Tika",
    "Umi",
    "Wulan",
    "Yuni",
    "Zahra",
    "Ayu",
    "Bunga",
    "Citra",
    "Dinda",
    "Eka",
    "Gita",
    "Intan",
    "Kirana",
    "Laras",
    "Nabila",
    "Rahma",
    "Salsabila",
    "Ketut",
];
const MIDDLE: &[&str] = &[
    "Aditya", "Cahya", "Dwi", "Eka", "Kurnia", "Maulana", "Nur", "Rahmat", "Sri", "Tri", "Adi",
    "Dewi", "Indah", "Putri", "Ratna",
];
const FAMILY: &[&str] = &[
    "Pratama",
    "Wijaya",
    "Saputra",
    "Lestari",
    "Hidayat",
    "Nugroho",
    "Kusuma",
    "Santoso",
    "Siregar",
    "Nasution",
    "Halim",
    "Gunawan",
    "Rahmawati",
    "Permana",
    "Setiawan",
    "Susanto",
    "Utami",
    "Hasibuan",
    "Kurniawan",
    "Firmansyah",
    "Ramadhan",
    "Suryadi",
    "Wibowo",
    "Purnama",
    "Sitompul",
    "Simanjuntak",
    "Harahap",
    "Maharani",
    "Anggraini",
    "Hakim",
];
const PLACES: &[&str] = &[
    "Bandung",
    "Bandung",
    "Bandung",
    "Cimahi",
    "Garut",
    "Sumedang",
    "Tasikmalaya",
    "Cianjur",
    "Sukabumi",
    "Bogor",
    "Jakarta",
    "Subang",
    "Majalengka",
    "Medan",
    "Denpasar",
];
const STREETS: &[&str] = &[
    "Melati",
    "Mawar",
    "Anggrek",
    "Kenanga",
    "Flamboyan",
    "Cempaka",
    "Dahlia",
    "Merdeka",
    "Pahlawan",
    "Sudirman",
    "Diponegoro",
    "Siliwangi",
    "Pasundan",
    "Cibaduyut",
    "Kopo",
];
const VILLAGES: &[&str] = &[
    "Sukamaju",
    "Sukasari",
    "Cibiru",
    "Margahayu",
    "Cipamokolan",
    "Mekarwangi",
    "Sindangsari",
    "Babakan",
];
const JOBS: &[&str] = &[
    "Wiraswasta",
    "Karyawan swasta",
    "Pedagang",
    "Petani",
    "Buruh",
    "PNS",
    "Guru",
    "Sopir",
    "TNI/Polri",
    "Perawat",
    "Ibu rumah tangga",
];
/// Islam most often, as in most of Indonesia. Only the religions the
/// sample teaches (PAI and PAK): a card shows the student's own religion
/// subject, and a student whose religion the class does not teach gets an
/// incomplete card (a real school teaches, or arranges, each religion it has).
const RELIGIONS: &[(&str, usize)] = &[("Islam", 86), ("Kristen", 14)];

/// The subjects of the SMP curriculum (Kurikulum Merdeka), with periods
/// (jam pelajaran) per week: (code, name, group, religion-specific, periods).
const SUBJECTS: &[(&str, &str, &str, bool, i64)] = &[
    (
        "PAI",
        "Pendidikan Agama Islam dan Budi Pekerti",
        "A",
        true,
        3,
    ),
    (
        "PAK",
        "Pendidikan Agama Kristen dan Budi Pekerti",
        "A",
        true,
        3,
    ),
    ("PP", "Pendidikan Pancasila", "A", false, 3),
    ("BIN", "Bahasa Indonesia", "A", false, 6),
    ("MTK", "Matematika", "A", false, 5),
    ("IPA", "Ilmu Pengetahuan Alam", "A", false, 5),
    ("IPS", "Ilmu Pengetahuan Sosial", "A", false, 4),
    ("BING", "Bahasa Inggris", "A", false, 4),
    ("INF", "Informatika", "A", false, 3),
    (
        "PJOK",
        "Pendidikan Jasmani, Olahraga, dan Kesehatan",
        "B",
        false,
        3,
    ),
    ("SBD", "Seni Budaya", "B", false, 2),
    ("PKY", "Prakarya", "B", false, 2),
    ("BSUN", "Bahasa Sunda", "Muatan Lokal", false, 2),
];

const GRADES: [(&str, i64); 3] = [("VII", 7), ("VIII", 8), ("IX", 9)];

fn person(rng: &mut Rng, gender: Gender) -> String {
    let first = match gender {
        Gender::Male => rng.pick(BOYS),
        Gender::Female => rng.pick(GIRLS),
    };
    if rng.chance(40) {
        format!("{first} {} {}", rng.pick(MIDDLE), rng.pick(FAMILY))
    } else {
        format!("{first} {}", rng.pick(FAMILY))
    }
}

fn phone(rng: &mut Rng) -> String {
    format!(
        "08{}{}",
        rng.pick(&["11", "12", "13", "21", "22", "52", "57", "77", "81", "95"]),
        rng.digits(8)
    )
}

fn class_letter(i: usize) -> String {
    let mut n = i;
    let mut s = String::new();
    loop {
        s.insert(0, char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            return s;
        }
        n = n / 26 - 1;
    }
}

impl Sample {
    /// The sample school of `size` for the school year `today` falls in.
    pub fn generate(size: SampleSize, today: NaiveDate) -> AppResult<Sample> {
        let (year, terms) = standard_year(today, None)?;
        let start = year.start_date.year();
        let mut rng = Rng(size.seed);
        let d = |y: i32, m: u32, day: u32| {
            NaiveDate::from_ymd_opt(y, m, day).expect("a day 1 to 28 of a month")
        };

        let school = School {
            name: "SMP Negeri 4 Sukamaju (contoh)".into(),
            npsn: "20299404".into(),
            address: "Jl. Pendidikan No. 4, Sukamaju, Kabupaten Bandung, Jawa Barat 40375".into(),
            principal_name: "Dra. Hj. Sri Wahyuni, M.Pd.".into(),
            principal_nip: Some("196805121993032004".into()),
            logo: None,
            logo_mime: None,
        };

        let teachers: Vec<Teacher> = (0..size.teachers)
            .map(|i| {
                let gender = if rng.chance(60) {
                    Gender::Female
                } else {
                    Gender::Male
                };
                let name = person(&mut rng, gender);
                let degree = rng.pick(&["S.Pd.", "S.Pd.", "S.Pd.", "M.Pd.", "S.Si.", "S.Kom."]);
                // Civil servants (PNS) have a NIP: birth date, appointment
                // month, gender, number; the others (honorer) a NUPTK.
                let civil_servant = rng.chance(75);
                let born = d(
                    start - 28 - rng.below(30) as i32,
                    1 + rng.below(12) as u32,
                    1 + rng.below(28) as u32,
                );
                let appointed = born.year() + 23 + rng.below(5) as i32;
                let nip = civil_servant.then(|| {
                    format!(
                        "{}{}{:02}{}{:03}",
                        born.format("%Y%m%d"),
                        appointed,
                        1 + rng.below(12),
                        if gender == Gender::Male { 1 } else { 2 },
                        i + 1
                    )
                });
                let nuptk = (!civil_servant || rng.chance(50))
                    .then(|| format!("{}{}{:04}", born.format("%d%m"), rng.digits(8), i + 1));
                let email = format!(
                    "{}.{}@smpn4sukamaju.sch.id",
                    name.split(' ').next().unwrap_or("guru").to_lowercase(),
                    i + 1
                );
                Teacher {
                    full_name: format!("{name}, {degree}"),
                    nip,
                    nuptk,
                    gender,
                    phone: Some(phone(&mut rng)),
                    email: Some(email),
                    user_id: None,
                    active: true,
                }
            })
            .collect();

        let subjects: Vec<(Subject, i64)> = SUBJECTS
            .iter()
            .map(|&(code, name, group, religion_specific, periods)| {
                (
                    Subject {
                        code: code.into(),
                        name: name.into(),
                        group_name: group.into(),
                        religion_specific,
                    },
                    periods,
                )
            })
            .collect();

        let classes: Vec<SampleClass> = GRADES
            .iter()
            .flat_map(|&(roman, grade)| (0..size.classes_per_grade).map(move |i| (roman, grade, i)))
            .enumerate()
            .map(|(n, (roman, grade, i))| SampleClass {
                name: format!("{roman} {}", class_letter(i)),
                grade_level: grade,
                homeroom: n % size.teachers.max(1),
            })
            .collect();

        let mut rooms: Vec<Room> = classes
            .iter()
            .map(|c| Room {
                name: format!("Ruang {}", c.name),
                capacity: 36,
                kind: "kelas".into(),
            })
            .collect();
        for (name, capacity, kind) in [
            ("Laboratorium IPA", 36, "lab"),
            ("Laboratorium Komputer", 36, "lab"),
            ("Perpustakaan", 60, "perpustakaan"),
            ("Ruang Seni", 36, "kelas"),
            ("Aula", 200, "aula"),
            ("Lapangan Olahraga", 300, "lapangan"),
        ] {
            rooms.push(Room {
                name: name.into(),
                capacity,
                kind: kind.into(),
            });
        }

        // Each teacher teaches one subject; subjects get teachers in
        // proportion to the periods they need (at least one each).
        let mut teachers_of: Vec<Vec<usize>> = vec![Vec::new(); subjects.len()];
        let total: i64 = subjects.iter().map(|(_, p)| p).sum();
        let mut given = vec![0usize; subjects.len()];
        for t in 0..size.teachers {
            let s = if t < subjects.len() {
                t
            } else {
                // The subject furthest below its share.
                (0..subjects.len())
                    .max_by_key(|&s| {
                        let share = subjects[s].1 as f64 * size.teachers as f64 / total as f64;
                        ((share - given[s] as f64) * 1000.0) as i64
                    })
                    .unwrap_or(0)
            };
            given[s] += 1;
            teachers_of[s].push(t);
        }
        let mut assignments = Vec::new();
        if size.teachers > 0 {
            for (c, _) in classes.iter().enumerate() {
                for (s, (_, periods)) in subjects.iter().enumerate() {
                    let of = if teachers_of[s].is_empty() {
                        vec![s % size.teachers]
                    } else {
                        teachers_of[s].clone()
                    };
                    assignments.push(SampleAssignment {
                        teacher: of[c % of.len()],
                        subject: s,
                        class: c,
                        periods_per_week: *periods,
                    });
                }
            }
        }

        let weights: usize = RELIGIONS.iter().map(|(_, w)| w).sum();
        let students: Vec<SampleStudent> = (0..size.students)
            .map(|i| {
                let class = i % classes.len().max(1);
                let grade = classes.get(class).map_or(7, |c| c.grade_level) as i32;
                let gender = if rng.chance(50) {
                    Gender::Male
                } else {
                    Gender::Female
                };
                let full_name = person(&mut rng, gender);
                let family = full_name.rsplit(' ').next().unwrap_or("").to_string();
                let born = d(
                    start - grade - 6 + rng.below(2) as i32 - i32::from(rng.chance(5)),
                    1 + rng.below(12) as u32,
                    1 + rng.below(28) as u32,
                );
                let mut w = rng.below(weights);
                let religion = RELIGIONS
                    .iter()
                    .find(|(_, weight)| {
                        let here = w < *weight;
                        w = w.saturating_sub(*weight);
                        here
                    })
                    .map_or("Islam", |(r, _)| r);
                let entered = start - (grade - 7);
                let address = format!(
                    "Jl. {} No. {}, RT {:03}/RW {:03}, {}",
                    rng.pick(STREETS),
                    1 + rng.below(150),
                    1 + rng.below(12),
                    1 + rng.below(9),
                    rng.pick(VILLAGES)
                );
                // NISN: three digits of the birth year, then a number no
                // other student of the sample has.
                let serial = (i as u64 * 7_919 + size.seed.wrapping_mul(104_729)) % 10_000_000;
                let student = Student {
                    nis: format!("{:02}{:04}", entered % 100, i + 1),
                    nisn: format!("{:03}{serial:07}", born.year() % 1000),
                    full_name,
                    gender,
                    birth_place: rng.pick(PLACES).into(),
                    birth_date: born,
                    religion: religion.into(),
                    address: address.clone(),
                    status: StudentStatus::Active,
                    user_id: None,
                };
                let father = || Guardian {
                    full_name: String::new(),
                    relation: "ayah".into(),
                    phone: None,
                    occupation: None,
                    address: Some(address.clone()),
                    user_id: None,
                };
                let mut guardians = Vec::new();
                let roll = rng.below(100);
                if roll < 90 {
                    let first = rng.pick(BOYS);
                    guardians.push(Guardian {
                        full_name: format!("{first} {family}"),
                        phone: Some(phone(&mut rng)),
                        occupation: Some(rng.pick(JOBS).into()),
                        ..father()
                    });
                }
                if roll < 97 {
                    guardians.push(Guardian {
                        full_name: person(&mut rng, Gender::Female),
                        relation: "ibu".into(),
                        phone: Some(phone(&mut rng)),
                        occupation: Some(rng.pick(JOBS).into()),
                        ..father()
                    });
                } else {
                    guardians.push(Guardian {
                        full_name: person(&mut rng, Gender::Male),
                        relation: "wali".into(),
                        phone: Some(phone(&mut rng)),
                        occupation: Some(rng.pick(JOBS).into()),
                        ..father()
                    });
                }
                SampleStudent {
                    student,
                    class,
                    guardians,
                }
            })
            .collect();

        let accounts = accounts(&teachers, &classes, &students);
        Ok(Sample {
            school,
            year,
            terms,
            teachers,
            subjects,
            rooms,
            classes,
            students,
            assignments,
            accounts,
        })
    }

    /// The rows an import of `kind` reads, with their (English) header:
    /// what the benchmark imports. Teachers, subjects, classes and students
    /// (with their class); other kinds have none.
    pub fn import_rows(&self, kind: crate::sheet::Kind) -> (Vec<&'static str>, Vec<Vec<String>>) {
        use crate::sheet::Kind;
        let gender = |g: Gender| if g == Gender::Male { "L" } else { "P" }.to_string();
        match kind {
            Kind::Teachers => (
                vec!["full_name", "nip", "nuptk", "gender", "phone", "email"],
                self.teachers
                    .iter()
                    .map(|t| {
                        vec![
                            t.full_name.clone(),
                            t.nip.clone().unwrap_or_default(),
                            t.nuptk.clone().unwrap_or_default(),
                            gender(t.gender),
                            t.phone.clone().unwrap_or_default(),
                            t.email.clone().unwrap_or_default(),
                        ]
                    })
                    .collect(),
            ),
            Kind::Subjects => (
                vec!["code", "name", "group", "religion_specific"],
                self.subjects
                    .iter()
                    .map(|(s, _)| {
                        vec![
                            s.code.clone(),
                            s.name.clone(),
                            s.group_name.clone(),
                            if s.religion_specific { "yes" } else { "no" }.into(),
                        ]
                    })
                    .collect(),
            ),
            Kind::Classes => (
                vec!["name", "grade_level", "year", "homeroom"],
                self.classes
                    .iter()
                    .map(|c| {
                        let t = &self.teachers[c.homeroom];
                        vec![
                            c.name.clone(),
                            c.grade_level.to_string(),
                            self.year.name.clone(),
                            t.nip
                                .clone()
                                .or(t.nuptk.clone())
                                .unwrap_or(t.full_name.clone()),
                        ]
                    })
                    .collect(),
            ),
            Kind::Students => (
                vec![
                    "nis",
                    "nisn",
                    "full_name",
                    "gender",
                    "birth_place",
                    "birth_date",
                    "religion",
                    "address",
                    "status",
                    "class",
                ],
                self.students
                    .iter()
                    .map(|s| {
                        let st = &s.student;
                        vec![
                            st.nis.clone(),
                            st.nisn.clone(),
                            st.full_name.clone(),
                            gender(st.gender),
                            st.birth_place.clone(),
                            st.birth_date.to_string(),
                            st.religion.clone(),
                            st.address.clone(),
                            st.status.as_str().into(),
                            self.classes[s.class].name.clone(),
                        ]
                    })
                    .collect(),
            ),
            _ => (Vec::new(), Vec::new()),
        }
    }
}

/// Two logins per role: the office's administrators and bursars, teachers
/// who are no homeroom teacher (when there are such), the homeroom teachers
/// of the first classes, the first students, and a guardian of each.
fn accounts(
    teachers: &[Teacher],
    classes: &[SampleClass],
    students: &[SampleStudent],
) -> Vec<SampleAccount> {
    let account = |login: &str, display_name: &str, roles: &[Role], of| SampleAccount {
        login: login.into(),
        display_name: display_name.into(),
        roles: roles.to_vec(),
        of,
    };
    let mut list = vec![
        account("admin", "Tata Usaha", &[Role::Admin], AccountOf::Office),
        account(
            "kurikulum",
            "Wakil Kepala Sekolah Bidang Kurikulum",
            &[Role::Admin],
            AccountOf::Office,
        ),
        account(
            "bendahara1",
            "Bendahara Sekolah",
            &[Role::Bursar],
            AccountOf::Office,
        ),
        account(
            "bendahara2",
            "Bendahara BOS",
            &[Role::Bursar],
            AccountOf::Office,
        ),
    ];
    let homerooms: Vec<usize> = classes.iter().map(|c| c.homeroom).collect();
    let mut plain = (0..teachers.len()).filter(|t| !homerooms.contains(t));
    let mut any = 0..teachers.len();
    for n in 1..=2 {
        if let Some(t) = plain.next().or_else(|| any.next()) {
            list.push(account(
                &format!("guru{n}"),
                &teachers[t].full_name,
                &[Role::Teacher],
                AccountOf::Teacher(t),
            ));
        }
    }
    let mut homeroom_of: Vec<usize> = Vec::new();
    for c in classes {
        if homeroom_of.len() < 2
            && !homeroom_of.contains(&c.homeroom)
            && !list.iter().any(|a| a.of == AccountOf::Teacher(c.homeroom))
        {
            homeroom_of.push(c.homeroom);
        }
    }
    for (n, t) in homeroom_of.into_iter().enumerate() {
        list.push(account(
            &format!("walikelas{}", n + 1),
            &teachers[t].full_name,
            &[Role::Teacher, Role::Homeroom],
            AccountOf::Teacher(t),
        ));
    }
    for (n, s) in students.iter().take(2).enumerate() {
        list.push(account(
            &format!("siswa{}", n + 1),
            &s.student.full_name,
            &[Role::Student],
            AccountOf::Student(n),
        ));
        if let Some(g) = s.guardians.first() {
            list.push(account(
                &format!("ortu{}", n + 1),
                &g.full_name,
                &[Role::Parent],
                AccountOf::Guardian {
                    student: n,
                    guardian: 0,
                },
            ));
        }
    }
    list
}

/// A password a person can type from the screen: three groups of four
/// lower-case letters and digits (no 0/o, 1/l), from the OS's randomness.
fn new_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| char::from(ALPHABET[*b as usize % ALPHABET.len()]))
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// What [`App::create_sample_school`] made.
#[derive(Debug, Clone, PartialEq)]
pub struct CreatedSample {
    pub sample: Sample,
    /// Its logins with their passwords, which are shown nowhere else.
    pub logins: Vec<SampleLogin>,
}

impl App {
    /// Writes the sample school of `size` for the year today falls in into
    /// an empty database: every record, its accounts with fresh passwords,
    /// every student enrolled in their class from the year's start. One
    /// transaction, audited as the set-up is ("sample"): a failure leaves
    /// the database empty. Refused, naming the school, when the database
    /// already holds one. Signs nobody in.
    pub async fn create_sample_school(&self, size: SampleSize) -> AppResult<CreatedSample> {
        let sample = Sample::generate(size, self.today())?;
        let logins = self.write_sample(&sample).await?;
        Ok(CreatedSample { sample, logins })
    }

    async fn write_sample(&self, sample: &Sample) -> AppResult<Vec<SampleLogin>> {
        if let Some(school) = self
            .store
            .first::<School>(schooldesk_store::Query::all())
            .await?
        {
            return Err(AppError::Setup(
                Msg::new(
                    "sample_not_empty",
                    format!(
                        "this database already holds a school ({}); a sample school goes only into an empty database",
                        school.data.name
                    ),
                )
                .with("name", &school.data.name),
            ));
        }
        if !self.needs_setup().await? {
            return Err(AppError::setup(
                "sample_has_users",
                "this database already has user accounts; a sample school goes only into an empty database",
            ));
        }
        let today = self.today();
        let mut cs = ChangeSet::new(None, "sample", self.now());
        sample.school.validate()?;
        cs.insert(&sample.school);
        let (year_id, term_ids) = add_year_with_term_ids(&mut cs, &sample.year, &sample.terms)?;

        // The accounts first, so the records can name them.
        let mut logins = Vec::new();
        let mut user_of = Vec::new();
        for account in &sample.accounts {
            let password = new_password();
            let user = NewUser {
                login: account.login.clone(),
                display_name: account.display_name.clone(),
                password: password.clone(),
                roles: account.roles.clone(),
                must_change_password: false,
            }
            .into_user()
            .await?;
            let id = new_id();
            cs.insert_with_id(id, &user);
            user_of.push((account.of, id));
            logins.push(SampleLogin {
                login: user.login,
                display_name: user.display_name,
                roles: user.roles,
                password,
            });
        }
        let user = |of: AccountOf| user_of.iter().find(|(o, _)| *o == of).map(|(_, id)| *id);

        let mut teacher_ids = Vec::new();
        for (i, teacher) in sample.teachers.iter().enumerate() {
            let teacher = Teacher {
                user_id: user(AccountOf::Teacher(i)),
                ..teacher.clone()
            };
            teacher.validate()?;
            teacher_ids.push(cs.insert(&teacher));
        }
        let mut subject_ids = Vec::new();
        for (subject, _) in &sample.subjects {
            subject.validate()?;
            subject_ids.push(cs.insert(subject));
        }
        for room in &sample.rooms {
            room.validate()?;
            cs.insert(room);
        }
        let mut class_ids = Vec::new();
        for class in &sample.classes {
            let record = Class {
                name: class.name.clone(),
                grade_level: class.grade_level,
                academic_year_id: year_id,
                homeroom_teacher_id: teacher_ids.get(class.homeroom).copied(),
            };
            record.validate()?;
            class_ids.push(cs.insert(&record));
        }
        let mut assignment_ids = Vec::new();
        for a in &sample.assignments {
            let record = TeachingAssignment {
                teacher_id: teacher_ids[a.teacher],
                subject_id: subject_ids[a.subject],
                class_id: class_ids[a.class],
                periods_per_week: a.periods_per_week,
            };
            record.validate()?;
            assignment_ids.push((cs.insert(&record), record));
        }
        // issue 14: the school's week, and the lessons of the semester
        // today falls in (else the first), one per teaching assignment.
        add_sample_week(&mut cs)?;
        let lesson_term = sample
            .terms
            .iter()
            .position(|(start, end)| *start <= today && today <= *end)
            .unwrap_or(0);
        if let Some(term_id) = term_ids.get(lesson_term) {
            for (assignment_id, a) in &assignment_ids {
                let lesson = Lesson {
                    term_id: *term_id,
                    subject_id: a.subject_id,
                    assignment_id: Some(*assignment_id),
                    periods_per_week: a.periods_per_week,
                    split: schooldesk_core::week::default_split(a.periods_per_week),
                    room_id: None,
                };
                lesson.validate()?;
                let lesson_id = cs.insert(&lesson);
                cs.insert(&LessonTeacher {
                    lesson_id,
                    teacher_id: a.teacher_id,
                });
                cs.insert(&LessonClass {
                    lesson_id,
                    class_id: a.class_id,
                    group_name: None,
                });
            }
        }
        let mut students_of_class: Vec<Vec<Id>> = vec![Vec::new(); class_ids.len()];
        let mut students_of_fees: Vec<Vec<(Id, String)>> = vec![Vec::new(); class_ids.len()];
        let mut student_ids = Vec::new();
        for (i, s) in sample.students.iter().enumerate() {
            let student = Student {
                user_id: user(AccountOf::Student(i)),
                ..s.student.clone()
            };
            student.validate(today)?;
            let student_id = cs.insert(&student);
            students_of_class[s.class].push(student_id);
            students_of_fees[s.class].push((student_id, s.student.full_name.clone()));
            student_ids.push((student_id, class_ids[s.class]));
            for (g, guardian) in s.guardians.iter().enumerate() {
                let guardian = Guardian {
                    user_id: user(AccountOf::Guardian {
                        student: i,
                        guardian: g,
                    }),
                    ..guardian.clone()
                };
                guardian.validate()?;
                let guardian_id = cs.insert(&guardian);
                cs.insert(&StudentGuardian {
                    student_id,
                    guardian_id,
                });
            }
            cs.insert(&Enrollment {
                student_id,
                class_id: class_ids[s.class],
                academic_year_id: year_id,
                start_date: sample.year.start_date,
                end_date: None,
                end_reason: None,
            });
        }
        // The semester today falls in (else the first) gets grades.
        let term = sample
            .terms
            .iter()
            .position(|(start, end)| *start <= today && today <= *end)
            .unwrap_or(0);
        if let Some(term_id) = term_ids.get(term) {
            let taught: Vec<(usize, usize)> = sample
                .assignments
                .iter()
                .map(|a| (a.class, a.subject))
                .collect();
            let first_of_grade: Vec<bool> = (0..sample.classes.len())
                .map(|i| {
                    i == 0 || sample.classes[i - 1].grade_level != sample.classes[i].grade_level
                })
                .collect();
            add_sample_grades(
                &mut cs,
                *term_id,
                &subject_ids,
                &class_ids,
                &students_of_class,
                &taught,
                &first_of_grade,
            )?;
        }
        // issue 12: attendance, objectives and ticks, notes.
        crate::sample_results::add(
            &mut cs,
            &crate::sample_results::Ids {
                seed: 12,
                today,
                terms: term_ids
                    .iter()
                    .zip(&sample.terms)
                    .map(|(id, (start, end))| (*id, *start, *end))
                    .collect(),
                subjects: subject_ids
                    .iter()
                    .zip(&sample.subjects)
                    .map(|(id, (subject, _))| (*id, subject.name.as_str()))
                    .collect(),
                students: student_ids,
            },
        );
        // issue 17: the fee plan.
        let mut grades: Vec<i64> = sample.classes.iter().map(|c| c.grade_level).collect();
        grades.sort();
        grades.dedup();
        let (spp_id, building) = add_sample_fee_plan(&mut cs, year_id, &sample.year, &grades)?;
        let classes: Vec<SampleFeeClass> = sample
            .classes
            .iter()
            .enumerate()
            .map(|(i, c)| SampleFeeClass {
                grade_level: c.grade_level,
                first_of_grade: i == 0 || sample.classes[i - 1].grade_level != c.grade_level,
                students: students_of_fees[i].clone(),
            })
            .collect();
        add_sample_fees(&mut cs, &sample.year, today, spp_id, building, &classes)?;
        let writes = cs.len();
        self.commit_setup(cs).await?;
        tracing::info!(
            school = %sample.school.name,
            students = sample.students.len(),
            writes,
            "sample school created"
        );
        Ok(logins)
    }
}

/// The sample's grades (issue 12) for one semester: every subject a scheme
/// (daily work 40 %, mid-term 30 %, end of term 30 %, KKM 75, half-up to a
/// whole number), every taught class × subject four columns, and scores in
/// the first class of each grade (deterministic, from 55 to 100, some with
/// a half point), so that a class's cards print with real grades while the
/// other classes' gradebooks are ready to type into. Few enough writes to
/// keep the sample quick.
fn add_sample_grades(
    cs: &mut ChangeSet,
    term_id: Id,
    subject_ids: &[Id],
    class_ids: &[Id],
    students_of_class: &[Vec<Id>],
    taught: &[(usize, usize)],
    graded: &[bool],
) -> AppResult<()> {
    const COMPONENTS: [(&str, &str, i64); 3] = [
        ("Harian", "formative", 4000),
        ("PTS", "mid_term", 3000),
        ("PAS", "end_of_term", 3000),
    ];
    // (column name, component)
    const COLUMNS: [(&str, usize); 4] = [("Harian 1", 0), ("Harian 2", 0), ("PTS", 1), ("PAS", 2)];
    let mut components = Vec::new();
    for subject_id in subject_ids {
        let scheme = AssessmentScheme {
            subject_id: *subject_id,
            term_id,
            kkm: 7500,
            rounding_places: 0,
            rounding_mode: "half_up".into(),
            bands: "A:92;B:84;C:75;D:0".into(),
        };
        scheme.validate()?;
        let scheme_id = cs.insert(&scheme);
        let ids: Vec<Id> = COMPONENTS
            .iter()
            .enumerate()
            .map(|(i, (name, kind, weight))| {
                let c = SchemeComponent {
                    scheme_id,
                    name: (*name).into(),
                    kind: (*kind).into(),
                    weight: *weight,
                    position: i as i64 + 1,
                };
                c.validate().map(|_| cs.insert(&c))
            })
            .collect::<Result<_, _>>()?;
        components.push(ids);
    }
    let mut rng = Rng(0x6752_4144_4553_0001);
    let mut taught = taught.to_vec();
    taught.sort_unstable();
    taught.dedup();
    for (class, subject) in taught {
        let mut columns = Vec::new();
        for (position, (name, component)) in COLUMNS.iter().enumerate() {
            let a = Assessment {
                class_id: class_ids[class],
                component_id: components[subject][*component],
                name: (*name).into(),
                position: position as i64 + 1,
                date: None,
            };
            a.validate()?;
            columns.push(cs.insert(&a));
        }
        if !graded.get(class).copied().unwrap_or(false) {
            continue;
        }
        for student_id in &students_of_class[class] {
            // A student's level, then each score near it.
            let level = 68 + rng.below(25) as i64;
            for assessment_id in &columns {
                let whole = (level + rng.below(15) as i64 - 7).clamp(55, 100);
                let half = if whole < 100 && rng.chance(20) { 50 } else { 0 };
                let score = ScoreEntry {
                    assessment_id: *assessment_id,
                    student_id: *student_id,
                    score: whole * 100 + half,
                };
                score.validate()?;
                cs.insert(&score);
            }
        }
    }
    Ok(())
}

/// The sample's fee plan (issue 17): SPP of Rp 150.000 every month for
/// every grade, due on the 10th, and a building fee (uang gedung) of
/// Rp 1.500.000 once, in the year's first month, for the lowest grade.
/// No invoices or payments: `schooldesk fees invoice` makes those.
fn add_sample_fee_plan(
    cs: &mut ChangeSet,
    year_id: Id,
    year: &AcademicYear,
    grades: &[i64],
) -> AppResult<(Id, Option<SampleBuilding>)> {
    let spp = FeeItem {
        academic_year_id: year_id,
        name: "SPP".into(),
        amount: 150_000,
        schedule: "monthly".into(),
        once_period: None,
        due_day: 10,
        active: true,
    };
    spp.validate()?;
    let spp_id = cs.insert(&spp);
    for grade in grades {
        cs.insert(&FeeAssignment {
            fee_item_id: spp_id,
            grade_level: Some(*grade),
            class_id: None,
            student_id: None,
        });
    }
    if let Some(first) = grades.first() {
        let building = FeeItem {
            name: "Uang gedung".into(),
            amount: 1_500_000,
            schedule: "once".into(),
            once_period: Some(schooldesk_core::fees::Period::of(year.start_date).to_string()),
            ..spp
        };
        building.validate()?;
        let building_id = cs.insert(&building);
        cs.insert(&FeeAssignment {
            fee_item_id: building_id,
            grade_level: Some(*first),
            class_id: None,
            student_id: None,
        });
        return Ok((
            spp_id,
            Some(SampleBuilding {
                id: building_id,
                grade_level: *first,
                amount: building.amount,
            }),
        ));
    }
    Ok((spp_id, None))
}

/// The sample's one-off building fee: its item, the grade it is billed
/// to, its amount.
#[derive(Clone, Copy)]
struct SampleBuilding {
    id: Id,
    grade_level: i64,
    amount: i64,
}

/// A class as the sample's fees see it.
struct SampleFeeClass {
    grade_level: i64,
    first_of_grade: bool,
    students: Vec<(Id, String)>,
}

/// A few months of fees (issue 17, item 8): every student invoiced for
/// the last three months before the one today falls in (within the year),
/// and in the first class of each grade every other student paid each
/// month in cash on the 5th, with receipts numbered per year in the order
/// paid. Written as the use-cases would leave them: accounts whose totals
/// add up, one allocation per payment, the receipt counters at the last
/// number.
fn add_sample_fees(
    cs: &mut ChangeSet,
    year: &AcademicYear,
    today: NaiveDate,
    spp_id: Id,
    building: Option<SampleBuilding>,
    classes: &[SampleFeeClass],
) -> AppResult<()> {
    use schooldesk_core::fees::Period;
    let first = Period::of(year.start_date);
    let months: Vec<Period> = Period::months(year.start_date, year.end_date)
        .into_iter()
        .filter(|p| *p < Period::of(today))
        .collect();
    let months = &months[months.len().saturating_sub(3)..];
    let spp_amount = 150_000;
    // (booked on, student, name, invoice, amount)
    let mut payments: Vec<(NaiveDate, Id, String, Id, i64)> = Vec::new();
    for class in classes {
        for (n, (student_id, name)) in class.students.iter().enumerate() {
            let (mut billed, mut paid) = (0, 0);
            for period in months {
                let invoice_id = cs.insert(&Invoice {
                    student_id: *student_id,
                    period: period.to_string(),
                    due_date: period.due_date(10),
                    void_reason: None,
                });
                let mut net = 0;
                let mut line = |fee_item_id, amount| {
                    cs.insert(&InvoiceLine {
                        invoice_id,
                        fee_item_id,
                        billed: amount,
                        discount: 0,
                        note: None,
                    });
                    net += amount;
                };
                line(spp_id, spp_amount);
                if let Some(b) = building {
                    if *period == first && class.grade_level == b.grade_level {
                        line(b.id, b.amount);
                    }
                }
                billed += net;
                if class.first_of_grade && n % 2 == 0 {
                    payments.push((
                        period.due_date(5),
                        *student_id,
                        name.clone(),
                        invoice_id,
                        net,
                    ));
                    paid += net;
                }
            }
            if billed > 0 {
                cs.insert(&FeeAccount {
                    student_id: *student_id,
                    billed,
                    discounted: 0,
                    paid,
                    refunded: 0,
                    balance: billed - paid,
                });
            }
        }
    }
    payments.sort_by_key(|p| p.0);
    let mut last: std::collections::BTreeMap<i64, i64> = std::collections::BTreeMap::new();
    for (day, student_id, name, invoice_id, amount) in payments {
        let year = day.year() as i64;
        let number = last.entry(year).or_default();
        *number += 1;
        let payment = Payment {
            student_id,
            receipt_year: year,
            receipt_number: *number,
            amount,
            method: "cash".into(),
            reference: None,
            paid_on: day,
            booked_on: day,
            payer: name,
            void_reason: None,
            voided_on: None,
            prints: 1,
        };
        payment.validate()?;
        let payment_id = cs.insert(&payment);
        cs.insert(&FeeAllocation {
            payment_id,
            invoice_id,
            amount,
            kind: "payment".into(),
        });
    }
    for (year, last_number) in last {
        cs.insert(&ReceiptCounter { year, last_number });
    }
    Ok(())
}

/// The sample school's week (issue 14): Monday to Thursday and Saturday
/// with eight lesson periods of 40 minutes from 07:00, a break after the
/// third and the sixth, and the midday prayer; a short Friday of six
/// periods before Friday prayers.
fn add_sample_week(cs: &mut ChangeSet) -> AppResult<()> {
    let mut periods = Vec::new();
    for day in 1..=6 {
        let lessons = if day == 5 { 6 } else { 8 };
        let mut at = 7 * 60;
        let mut position = 1;
        let mut push = |kind: &str, label: String, length: i64, at: &mut i64| {
            periods.push(BellPeriod {
                weekday: day,
                position,
                kind: kind.into(),
                label,
                start_minute: *at,
                end_minute: *at + length,
            });
            position += 1;
            *at += length;
        };
        for k in 1..=lessons {
            push("lesson", k.to_string(), 40, &mut at);
            if k == 3 || (k == 6 && lessons > 6) {
                push("break", "Istirahat".into(), 15, &mut at);
            }
        }
        let prayer = if day == 5 {
            "Sholat Jumat"
        } else {
            "Sholat Dzuhur"
        };
        push("prayer", prayer.into(), 30, &mut at);
    }
    let days: Vec<i64> = (1..=6).collect();
    schooldesk_core::week::check_week(&days, &periods)?;
    for weekday in days {
        cs.insert(&SchoolDay { weekday });
    }
    for p in &periods {
        cs.insert(p);
    }
    Ok(())
}
