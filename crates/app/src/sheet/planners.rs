//! One planner per sheet kind: a row read into its record, checked, and
//! matched to what is stored — students by NISN (a NIS held by another is a
//! conflict), teachers by NIP, NUPTK, then a name only one has, classes by
//! year and name, subjects by code, rooms by name, guardians by name among
//! the child's (a sibling's shared) — and staged as a write.

use super::planning::{upsert, Lookups, Plan, Staged, Write};
use super::reading::RowReader;
use crate::App;
use schooldesk_core::*;

impl App {
    pub(super) fn plan_student(&self, row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
        let nis = row.required("nis");
        let nisn = row.required("nisn");
        let full_name = row.required("full_name");
        let gender = row.gender("gender");
        let birth_place = row.required("birth_place");
        // A stored student's birth date, unchanged, is not judged again.
        let stored_birth = ctx.students_by_nisn.get(&nisn).map(|s| s.data.birth_date);
        let birth_date = row.date("birth_date", true).and_then(|d| {
            if Some(d) == stored_birth {
                Some(d)
            } else {
                row.plausible_birth_date(d, self.today())
            }
        });
        let religion = row.required("religion");
        let status = match StudentStatus::parse(&row.text("status")) {
            Some(s) => s,
            None => {
                let text = row.text("status");
                row.bad_value(
                    "status",
                    "not_status",
                    &text,
                    "is not a status; write active, graduated or moved_out",
                );
                StudentStatus::Active
            }
        };
        let class = row.optional("class").and_then(|name| {
            let found = ctx.class_by_name(&name);
            if found.is_none() {
                let year = ctx.year_name();
                let mut msg = Msg::new(
                    "no_class",
                    format!("there is no class {name:?} in {year}; add it on the Classes screen"),
                )
                .with("value", &name)
                .with("year", year);
                // The import can create it (ImportOptions) when a year is
                // current and the name shows its grade level.
                if let (Some(_), Some(grade)) = (&ctx.year, super::grade_of_class_name(&name)) {
                    msg = msg.with("grade", grade);
                }
                row.problem("class", msg);
            }
            found
        });
        let mut staged = Staged::new(vec![("nisn", nisn.clone()), ("nis", nis.clone())]);
        let (Some(gender), Some(birth_date)) = (gender, birth_date) else {
            return staged;
        };
        let religion = validate::RELIGIONS
            .iter()
            .find(|r| r.eq_ignore_ascii_case(&religion))
            .map_or(religion, |r| r.to_string());
        // NISN is the stronger key: a row is the student its NISN names, and
        // the NIS, name and birth date must not say it is someone else.
        let by_nisn = ctx.students_by_nisn.get(&nisn);
        let by_nis = ctx.students_by_nis.get(&nis);
        let existing = by_nisn;
        let student = Student {
            nis: nis.clone(),
            nisn: nisn.clone(),
            full_name,
            gender,
            birth_place,
            birth_date,
            religion,
            address: row.text("address"),
            status,
            user_id: existing.and_then(|s| s.data.user_id),
        };
        // A stored student's birth date, unchanged, is not judged again
        // (as in the form): a later, stricter rule must not refuse the row.
        if let Err(e) = student.validate_change(self.today(), existing.map(|s| s.data.birth_date)) {
            row.invalid(e);
            return staged;
        }
        match (by_nisn, by_nis) {
            (Some(a), Some(other)) if a.id() != other.id() => {
                row.problem(
                    "nis",
                    Msg::new(
                        "nis_taken",
                        format!(
                            "NIS {nis} already belongs to {} (NISN {})",
                            other.data.full_name, other.data.nisn
                        ),
                    )
                    .with("value", &nis)
                    .with("name", &other.data.full_name)
                    .with("nisn", &other.data.nisn),
                );
                return staged;
            }
            (None, Some(other)) => {
                row.problem(
                    "nisn",
                    Msg::new(
                        "nis_other_nisn",
                        format!(
                            "NIS {nis} belongs to {} (NISN {}), but this row has NISN {nisn}; if it is the same student, correct the NISN on the student's page first",
                            other.data.full_name, other.data.nisn
                        ),
                    )
                    .with("value", &nis)
                    .with("name", &other.data.full_name)
                    .with("nisn", &other.data.nisn)
                    .with("row_nisn", &nisn),
                );
                return staged;
            }
            (Some(a), _)
                if !same_name(&a.data.full_name, &student.full_name)
                    && a.data.birth_date != student.birth_date =>
            {
                row.problem(
                    "full_name",
                    Msg::new(
                        "nisn_other_person",
                        format!(
                            "NISN {nisn} belongs to {}, born {}, but this row names {}, born {}; check the NISN",
                            a.data.full_name, a.data.birth_date, student.full_name, student.birth_date
                        ),
                    )
                    .with("value", &nisn)
                    .with("name", &a.data.full_name)
                    .with("date", a.data.birth_date)
                    .with("row_name", &student.full_name)
                    .with("row_date", student.birth_date),
                );
                return staged;
            }
            _ => {}
        }
        let student_id = existing.map(|s| s.id());
        staged.write = Some(upsert(existing, student));
        if let Some(class) = class {
            staged.enroll = Some((student_id, class.clone(), self.today()));
        }
        staged.enroll_ctx = ctx.open_enrollments_for(student_id);
        staged
    }

