//! Where each domain record meets its table: the column list (in the order of
//! the migration) and the conversion both ways. Adding a field to a record
//! means: a migration in both dialects, a [`Column`] here, and one line in
//! each of `values` and `read`.

use crate::value::{ColType::*, Column, Reader, Table, Val};
use crate::StoreResult;
use schooldesk_core::*;

/// A domain record that is stored in one table.
pub trait Record: Sized + Clone + Send + Sync + 'static {
    const TABLE: &'static Table;
    fn values(&self) -> Vec<Val>;
    fn read(r: &mut Reader<'_>) -> StoreResult<Self>;
}

macro_rules! table {
    ($ident:ident, $name:literal, $label:literal, [$($col:expr),* $(,)?]) => {
        pub static $ident: Table = Table { name: $name, label: $label, columns: &[$($col),*] };
    };
}

table!(
    USERS,
    "users",
    "user",
    [
        Column::new("login", Text, "login"),
        Column::new("display_name", Text, "name"),
        Column::new("password_hash", Text, "password").secret(),
        Column::new("roles", Text, "roles"),
        Column::new("active", Bool, "active"),
    ]
);

table!(
    SCHOOL,
    "school",
    "school",
    [
        Column::new("name", Text, "name"),
        Column::new("npsn", Text, "NPSN"),
        Column::new("address", Text, "address"),
        Column::new("principal_name", Text, "principal"),
        Column::new("principal_nip", Text, "principal's NIP").nullable(),
        Column::new("logo", Bytes, "logo").nullable(),
        Column::new("logo_mime", Text, "logo type").nullable(),
    ]
);

table!(
    ACADEMIC_YEARS,
    "academic_years",
    "academic year",
    [
        Column::new("name", Text, "name"),
        Column::new("start_date", Date, "start date"),
        Column::new("end_date", Date, "end date"),
        Column::new("is_current", Bool, "current"),
    ]
);

table!(
    TERMS,
    "terms",
    "semester",
    [
        Column::new("academic_year_id", Id, "academic year"),
        Column::new("number", Int, "number"),
        Column::new("name", Text, "name"),
        Column::new("start_date", Date, "start date"),
        Column::new("end_date", Date, "end date"),
    ]
);

table!(
    TEACHERS,
    "teachers",
    "teacher",
    [
        Column::new("full_name", Text, "name"),
        Column::new("nip", Text, "NIP").nullable(),
        Column::new("nuptk", Text, "NUPTK").nullable(),
        Column::new("gender", Text, "gender"),
        Column::new("phone", Text, "phone").nullable(),
        Column::new("email", Text, "e-mail").nullable(),
        Column::new("user_id", Id, "user account").nullable(),
        Column::new("active", Bool, "active"),
    ]
);

table!(
    STUDENTS,
    "students",
    "student",
    [
        Column::new("nis", Text, "NIS"),
        Column::new("nisn", Text, "NISN"),
        Column::new("full_name", Text, "name"),
        Column::new("gender", Text, "gender"),
        Column::new("birth_place", Text, "birth place"),
        Column::new("birth_date", Date, "birth date"),
        Column::new("religion", Text, "religion"),
        Column::new("address", Text, "address"),
        Column::new("status", Text, "status"),
        Column::new("user_id", Id, "user account").nullable(),
    ]
);

table!(
    GUARDIANS,
    "guardians",
    "guardian",
    [
        Column::new("full_name", Text, "name"),
        Column::new("relation", Text, "relation"),
        Column::new("phone", Text, "phone").nullable(),
        Column::new("occupation", Text, "occupation").nullable(),
        Column::new("address", Text, "address").nullable(),
        Column::new("user_id", Id, "user account").nullable(),
    ]
);

table!(
    STUDENT_GUARDIANS,
    "student_guardians",
    "guardian link",
    [
        Column::new("student_id", Id, "student"),
        Column::new("guardian_id", Id, "guardian"),
    ]
);

table!(
    CLASSES,
    "classes",
    "class",
    [
        Column::new("name", Text, "name"),
        Column::new("grade_level", Int, "grade level"),
        Column::new("academic_year_id", Id, "academic year"),
        Column::new("homeroom_teacher_id", Id, "homeroom teacher").nullable(),
    ]
);

table!(
    ENROLLMENTS,
    "enrollments",
    "enrollment",
    [
        Column::new("student_id", Id, "student"),
        Column::new("class_id", Id, "class"),
        Column::new("academic_year_id", Id, "academic year"),
        Column::new("start_date", Date, "start date"),
        Column::new("end_date", Date, "end date").nullable(),
        Column::new("end_reason", Text, "reason").nullable(),
    ]
);

