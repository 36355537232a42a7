//! The school records. Each record type holds only the fields a user edits;
//! bookkeeping (id, version, timestamps, who changed it last) sits beside it
//! in [`Meta`], so creating and updating take the same type.

use crate::policy::Role;
use crate::Id;
use chrono::{DateTime, NaiveDate, Utc};

/// Bookkeeping every stored record carries. `version` starts at 1 and grows by
/// one on each update; an update naming an older version is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub id: Id,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<Id>,
}

/// A record as stored: its bookkeeping and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored<T> {
    pub meta: Meta,
    pub data: T,
}

impl<T> Stored<T> {
    pub fn id(&self) -> Id {
        self.meta.id
    }
    pub fn version(&self) -> i64 {
        self.meta.version
    }
}

/// The school profile (one per database).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct School {
    pub name: String,
    /// Nomor Pokok Sekolah Nasional: 8 characters.
    pub npsn: String,
    pub address: String,
    pub principal_name: String,
    /// Nomor Induk Pegawai of the principal, 18 digits, if they have one.
    pub principal_nip: Option<String>,
    /// Sent to the UI by its own command (as a data URL), never inside the
    /// profile, so saving the profile form cannot wipe it.
    #[cfg_attr(feature = "wire", serde(skip), ts(skip))]
    pub logo: Option<Vec<u8>>,
    #[cfg_attr(feature = "wire", serde(skip), ts(skip))]
    pub logo_mime: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct AcademicYear {
    /// As schools write it: "2025/2026".
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub is_current: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct Term {
    pub academic_year_id: Id,
    /// 1 or 2 (semester ganjil / genap).
    pub number: i64,
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct User {
    pub login: String,
    pub display_name: String,
    /// PHC string of an argon2id hash; never shown, never audited.
    #[cfg_attr(feature = "wire", serde(skip), ts(skip))]
    pub password_hash: String,
    pub roles: Vec<Role>,
    pub active: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
#[cfg_attr(feature = "wire", serde(rename_all = "snake_case"))]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// The code Indonesian forms use: L (laki-laki) or P (perempuan).
    pub fn code(self) -> &'static str {
        match self {
            Gender::Male => "L",
            Gender::Female => "P",
        }
    }
    pub fn from_code(s: &str) -> Option<Gender> {
        match s.trim().to_ascii_uppercase().as_str() {
            "L" | "M" | "MALE" | "LAKI-LAKI" | "LAKI LAKI" => Some(Gender::Male),
            "P" | "F" | "FEMALE" | "PEREMPUAN" => Some(Gender::Female),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct Teacher {
    pub full_name: String,
    /// Nomor Induk Pegawai: 18 digits, civil-servant teachers only.
    pub nip: Option<String>,
    /// Nomor Unik Pendidik dan Tenaga Kependidikan: 16 digits.
    pub nuptk: Option<String>,
    pub gender: Gender,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub user_id: Option<Id>,
    pub active: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
#[cfg_attr(feature = "wire", serde(rename_all = "snake_case"))]
pub enum StudentStatus {
    Active,
    Graduated,
    MovedOut,
}

impl StudentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StudentStatus::Active => "active",
            StudentStatus::Graduated => "graduated",
            StudentStatus::MovedOut => "moved_out",
        }
    }
    pub fn parse(s: &str) -> Option<StudentStatus> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "" | "active" | "aktif" => Some(StudentStatus::Active),
            "graduated" | "lulus" => Some(StudentStatus::Graduated),
            "moved_out" | "moved" | "mutasi" | "pindah" => Some(StudentStatus::MovedOut),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct Student {
    /// Nomor Induk Siswa: the school's own number.
    pub nis: String,
    /// Nomor Induk Siswa Nasional: 10 digits, unique across the country.
    pub nisn: String,
    pub full_name: String,
    pub gender: Gender,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub religion: String,
    pub address: String,
    pub status: StudentStatus,
    pub user_id: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct Guardian {
    pub full_name: String,
    /// father / mother / guardian (ayah / ibu / wali).
    pub relation: String,
    pub phone: Option<String>,
    pub occupation: Option<String>,
    pub address: Option<String>,
    pub user_id: Option<Id>,
}

/// Ties a guardian to a student; siblings share a guardian.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct StudentGuardian {
    pub student_id: Id,
    pub guardian_id: Id,
}

/// A class (rombel) in one academic year.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct Class {
    pub name: String,
    pub grade_level: i64,
    pub academic_year_id: Id,
    pub homeroom_teacher_id: Option<Id>,
}

/// A student's membership of a class. Moving a student ends one enrollment
/// and starts another; ended enrollments are kept as the student's history.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct Enrollment {
    pub student_id: Id,
    pub class_id: Id,
    pub academic_year_id: Id,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// Why it ended: "moved", "removed", "graduated".
    pub end_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct Subject {
    pub code: String,
    pub name: String,
    /// The curriculum group, e.g. "A", "B", "Muatan Lokal".
    pub group_name: String,
    /// Religious education is taught per religion.
    pub religion_specific: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct Room {
    pub name: String,
    pub capacity: i64,
    /// classroom, lab, hall, field, library …
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct TeachingAssignment {
    pub teacher_id: Id,
    pub subject_id: Id,
    pub class_id: Id,
    pub periods_per_week: i64,
}

/// One entry of the append-only audit trail.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct AuditEvent {
    pub id: Id,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Id>,
    pub actor_login: String,
    /// create, update, delete, login, login_failed, password_reset, …
    pub action: String,
    pub table_name: String,
    pub record_id: Option<Id>,
    /// The record before the change, as JSON text (secrets left out).
    pub before: Option<String>,
    /// The record after the change, as JSON text (secrets left out).
    pub after: Option<String>,
}