    /// One enrollment, open or ended, with its own dates: an export of the
    /// history imports back to the same history. An open enrollment in
    /// another class of that year is ended as "moved" on the start date.
    pub(super) fn plan_enrollment(&self, row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
        let nisn = row.required("nisn");
        let class_name = row.required("class");
        let given_start = row.date("start_date", false);
        let start = given_start.unwrap_or_else(|| self.today());
        let end = row.date("end_date", false);
        let end_reason = row.optional("end_reason");
        if let Some(Err(m)) = end_reason.as_deref().map(schooldesk_core::validate::line) {
            row.problem("end_reason", m);
        }
        let student = ctx.students_by_nisn.get(&nisn);
        if student.is_none() && !nisn.is_empty() {
            row.problem(
                "nisn",
                Msg::new(
                    "no_student_nisn",
                    format!("no student has NISN {nisn}; import the student first"),
                )
                .with("value", &nisn),
            );
        }
        let year = row.optional("year");
        let class = find_class(row, ctx, &class_name, year.as_deref());
        if end.is_some_and(|end| end < start) {
            row.problem(
                "end_date",
                Msg::new("date_order", "the end date must be after the start date"),
            );
        }
        if end.is_none() && end_reason.is_some() {
            row.problem(
                "end_date",
                Msg::new(
                    "end_reason_without_date",
                    "an enrollment with an end reason needs its end date",
                ),
            );
        }
        // One row per enrollment: the same enrollment twice, or two open
        // ones in a year, is a mistake.
        let year_name = class
            .and_then(|c| ctx.years.iter().find(|y| y.id() == c.data.academic_year_id))
            .map(|y| y.data.name.clone())
            .unwrap_or_default();
        let key = match end {
            Some(_) => format!("{nisn} ({class_name}, {year_name}, from {start})"),
            None => format!("{nisn} (in a class of {year_name})"),
        };
        let mut staged = Staged::new(vec![("nisn", key)]);
        staged.counts_as_enrollment = true;
        let (Some(student), Some(class)) = (student, class) else {
            return staged;
        };
        let history = ctx.enrollments_for(student.id());
        let same = |e: &&Stored<Enrollment>| e.data.class_id == class.id();
        match end {
            Some(end) => {
                let data = Enrollment {
                    student_id: student.id(),
                    class_id: class.id(),
                    academic_year_id: class.data.academic_year_id,
                    start_date: start,
                    end_date: Some(end),
                    end_reason,
                };
                let existing = history
                    .iter()
                    .filter(same)
                    .find(|e| e.data.start_date == start);
                staged.write = Some(upsert(existing, data));
            }
            None => {
                let open_here = history
                    .iter()
                    .filter(same)
                    .find(|e| e.data.end_date.is_none());
                match (open_here, given_start) {
                    (Some(open), Some(start)) if open.data.start_date != start => {
                        // The file says when the student started here.
                        let data = Enrollment {
                            start_date: start,
                            ..open.data.clone()
                        };
                        staged.write = Some(upsert(Some(open), data));
                    }
                    (Some(_), _) => staged.write = Some(Write::Unchanged),
                    (None, _) => {
                        let open = ctx.open_enrollments_for(Some(student.id()));
                        if let Some(other) = open
                            .iter()
                            .find(|e| e.data.academic_year_id == class.data.academic_year_id)
                        {
                            if start < other.data.start_date {
                                row.problem(
                                    "start_date",
                                    Msg::new(
                                        "move_before_start",
                                        format!(
                                            "the move date must be on or after {}",
                                            other.data.start_date
                                        ),
                                    )
                                    .with("date", other.data.start_date),
                                );
                                return staged;
                            }
                        }
                        staged.write = Some(Write::Unchanged);
                        staged.enroll = Some((Some(student.id()), class.clone(), start));
                        staged.enroll_ctx = open;
                    }
                }
            }
        }
        staged
    }
}