table!(
    SUBJECTS,
    "subjects",
    "subject",
    [
        Column::new("code", Text, "code"),
        Column::new("name", Text, "name"),
        Column::new("group_name", Text, "group"),
        Column::new("religion_specific", Bool, "religion-specific"),
    ]
);

table!(
    ROOMS,
    "rooms",
    "room",
    [
        Column::new("name", Text, "name"),
        Column::new("capacity", Int, "capacity"),
        Column::new("kind", Text, "kind"),
    ]
);

table!(
    TEACHING_ASSIGNMENTS,
    "teaching_assignments",
    "teaching assignment",
    [
        Column::new("teacher_id", Id, "teacher"),
        Column::new("subject_id", Id, "subject"),
        Column::new("class_id", Id, "class"),
        Column::new("periods_per_week", Int, "periods per week"),
    ]
);

/// Every record table, parents before children: the order a whole school is
/// copied in.
pub static ALL: [&Table; 13] = [
    &USERS,
    &SCHOOL,
    &ACADEMIC_YEARS,
    &TERMS,
    &TEACHERS,
    &STUDENTS,
    &GUARDIANS,
    &STUDENT_GUARDIANS,
    &CLASSES,
    &ENROLLMENTS,
    &SUBJECTS,
    &ROOMS,
    &TEACHING_ASSIGNMENTS,
];

fn roles_text(roles: &[Role]) -> String {
    let mut names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.join(" ")
}

fn parse_roles(text: &str) -> Option<Vec<Role>> {
    text.split_whitespace().map(Role::parse).collect()
}

impl Record for User {
    const TABLE: &'static Table = &USERS;
    fn values(&self) -> Vec<Val> {
        vec![
            self.login.clone().into(),
            self.display_name.clone().into(),
            self.password_hash.clone().into(),
            roles_text(&self.roles).into(),
            self.active.into(),
        ]
    }
    fn read(r: &mut Reader<'_>) -> StoreResult<Self> {
        Ok(User {
            login: r.text()?,
            display_name: r.text()?,
            password_hash: r.text()?,
            roles: r.code(parse_roles)?,
            active: r.bool()?,
        })
    }
}

impl Record for School {
    const TABLE: &'static Table = &SCHOOL;
    fn values(&self) -> Vec<Val> {
        vec![
            self.name.clone().into(),
            self.npsn.clone().into(),
            self.address.clone().into(),
            self.principal_name.clone().into(),
            self.principal_nip.clone().into(),
            self.logo.clone().into(),
            self.logo_mime.clone().into(),
        ]
    }
    fn read(r: &mut Reader<'_>) -> StoreResult<Self> {
        Ok(School {
            name: r.text()?,
            npsn: r.text()?,
            address: r.text()?,
            principal_name: r.text()?,
            principal_nip: r.opt_text()?,
            logo: r.opt_bytes()?,
            logo_mime: r.opt_text()?,
        })
    }
}

impl Record for AcademicYear {
    const TABLE: &'static Table = &ACADEMIC_YEARS;
    fn values(&self) -> Vec<Val> {
        vec![
            self.name.clone().into(),
            self.start_date.into(),
            self.end_date.into(),
            self.is_current.into(),
        ]
    }
    fn read(r: &mut Reader<'_>) -> StoreResult<Self> {
        Ok(AcademicYear {
            name: r.text()?,
            start_date: r.date()?,
            end_date: r.date()?,
            is_current: r.bool()?,
        })
    }
}

impl Record for Term {
    const TABLE: &'static Table = &TERMS;
    fn values(&self) -> Vec<Val> {
        vec![
            self.academic_year_id.into(),
            self.number.into(),
            self.name.clone().into(),
            self.start_date.into(),
            self.end_date.into(),
        ]
    }
    fn read(r: &mut Reader<'_>) -> StoreResult<Self> {
        Ok(Term {
            academic_year_id: r.id()?,
            number: r.int()?,
            name: r.text()?,
            start_date: r.date()?,
            end_date: r.date()?,
        })
    }
}

impl Record for Teacher {
    const TABLE: &'static Table = &TEACHERS;
    fn values(&self) -> Vec<Val> {
        vec![
            self.full_name.clone().into(),
            self.nip.clone().into(),
            self.nuptk.clone().into(),
            self.gender.code().into(),
            self.phone.clone().into(),
            self.email.clone().into(),
            self.user_id.into(),
            self.active.into(),
        ]
    }
    fn read(r: &mut Reader<'_>) -> StoreResult<Self> {
        Ok(Teacher {
            full_name: r.text()?,
            nip: r.opt_text()?,
            nuptk: r.opt_text()?,
            gender: r.code(Gender::from_code)?,
            phone: r.opt_text()?,
            email: r.opt_text()?,
            user_id: r.opt_id()?,
            active: r.bool()?,
        })
    }
}