/// A guardian of a student, matched among that student's guardians by
/// name. A guardian already on file with exactly the same details (a
/// sibling's parent, in the school or earlier in the file) is linked, not
/// made twice.
pub(super) fn plan_guardian(row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
    let nisn = row.required("nisn");
    let full_name = row.required("full_name");
    let relation = row.required("relation");
    let mut staged = Staged::new(vec![("full_name", format!("{full_name} ({nisn})"))]);
    let student = ctx.students_by_nisn.get(&nisn);
    if student.is_none() && !nisn.is_empty() {
        row.problem(
            "nisn",
            Msg::new(
                "no_student_nisn",
                format!("no student has NISN {nisn}; import the student first"),
            )
            .with("value", &nisn),
        );
    }
    let linked: Vec<&Stored<Guardian>> = student
        .map(|s| {
            ctx.guardian_links
                .iter()
                .filter(|l| l.student_id == s.id())
                .filter_map(|l| ctx.guardians.get(&l.guardian_id))
                .collect()
        })
        .unwrap_or_default();
    let existing = linked
        .iter()
        .copied()
        .find(|g| same_name(&g.data.full_name, &full_name));
    let guardian = Guardian {
        full_name,
        relation,
        phone: row.optional("phone"),
        occupation: row.optional("occupation"),
        address: row.optional("address"),
        user_id: existing.and_then(|g| g.data.user_id),
    };
    if let Err(e) = guardian.validate() {
        row.invalid(e);
        return staged;
    }
    let Some(student) = student else {
        return staged;
    };
    if existing.is_some() {
        staged.write = Some(upsert(existing, guardian));
        return staged;
    }
    // Siblings share a guardian: one with exactly these details, a phone
    // number among them (a name and "Ibu" alone are too common to say it is
    // the same person), already stored or earlier in the file. Never one
    // with a login: giving an account another child is an administrator's
    // decision, not an import's.
    let shareable = guardian.phone.is_some();
    let on_file = ctx
        .guardians
        .values()
        .filter(|g| shareable && g.data.user_id.is_none())
        .find(|g| g.data == guardian)
        .map(|g| g.id());
    let student_id = student.id();
    staged.write = Some(Write::Guardian(Box::new(move |plan: &mut Plan| {
        let key = guardian_key(&guardian);
        let made = shareable
            .then(|| plan.guardians_made.get(&key).copied())
            .flatten();
        let guardian_id = match on_file.or(made) {
            Some(id) => id,
            None => {
                let id = plan.changes.insert(&guardian);
                plan.guardians_made.insert(key, id);
                id
            }
        };
        plan.changes.insert(&StudentGuardian {
            student_id,
            guardian_id,
        });
    })));
    staged
}

/// The class a row names in `year` (the current one when blank), or `None`
/// with the problem on the row: the year's column when there is no such
/// year, else the class's. A blank class is someone else's problem.
fn find_class<'a>(
    row: &mut RowReader<'_>,
    ctx: &'a Lookups,
    class_name: &str,
    year: Option<&str>,
) -> Option<&'a Stored<Class>> {
    if class_name.is_empty() {
        return None;
    }
    let class = ctx.class_in_year(class_name, year);
    if class.is_none() {
        match year {
            Some(y) if !ctx.years.iter().any(|s| s.data.name == y) => row.problem(
                "year",
                Msg::new("no_year", format!("there is no academic year {y}")).with("value", y),
            ),
            _ => {
                let in_year = year.map_or_else(|| ctx.year_name(), str::to_string);
                row.problem(
                    "class",
                    Msg::new(
                        "no_class",
                        format!("there is no class {class_name:?} in {in_year}"),
                    )
                    .with("value", class_name)
                    .with("year", in_year),
                )
            }
        }
    }
    class
}

fn guardian_key(g: &Guardian) -> String {
    format!(
        "{}\u{1f}{}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}",
        g.full_name.to_lowercase(),
        g.relation,
        g.phone,
        g.occupation,
        g.address
    )
}

/// Names compared as people write them: case and spacing aside.
fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

/// The stored teacher a row is, `Some(None)` for a new one, or `None` (with
/// the problem on the row) when its keys point at different teachers. NIP
/// is stronger than NUPTK, and both than the name: the strongest key that
/// matches decides, and no other may contradict it.
fn match_teacher<'a>(
    row: &mut RowReader<'_>,
    ctx: &'a Lookups,
    full_name: &str,
    nip: Option<&str>,
    nuptk: Option<&str>,
) -> Option<Option<&'a Stored<Teacher>>> {
    let by_nip = nip.and_then(|n| {
        ctx.teachers
            .iter()
            .find(|t| t.data.nip.as_deref() == Some(n))
    });
    let by_nuptk = nuptk.and_then(|n| {
        ctx.teachers
            .iter()
            .find(|t| t.data.nuptk.as_deref() == Some(n))
    });
    let named: Vec<&Stored<Teacher>> = ctx
        .teachers
        .iter()
        .filter(|t| same_name(&t.data.full_name, full_name))
        .collect();
    let contradicts = |t: &Stored<Teacher>, key: &'static str| -> Option<(String, String)> {
        let (theirs, ours) = match key {
            "nip" => (t.data.nip.as_deref(), nip),
            _ => (t.data.nuptk.as_deref(), nuptk),
        };
        match (theirs, ours) {
            (Some(theirs), Some(ours)) if theirs != ours => Some((theirs.into(), ours.into())),
            _ => None,
        }
    };
    let conflict = |row: &mut RowReader<'_>, key: &'static str, msg: Msg| {
        row.problem(key, msg);
        None::<Option<&'a Stored<Teacher>>>
    };
    let has_other = |t: &Stored<Teacher>, key: &'static str, theirs: &str, ours: &str| {
        let label = key.to_uppercase();
        Msg::new(
            "teacher_other_number",
            format!(
                "{} has {label} {theirs}, but this row has {label} {ours}; if it is the same teacher, correct the {label} on the teacher's page first",
                t.data.full_name
            ),
        )
        .with("name", &t.data.full_name)
        .with("key", &label)
        .with("value", theirs)
        .with("row_value", ours)
    };
    if let (Some(a), Some(b)) = (by_nip, by_nuptk) {
        if a.id() != b.id() {
            return conflict(
                row,
                "nuptk",
                Msg::new(
                    "teacher_two_people",
                    format!(
                        "NUPTK {} belongs to {}, but NIP {} belongs to {}",
                        nuptk.unwrap_or_default(),
                        b.data.full_name,
                        nip.unwrap_or_default(),
                        a.data.full_name
                    ),
                )
                .with("value", nuptk.unwrap_or_default())
                .with("name", &b.data.full_name)
                .with("nip", nip.unwrap_or_default())
                .with("nip_name", &a.data.full_name),
            );
        }
    }
    if let Some(found) = by_nip.or(by_nuptk) {
        for key in ["nip", "nuptk"] {
            if let Some((theirs, ours)) = contradicts(found, key) {
                let msg = has_other(found, key, &theirs, &ours);
                return conflict(row, key, msg);
            }
        }
        if let Some(other) = named.iter().find(|t| t.id() != found.id()) {
            if !same_name(&found.data.full_name, full_name) {
                let (key, value) = match by_nip {
                    Some(_) => ("NIP", nip.unwrap_or_default()),
                    None => ("NUPTK", nuptk.unwrap_or_default()),
                };
                return conflict(
                    row,
                    "full_name",
                    Msg::new(
                        "teacher_name_taken",
                        format!(
                            "{key} {value} belongs to {}, but this row names another teacher, {}",
                            found.data.full_name, other.data.full_name
                        ),
                    )
                    .with("key", key)
                    .with("value", value)
                    .with("name", &found.data.full_name)
                    .with("other", &other.data.full_name),
                );
            }
        }
        return Some(Some(found));
    }
    // Only the name is left to match on; a teacher of that name whose NIP or
    // NUPTK differs from the row's is someone else.
    let fits: Vec<&Stored<Teacher>> = named
        .iter()
        .copied()
        .filter(|t| contradicts(t, "nip").is_none() && contradicts(t, "nuptk").is_none())
        .collect();
    match (named.first(), fits.len()) {
        (Some(first), 0) => {
            let key = if contradicts(first, "nip").is_some() {
                "nip"
            } else {
                "nuptk"
            };
            let (theirs, ours) = contradicts(first, key).expect("a contradicting number");
            let msg = has_other(first, key, &theirs, &ours);
            conflict(row, key, msg)
        }
        (_, 0) => Some(None),
        (_, 1) => Some(Some(fits[0])),
        (_, n) => conflict(
            row,
            "full_name",
            Msg::new(
                "teacher_name_ambiguous",
                format!("{n} teachers are named {full_name}; give the NIP or NUPTK to say which"),
            )
            .with("count", n)
            .with("value", full_name),
        ),
    }
}