impl Record for Student {
    const TABLE: &'static Table = &STUDENTS;
    fn values(&self) -> Vec<Val> {
        vec![
            self.nis.clone().into(),
            self.nisn.clone().into(),
            self.full_name.clone().into(),
            self.gender.code().into(),
            self.birth_place.clone().into(),
            self.birth_date.into(),
            self.religion.clone().into(),
            self.address.clone().into(),
            self.status.as_str().into(),
            self.user_id.into(),
        ]
    }
    fn read(r: &mut Reader<'_>) -> StoreResult<Self> {
        Ok(Student {
            nis: r.text()?,
            nisn: r.text()?,
            full_name: r.text()?,
            gender: r.code(Gender::from_code)?,
            birth_place: r.text()?,
            birth_date: r.date()?,
            religion: r.text()?,
            address: r.text()?,
            status: r.code(StudentStatus::parse)?,
            user_id: r.opt_id()?,
        })
    }
}

impl Record for Guardian {
    const TABLE: &'static Table = &GUARDIANS;
    fn values(&self) -> Vec<Val> {
        vec![
            self.full_name.clone().into(),
            self.relation.clone().into(),
            self.phone.clone().into(),
            self.occupation.clone().into(),
            self.address.clone().into(),
            self.user_id.into(),
        ]
    }
    fn read(r: &mut Reader<'_>) -> StoreResult<Self> {
        Ok(Guardian {
            full_name: r.text()?,
            relation: r.text()?,
            phone: r.opt_text()?,
            occupation: r.opt_text()?,
            address: r.opt_text()?,
            user_id: r.opt_id()?,
        })
    }
}

impl Record for StudentGuardian {
    const TABLE: &'static Table = &STUDENT_GUARDIANS;
    fn values(&self) -> Vec<Val> {
        vec![self.student_id.into(), self.guardian_id.into()]
    }
    fn read(r: &mut Reader<'_>) -> StoreResult<Self> {
        Ok(StudentGuardian {
            student_id: r.id()?,
            guardian_id: r.id()?,
        })
    }
}

impl Record for Class {
    const TABLE: &'static Table = &CLASSES;
    fn values(&self) -> Vec<Val> {
        vec![
            self.name.clone().into(),
            self.grade_level.into(),
            self.academic_year_id.into(),
            self.homeroom_teacher_id.into(),
        ]
    }
    fn read(r: &mut Reader<'_>) -> StoreResult<Self> {
        Ok(Class {
            name: r.text()?,
            grade_level: r.int()?,
            academic_year_id: r.id()?,
            homeroom_teacher_id: r.opt_id()?,
        })
    }
}

impl Record for Enrollment {
    const TABLE: &'static Table = &ENROLLMENTS;
    fn values(&self) -> Vec<Val> {
        vec![
            self.student_id.into(),
            self.class_id.into(),
            self.academic_year_id.into(),
            self.start_date.into(),
            self.end_date.into(),
            self.end_reason.clone().into(),
        ]
    }
    fn read(r: &mut Reader<'_>) -> StoreResult<Self> {
        Ok(Enrollment {
            student_id: r.id()?,
            class_id: r.id()?,
            academic_year_id: r.id()?,
            start_date: r.date()?,
            end_date: r.opt_date()?,
            end_reason: r.opt_text()?,
        })
    }
}

impl Record for Subject {
    const TABLE: &'static Table = &SUBJECTS;
    fn values(&self) -> Vec<Val> {
        vec![
            self.code.clone().into(),
            self.name.clone().into(),
            self.group_name.clone().into(),
            self.religion_specific.into(),
        ]
    }
    fn read(r: &mut Reader<'_>) -> StoreResult<Self> {
        Ok(Subject {
            code: r.text()?,
            name: r.text()?,
            group_name: r.text()?,
            religion_specific: r.bool()?,
        })
    }
}

impl Record for Room {
    const TABLE: &'static Table = &ROOMS;
    fn values(&self) -> Vec<Val> {
        vec![
            self.name.clone().into(),
            self.capacity.into(),
            self.kind.clone().into(),
        ]
    }
    fn read(r: &mut Reader<'_>) -> StoreResult<Self> {
        Ok(Room {
            name: r.text()?,
            capacity: r.int()?,
            kind: r.text()?,
        })
    }
}

impl Record for TeachingAssignment {
    const TABLE: &'static Table = &TEACHING_ASSIGNMENTS;
    fn values(&self) -> Vec<Val> {
        vec![
            self.teacher_id.into(),
            self.subject_id.into(),
            self.class_id.into(),
            self.periods_per_week.into(),
        ]
    }
    fn read(r: &mut Reader<'_>) -> StoreResult<Self> {
        Ok(TeachingAssignment {
            teacher_id: r.id()?,
            subject_id: r.id()?,
            class_id: r.id()?,
            periods_per_week: r.int()?,
        })
    }
}