pub(super) fn plan_teacher(row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
    let full_name = row.required("full_name");
    let gender = row.gender("gender");
    let nip = row.optional("nip").map(|n| validate::compact_digits(&n));
    let nuptk = row.optional("nuptk").map(|n| validate::compact_digits(&n));
    let mut keys = vec![];
    keys.extend(nip.clone().map(|v| ("nip", v)));
    keys.extend(nuptk.clone().map(|v| ("nuptk", v)));
    if nip.is_none() && nuptk.is_none() {
        keys.push(("full_name", full_name.to_lowercase()));
    }
    let mut staged = Staged::new(keys);
    let Some(gender) = gender else { return staged };
    let Some(existing) = match_teacher(row, ctx, &full_name, nip.as_deref(), nuptk.as_deref())
    else {
        return staged;
    };
    // A row with no number matched by its name alone must not update a
    // teacher who has one: it may be another person of the same name, and
    // its blank cells would erase her NIP and NUPTK.
    if let Some(t) = existing {
        if nip.is_none() && nuptk.is_none() && (t.data.nip.is_some() || t.data.nuptk.is_some()) {
            let number = t
                .data
                .nip
                .clone()
                .or(t.data.nuptk.clone())
                .unwrap_or_default();
            row.problem(
                "nip",
                Msg::new(
                    "teacher_name_only",
                    format!(
                        "the teacher {} stored with NIP/NUPTK {number} has the same name; give the NIP or NUPTK to update her or him, or a different one for another teacher",
                        t.data.full_name
                    ),
                )
                .with("name", &t.data.full_name)
                .with("number", number),
            );
            return staged;
        }
    }
    // A blank number never erases a stored one.
    let nip = nip.or_else(|| existing.and_then(|t| t.data.nip.clone()));
    let nuptk = nuptk.or_else(|| existing.and_then(|t| t.data.nuptk.clone()));
    let teacher = Teacher {
        full_name,
        nip,
        nuptk,
        gender,
        phone: row.optional("phone"),
        email: row.optional("email"),
        user_id: existing.and_then(|t| t.data.user_id),
        // Left blank, a teacher stays as stored (a new one is active).
        active: match row.optional("active") {
            Some(_) => row.flag("active"),
            None => existing.is_none_or(|t| t.data.active),
        },
    };
    if let Err(e) = teacher.validate() {
        row.invalid(e);
        return staged;
    }
    staged.write = Some(upsert(existing, teacher));
    staged
}

pub(super) fn plan_class(row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
    let name = row.required("name");
    let grade_level = row.int("grade_level");
    let year_name = row.optional("year");
    let mut staged = Staged::new(vec![(
        "name",
        format!("{}/{name}", year_name.clone().unwrap_or_default()),
    )]);
    let year = match &year_name {
        Some(y) => ctx.years.iter().find(|s| &s.data.name == y),
        None => ctx.year.as_ref(),
    };
    let Some(year) = year else {
        let msg = match year_name {
            Some(which) => Msg::new("no_year", format!("there is no academic year {which}"))
                .with("value", which),
            None => Msg::new(
                "no_current_year",
                "no year is given and no current academic year is set",
            ),
        };
        row.problem("year", msg);
        return staged;
    };
    let homeroom_teacher_id = match row.optional("homeroom") {
        None => None,
        Some(who) => find_teacher(row, ctx, "homeroom", &who).map(|t| t.id()),
    };
    let Some(grade_level) = grade_level else {
        return staged;
    };
    let class = Class {
        name: name.clone(),
        grade_level,
        academic_year_id: year.id(),
        homeroom_teacher_id,
    };
    if let Err(e) = class.validate() {
        row.invalid(e);
        return staged;
    }
    let existing = ctx
        .classes
        .iter()
        .find(|c| c.data.academic_year_id == year.id() && c.data.name == name);
    staged.write = Some(upsert(existing, class));
    staged
}

/// The teacher a cell names: by NIP, then NUPTK, then a name only one
/// teacher has (as exports write a teacher), with the problem on `key`.
fn find_teacher<'a>(
    row: &mut RowReader<'_>,
    ctx: &'a Lookups,
    key: &'static str,
    who: &str,
) -> Option<&'a Stored<Teacher>> {
    // NIP, then NUPTK (as printed, with spaces), then a name only one
    // teacher has.
    let number = validate::compact_digits(who);
    let by_number = ctx.teachers.iter().find(|t| {
        t.data.nip.as_deref() == Some(number.as_str())
            || t.data.nuptk.as_deref() == Some(number.as_str())
    });
    let named: Vec<&Stored<Teacher>> = ctx
        .teachers
        .iter()
        .filter(|t| same_name(&t.data.full_name, who))
        .collect();
    let found = by_number.or(match named[..] {
        [one] => Some(one),
        _ => None,
    });
    if found.is_none() && named.len() > 1 {
        row.problem(
            key,
            Msg::new(
                "teacher_name_ambiguous",
                format!(
                    "{} teachers are named {who}; give the NIP or NUPTK to say which",
                    named.len()
                ),
            )
            .with("count", named.len())
            .with("value", who),
        );
    } else if found.is_none() {
        row.problem(
            key,
            Msg::new(
                "no_teacher",
                format!("no teacher has the NIP or name {who:?}"),
            )
            .with("value", who),
        );
    }
    found
}

/// A year row: the year, matched by its name (its only key), with its two
/// semesters in the same row, matched by their number. Semester cells left
/// blank leave a stored semester as it is.
pub(super) fn plan_year(row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
    let name = row.required("name");
    let start_date = row.date("start_date", true);
    let end_date = row.date("end_date", true);
    let is_current = row.flag("current");
    let mut staged = Staged::new(vec![("name", name.clone())]);
    let (Some(start_date), Some(end_date)) = (start_date, end_date) else {
        return staged;
    };
    let year = AcademicYear {
        name: name.clone(),
        start_date,
        end_date,
        is_current,
    };
    if let Err(e) = year.validate() {
        row.invalid(e);
        return staged;
    }
    let mut terms = Vec::new();
    for number in 1..=2i64 {
        let key = |part: &str| -> &'static str {
            match (number, part) {
                (1, "name") => "semester1_name",
                (1, "start") => "semester1_start",
                (1, _) => "semester1_end",
                (_, "name") => "semester2_name",
                (_, "start") => "semester2_start",
                _ => "semester2_end",
            }
        };
        let given = ["name", "start", "end"]
            .iter()
            .any(|part| !row.text(key(part)).is_empty());
        if !given {
            continue;
        }
        let term_name = row.required(key("name"));
        let start = row.date(key("start"), true);
        let end = row.date(key("end"), true);
        let (Some(start), Some(end)) = (start, end) else {
            continue;
        };
        let term = Term {
            academic_year_id: Id::nil(),
            number,
            name: term_name,
            start_date: start,
            end_date: end,
        };
        if let Err(e) = term.validate(&year) {
            for e in e.0 {
                let column = match e.field {
                    "name" | "number" => key("name"),
                    "end_date" => key("end"),
                    _ => key("start"),
                };
                row.problem(column, e.msg);
            }
            continue;
        }
        terms.push(term);
    }
    staged.year = Some((name.clone(), is_current));
    if !row.problems.is_empty() {
        return staged;
    }
    let existing = ctx.years.iter().find(|y| y.data.name == name);
    staged.write = Some(match existing {
        None => Write::Create(Box::new(move |cs| {
            let id = new_id();
            cs.insert_with_id(id, &year);
            for term in terms {
                cs.insert(&Term {
                    academic_year_id: id,
                    ..term
                });
            }
            id
        })),
        Some(stored) => {
            let id = stored.id();
            let year_write = (stored.data != year).then(|| (stored.version(), year));
            let mut term_writes = Vec::new();
            for term in terms {
                let term = Term {
                    academic_year_id: id,
                    ..term
                };
                let old = ctx
                    .terms
                    .iter()
                    .find(|t| t.data.academic_year_id == id && t.data.number == term.number);
                match old {
                    Some(old) if old.data == term => {}
                    Some(old) => term_writes.push((Some((old.id(), old.version())), term)),
                    None => term_writes.push((None, term)),
                }
            }
            if year_write.is_none() && term_writes.is_empty() {
                Write::Unchanged
            } else {
                Write::Update(Box::new(move |cs| {
                    if let Some((version, year)) = year_write {
                        cs.update(id, version, &year);
                    }
                    for (old, term) in term_writes {
                        match old {
                            Some((tid, version)) => cs.update(tid, version, &term),
                            None => {
                                cs.insert(&term);
                            }
                        }
                    }
                }))
            }
        }
    });
    staged
}

/// A room, matched by its name.
pub(super) fn plan_room(row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
    let name = row.required("name");
    let capacity = row.int("capacity");
    let kind = row.optional("kind").unwrap_or_else(|| "classroom".into());
    let mut staged = Staged::new(vec![("name", name.to_lowercase())]);
    let Some(capacity) = capacity else {
        return staged;
    };
    let room = Room {
        name: name.clone(),
        capacity,
        kind,
    };
    if let Err(e) = room.validate() {
        row.invalid(e);
        return staged;
    }
    let existing = ctx.rooms.iter().find(|r| r.data.name == name);
    staged.write = Some(upsert(existing, room));
    staged
}

/// A teaching assignment: the teacher (NIP, NUPTK or a name only one
/// teacher has), the subject by its code or a name only one subject has,
/// the class by year and name (the current year when blank); one
/// of the same three is updated (its periods per week).
pub(super) fn plan_assignment(row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
    let who = row.required("teacher");
    let code = row.required("subject");
    let class_name = row.required("class");
    let year_name = row.optional("year");
    let periods = row.int("periods_per_week");
    let mut staged = Staged::new(vec![]);
    let teacher = match who.is_empty() {
        true => None,
        false => find_teacher(row, ctx, "teacher", &who),
    };
    // By its code, else by a name only one subject has.
    let subject = ctx
        .subjects
        .iter()
        .find(|s| s.data.code == code)
        .or_else(|| {
            let named: Vec<_> = ctx
                .subjects
                .iter()
                .filter(|s| same_name(&s.data.name, &code))
                .collect();
            match named[..] {
                [one] => Some(one),
                _ => None,
            }
        });
    if subject.is_none() && !code.is_empty() {
        row.problem(
            "subject",
            Msg::new(
                "no_subject",
                format!("no subject has the code or name {code:?}"),
            )
            .with("value", &code),
        );
    }
    let class = find_class(row, ctx, &class_name, year_name.as_deref());
    let (Some(teacher), Some(subject), Some(class), Some(periods)) =
        (teacher, subject, class, periods)
    else {
        return staged;
    };
    staged.keys.push((
        "class",
        format!("{}/{}/{}", teacher.id(), subject.id(), class.id()),
    ));
    let assignment = TeachingAssignment {
        teacher_id: teacher.id(),
        subject_id: subject.id(),
        class_id: class.id(),
        periods_per_week: periods,
    };
    if let Err(e) = assignment.validate() {
        row.invalid(e);
        return staged;
    }
    let existing = ctx.assignments.iter().find(|a| {
        a.data.teacher_id == teacher.id()
            && a.data.subject_id == subject.id()
            && a.data.class_id == class.id()
    });
    staged.write = Some(upsert(existing, assignment));
    staged
}

pub(super) fn plan_subject(row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
    let code = row.required("code");
    let name = row.required("name");
    let group_name = row.optional("group").unwrap_or_else(|| "A".into());
    let religion_specific = row.flag("religion_specific");
    let mut staged = Staged::new(vec![("code", code.clone())]);
    let subject = Subject {
        code: code.clone(),
        name,
        group_name,
        religion_specific,
    };
    if let Err(e) = subject.validate() {
        row.invalid(e);
        return staged;
    }
    let existing = ctx.subjects.iter().find(|s| s.data.code == code);
    staged.write = Some(upsert(existing, subject));
    staged
}
