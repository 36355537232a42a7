//! Who may do what. The whole permission matrix is the one function
//! [`allowed`]; `schooldesk-app` asks it before every use-case and the UI only
//! mirrors it. docs/PERMISSIONS.md is the same matrix in words.

use crate::Id;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
#[cfg_attr(feature = "wire", serde(rename_all = "snake_case"))]
pub enum Role {
    /// The curriculum office / operator: master data, users, imports.
    Admin,
    Teacher,
    /// Wali kelas: scoped to the classes whose homeroom teacher they are.
    Homeroom,
    Student,
    Parent,
    /// Bendahara.
    Bursar,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Teacher,
        Role::Homeroom,
        Role::Student,
        Role::Parent,
        Role::Bursar,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Teacher => "teacher",
            Role::Homeroom => "homeroom",
            Role::Student => "student",
            Role::Parent => "parent",
            Role::Bursar => "bursar",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    fn is_staff(self) -> bool {
        matches!(
            self,
            Role::Admin | Role::Teacher | Role::Homeroom | Role::Bursar
        )
    }
}

/// The signed-in user and the records their roles are scoped to, resolved
/// once at login from the store.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Actor {
    pub user_id: Id,
    pub login: String,
    pub roles: Vec<Role>,
    /// The teacher record of a teacher or homeroom teacher.
    pub teacher_id: Option<Id>,
    /// The student record of a student.
    pub student_id: Option<Id>,
    /// The students a parent is the guardian of.
    pub child_ids: Vec<Id>,
    /// Classes whose homeroom teacher this user is.
    pub homeroom_class_ids: Vec<Id>,
    /// Classes this user teaches (teaching assignments).
    pub taught_class_ids: Vec<Id>,
    /// The (class, subject) pairs of this user's teaching assignments in
    /// those classes: what they may grade (issue 12).
    pub taught_subjects: Vec<(Id, Id)>,
    /// The password was chosen by someone else and must be changed first:
    /// until then nothing is allowed.
    pub must_change_password: bool,
}

impl Actor {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
    fn is_admin(&self) -> bool {
        self.has(Role::Admin)
    }
    fn is_staff(&self) -> bool {
        self.roles.iter().any(|r| r.is_staff())
    }
    fn homeroom_of(&self, class_id: Id) -> bool {
        self.has(Role::Homeroom) && self.homeroom_class_ids.contains(&class_id)
    }
    fn teaches(&self, class_id: Id) -> bool {
        (self.has(Role::Teacher) || self.has(Role::Homeroom))
            && self.taught_class_ids.contains(&class_id)
    }
    /// Teaches this subject in this class (a teaching assignment).
    fn teaches_subject(&self, class_id: Id, subject_id: Id) -> bool {
        self.teaches(class_id) && self.taught_subjects.contains(&(class_id, subject_id))
    }
    /// Teaches this subject in any class.
    fn teaches_subject_anywhere(&self, subject_id: Id) -> bool {
        (self.has(Role::Teacher) || self.has(Role::Homeroom))
            && self
                .taught_subjects
                .iter()
                .any(|(c, s)| *s == subject_id && self.taught_class_ids.contains(c))
    }
}

/// What a use-case wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// School profile, years and terms, subjects, rooms, class list, teacher
    /// list: the directory every member of staff works from.
    ReadDirectory,
    /// Change the school profile, years, terms, subjects, rooms, classes,
    /// teachers and teaching assignments.
    ManageDirectory,
    /// See a class's roster.
    ReadRoster,
    /// See one student's record and guardians.
    ReadStudent,
    /// Change one student's record or guardians.
    EditStudent,
    /// Create or delete students, enroll, move and remove them.
    ManageEnrollment,
    /// Create users, give roles, reset passwords.
    ManageUsers,
    /// Read the audit trail.
    ReadAudit,
    /// Bulk import and export of school records.
    ImportExport,
    // issue 12: grades.
    /// See a class's gradebook in a subject (its scheme, columns, scores,
    /// finals): who teaches it, the class's homeroom teacher.
    ReadGrades,
    /// Type scores, add and rename columns: who teaches the subject in the
    /// class (a teaching assignment).
    EnterGrades,
    /// Save a subject's assessment scheme for a semester: who teaches the
    /// subject.
    ManageScheme,
    /// Submit a class's grades for approval (or take them back): its
    /// homeroom teacher.
    SubmitGrades,
    /// Approve (lock) a class's grades, and unlock them: the curriculum
    /// office only.
    ApproveGrades,
    // issue 12: printing.
    /// Print a class's report cards and ledger: its homeroom teacher (a
    /// family prints its own child's published card through ReadResults).
    PrintReports,
    // issue 12: attendance, descriptions, notes
    /// Mark a class's attendance and see its month: the class's homeroom
    /// teacher or a teacher who teaches it.
    TakeAttendance,
    /// See one student's term results (attendance totals, descriptions,
    /// notes): the student, their parents, the class's teachers.
    ReadResults,
    /// Tick objectives and write the descriptions of one class × subject:
    /// the teachers assigned to teach it ([`Target::ClassSubject`]).
    WriteDescription,
    /// A subject's learning objectives and comment bank: the teachers who
    /// teach it in any class ([`Target::Subject`]).
    ManageObjectives,
    /// The homeroom note, parent response, extracurricular results and the
    /// promotion decision: the class's homeroom teacher.
    WriteTermReport,
    // issue 17: fees
    /// Fee items, who they are billed to, and discounts: the administrator
    /// only.
    ManageFeePlans,
    /// Generate invoices, book payments and print their receipts, void and
    /// refund with a reason, the day's cash report and its closing: the
    /// bursar.
    TakePayments,
    /// A student's statement and receipts ([`Target::Student`]): the
    /// bursar, the student, their parents. The whole school's arrears
    /// ([`Target::School`]): the bursar. Teachers see nothing of fees.
    ReadFees,
    /// Whether the students of a class ([`Target::Class`]) are in arrears,
    /// a yes or no and the amount owed, nothing else: the bursar, and the
    /// class's own homeroom teacher — the latter only when the school turned
    /// it on (`FeeSettings::homeroom_sees_arrears`), which the app checks:
    /// this matrix cannot see settings.
    ReadClassArrears,
    // issue 14: timetabling.
    /// See the school's week, lessons, rules and every timetable of a
    /// semester (drafts too): staff who teach ([`Target::School`]); a
    /// student or parent sees their own published timetable
    /// ([`Target::Student`]).
    ReadTimetable,
    /// Set the week, lessons and rules, generate and publish timetables:
    /// the curriculum office only.
    ManageTimetable,
    // issue 13: the question bank.
    /// See a subject's questions, search them and export them
    /// ([`Target::Subject`]): the teachers who teach the subject. The whole
    /// bank ([`Target::School`]): the curriculum office. Students and
    /// parents see nothing of the bank.
    ReadQuestions,
    /// Write, edit and import questions of a subject ([`Target::Subject`]):
    /// the teachers who teach it.
    WriteQuestions,
    /// Review and approve questions (or send them back to draft): the
    /// curriculum office only.
    ReviewQuestions,
    // issue 13: exam papers.
    /// See a subject's blueprints and exam papers ([`Target::Subject`]):
    /// the teachers who teach the subject. A student or parent
    /// ([`Target::Student`]) may see a paper of the student's class only
    /// once it is released (the app checks the status and the class).
    ReadExamPapers,
    /// Write blueprints and draft papers of a subject, fill them from the
    /// bank and swap questions ([`Target::Subject`]): the teachers who
    /// teach it.
    DraftExamPapers,
    /// Make a paper final (its questions fixed for printing), send it back
    /// to draft, and release it: the curriculum office only.
    AssembleExamPapers,
}

/// The record an action is aimed at, with what the policy needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    School,
    Class(Id),
    /// A student and the classes they are currently enrolled in.
    Student {
        id: Id,
        class_ids: Vec<Id>,
    },
    /// A subject taught in a class (a gradebook).
    ClassSubject {
        class_id: Id,
        subject_id: Id,
    },
    /// A subject across the school (its assessment scheme).
    Subject(Id),
}

/// What a user may do, for a UI that offers only what will not be refused
/// (no button that fails when pressed). Each flag is [`allowed`] asked
/// about the whole school; scoped reads (one class's roster, one student)
/// are listed by the records themselves: `classes` are the ones whose
/// roster this user may read when they may not read every class.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct Abilities {
    pub read_directory: bool,
    pub manage_directory: bool,
    pub manage_enrollment: bool,
    pub manage_users: bool,
    pub read_audit: bool,
    pub import_export: bool,
    /// Reads every class's roster (an administrator, the bursar).
    pub read_every_roster: bool,
    /// Classes taught or led by this user.
    pub classes: Vec<Id>,
    /// Classes whose students this user may edit (a homeroom teacher's).
    pub edit_classes: Vec<Id>,
    /// Must change their password before anything else.
    pub must_change_password: bool,
}

impl Actor {
    pub fn abilities(&self) -> Abilities {
        let school = |action| allowed(self, action, &Target::School);
        let mut classes: Vec<Id> = self
            .taught_class_ids
            .iter()
            .chain(&self.homeroom_class_ids)
            .copied()
            .collect();
        classes.sort();
        classes.dedup();
        let edit_classes = classes
            .iter()
            .copied()
            .filter(|c| {
                allowed(
                    self,
                    Action::EditStudent,
                    &Target::Student {
                        id: Id::nil(),
                        class_ids: vec![*c],
                    },
                )
            })
            .collect();
        classes.retain(|c| allowed(self, Action::ReadRoster, &Target::Class(*c)));
        Abilities {
            read_directory: school(Action::ReadDirectory),
            manage_directory: school(Action::ManageDirectory),
            manage_enrollment: school(Action::ManageEnrollment),
            manage_users: school(Action::ManageUsers),
            read_audit: school(Action::ReadAudit),
            import_export: school(Action::ImportExport),
            read_every_roster: !self.must_change_password
                && (self.is_admin() || self.has(Role::Bursar)),
            classes,
            edit_classes,
            must_change_password: self.must_change_password,
        }
    }
}

/// The permission matrix.
pub fn allowed(actor: &Actor, action: Action, target: &Target) -> bool {
    if actor.must_change_password {
        return false;
    }
    if actor.is_admin() {
        return true;
    }
    match action {
        Action::ReadDirectory => actor.is_staff(),
        Action::ManageDirectory
        | Action::ManageEnrollment
        | Action::ManageUsers
        | Action::ReadAudit
        | Action::ImportExport => false,
        Action::ReadRoster => match target {
            Target::Class(class_id) => {
                actor.has(Role::Bursar) || actor.teaches(*class_id) || actor.homeroom_of(*class_id)
            }
            _ => false,
        },
        Action::ReadStudent => match target {
            Target::Student { id, class_ids } => {
                actor.has(Role::Bursar)
                    || (actor.has(Role::Student) && actor.student_id == Some(*id))
                    || (actor.has(Role::Parent) && actor.child_ids.contains(id))
                    || class_ids
                        .iter()
                        .any(|c| actor.teaches(*c) || actor.homeroom_of(*c))
            }
            _ => false,
        },
        Action::EditStudent => match target {
            Target::Student { class_ids, .. } => class_ids.iter().any(|c| actor.homeroom_of(*c)),
            _ => false,
        },
        Action::ReadGrades => match target {
            Target::ClassSubject {
                class_id,
                subject_id,
            } => actor.teaches_subject(*class_id, *subject_id) || actor.homeroom_of(*class_id),
            _ => false,
        },
        Action::EnterGrades => match target {
            Target::ClassSubject {
                class_id,
                subject_id,
            } => actor.teaches_subject(*class_id, *subject_id),
            _ => false,
        },
        Action::ManageScheme => match target {
            Target::Subject(subject_id) => actor.teaches_subject_anywhere(*subject_id),
            _ => false,
        },
        Action::SubmitGrades => match target {
            Target::Class(class_id) => actor.homeroom_of(*class_id),
            _ => false,
        },
        Action::ApproveGrades => false,
        Action::PrintReports => match target {
            Target::Class(class_id) => actor.homeroom_of(*class_id),
            _ => false,
        },
        Action::TakeAttendance => match target {
            Target::Class(class_id) => actor.teaches(*class_id) || actor.homeroom_of(*class_id),
            _ => false,
        },
        Action::ReadResults => match target {
            Target::Student { id, class_ids } => {
                (actor.has(Role::Student) && actor.student_id == Some(*id))
                    || (actor.has(Role::Parent) && actor.child_ids.contains(id))
                    || class_ids
                        .iter()
                        .any(|c| actor.teaches(*c) || actor.homeroom_of(*c))
            }
            _ => false,
        },
        Action::WriteDescription => match target {
            Target::ClassSubject {
                class_id,
                subject_id,
            } => actor.teaches_subject(*class_id, *subject_id),
            _ => false,
        },
        Action::ManageObjectives => match target {
            Target::Subject(subject_id) => actor.teaches_subject_anywhere(*subject_id),
            _ => false,
        },
        Action::WriteTermReport => match target {
            Target::Class(class_id) => actor.homeroom_of(*class_id),
            _ => false,
        },
        Action::ManageFeePlans => false,
        Action::TakePayments => actor.has(Role::Bursar),
        Action::ReadFees => match target {
            Target::Student { id, .. } => {
                actor.has(Role::Bursar)
                    || (actor.has(Role::Student) && actor.student_id == Some(*id))
                    || (actor.has(Role::Parent) && actor.child_ids.contains(id))
            }
            _ => actor.has(Role::Bursar),
        },
        Action::ReadClassArrears => match target {
            Target::Class(class_id) => actor.has(Role::Bursar) || actor.homeroom_of(*class_id),
            _ => false,
        },
        Action::ReadTimetable => {
            let teaches = actor.has(Role::Teacher) || actor.has(Role::Homeroom);
            match target {
                Target::School => teaches,
                Target::Student { id, .. } => {
                    teaches
                        || (actor.has(Role::Student) && actor.student_id == Some(*id))
                        || (actor.has(Role::Parent) && actor.child_ids.contains(id))
                }
                _ => false,
            }
        }
        Action::ManageTimetable => false,
        Action::ReadQuestions | Action::WriteQuestions => match target {
            Target::Subject(subject_id) => actor.teaches_subject_anywhere(*subject_id),
            _ => false,
        },
        Action::ReviewQuestions => false,
        Action::ReadExamPapers => match target {
            Target::Subject(subject_id) => actor.teaches_subject_anywhere(*subject_id),
            Target::Student { id, .. } => {
                (actor.has(Role::Student) && actor.student_id == Some(*id))
                    || (actor.has(Role::Parent) && actor.child_ids.contains(id))
            }
            _ => false,
        },
        Action::DraftExamPapers => match target {
            Target::Subject(subject_id) => actor.teaches_subject_anywhere(*subject_id),
            _ => false,
        },
        Action::AssembleExamPapers => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(roles: &[Role]) -> Actor {
        Actor {
            user_id: crate::new_id(),
            login: "x".into(),
            roles: roles.to_vec(),
            ..Actor::default()
        }
    }

    #[test]
    fn matrix() {
        let own_class = crate::new_id();
        let other_class = crate::new_id();
        let child = crate::new_id();
        let stranger = crate::new_id();

        let admin = actor(&[Role::Admin]);
        let mut teacher = actor(&[Role::Teacher]);
        teacher.taught_class_ids = vec![own_class];
        let math = crate::new_id();
        let art = crate::new_id();
        teacher.taught_subjects = vec![(own_class, math)];
        let mut homeroom = actor(&[Role::Teacher, Role::Homeroom]);
        homeroom.homeroom_class_ids = vec![own_class];
        let mut student = actor(&[Role::Student]);
        student.student_id = Some(child);
        let mut parent = actor(&[Role::Parent]);
        parent.child_ids = vec![child];
        let bursar = actor(&[Role::Bursar]);

        let in_own = Target::Student {
            id: child,
            class_ids: vec![own_class],
        };
        let in_other = Target::Student {
            id: stranger,
            class_ids: vec![other_class],
        };

        use Action::*;
        // (who, action, target, expected)
        let own = Target::Class(own_class);
        let other = Target::Class(other_class);
        let my_lesson = Target::ClassSubject {
            class_id: own_class,
            subject_id: math,
        };
        let their_lesson = Target::ClassSubject {
            class_id: own_class,
            subject_id: art,
        };
        let my_subject = Target::Subject(math);
        let their_subject = Target::Subject(art);
        let cases: Vec<(&Actor, Action, &Target, bool)> = vec![
            (&admin, ManageDirectory, &Target::School, true),
            (&admin, EditStudent, &in_other, true),
            (&admin, ReadAudit, &Target::School, true),
            (&teacher, ReadDirectory, &Target::School, true),
            (&teacher, ManageDirectory, &Target::School, false),
            (&teacher, ReadRoster, &own, true),
            (&teacher, ReadRoster, &other, false),
            (&teacher, ReadStudent, &in_own, true),
            (&teacher, ReadStudent, &in_other, false),
            (&teacher, EditStudent, &in_own, false),
            (&homeroom, EditStudent, &in_own, true),
            (&homeroom, EditStudent, &in_other, false),
            (&homeroom, ReadRoster, &own, true),
            (&homeroom, ManageEnrollment, &in_own, false),
            (&student, ReadStudent, &in_own, true),
            (&student, ReadStudent, &in_other, false),
            (&student, EditStudent, &in_own, false),
            (&student, ReadDirectory, &Target::School, false),
            (&student, ReadRoster, &own, false),
            (&parent, ReadStudent, &in_own, true),
            (&parent, ReadStudent, &in_other, false),
            (&parent, EditStudent, &in_own, false),
            (&bursar, ReadStudent, &in_other, true),
            (&bursar, EditStudent, &in_other, false),
            (&bursar, ManageUsers, &Target::School, false),
            (&bursar, ReadAudit, &Target::School, false),
            // issue 12: attendance, descriptions, notes
            (&teacher, TakeAttendance, &own, true),
            (&teacher, TakeAttendance, &other, false),
            (&homeroom, TakeAttendance, &own, true),
            (&homeroom, TakeAttendance, &other, false),
            (&student, TakeAttendance, &own, false),
            (&parent, TakeAttendance, &own, false),
            (&bursar, TakeAttendance, &own, false),
            (&admin, TakeAttendance, &other, true),
            (&student, ReadResults, &in_own, true),
            (&student, ReadResults, &in_other, false),
            (&parent, ReadResults, &in_own, true),
            (&parent, ReadResults, &in_other, false),
            (&teacher, ReadResults, &in_own, true),
            (&teacher, ReadResults, &in_other, false),
            (&bursar, ReadResults, &in_own, false),
            (&teacher, WriteDescription, &my_lesson, true),
            (&teacher, WriteDescription, &their_lesson, false),
            (&homeroom, WriteDescription, &my_lesson, false),
            (&admin, WriteDescription, &their_lesson, true),
            (&parent, WriteDescription, &my_lesson, false),
            (&teacher, ManageObjectives, &my_subject, true),
            (&teacher, ManageObjectives, &their_subject, false),
            (&student, ManageObjectives, &my_subject, false),
            (&homeroom, WriteTermReport, &own, true),
            (&homeroom, WriteTermReport, &other, false),
            (&teacher, WriteTermReport, &own, false),
            (&parent, WriteTermReport, &own, false),
            (&admin, WriteTermReport, &other, true),
        ];
        // issue 12: grades, per class × subject.
        let own_math = Target::ClassSubject {
            class_id: own_class,
            subject_id: math,
        };
        let own_art = Target::ClassSubject {
            class_id: own_class,
            subject_id: art,
        };
        let other_math = Target::ClassSubject {
            class_id: other_class,
            subject_id: math,
        };
        let (math_school, art_school) = (Target::Subject(math), Target::Subject(art));
        let grade_cases: Vec<(&Actor, Action, &Target, bool)> = vec![
            (&admin, EnterGrades, &other_math, true),
            (&admin, ApproveGrades, &own, true),
            (&teacher, ReadGrades, &own_math, true),
            (&teacher, EnterGrades, &own_math, true),
            (&teacher, EnterGrades, &own_art, false),
            (&teacher, ReadGrades, &own_art, false),
            (&teacher, EnterGrades, &other_math, false),
            (&teacher, ManageScheme, &math_school, true),
            (&teacher, ManageScheme, &art_school, false),
            (&teacher, SubmitGrades, &own, false),
            (&teacher, ApproveGrades, &own, false),
            (&homeroom, ReadGrades, &own_art, true),
            (&homeroom, ReadGrades, &other_math, false),
            (&homeroom, EnterGrades, &own_art, false),
            (&homeroom, SubmitGrades, &own, true),
            (&homeroom, SubmitGrades, &other, false),
            (&homeroom, ApproveGrades, &own, false),
            (&student, ReadResults, &in_own, true),
            (&student, ReadResults, &in_other, false),
            (&student, ReadGrades, &own_math, false),
            (&parent, ReadResults, &in_own, true),
            (&parent, ReadResults, &in_other, false),
            (&parent, EnterGrades, &own_math, false),
            (&bursar, ReadGrades, &own_math, false),
            (&bursar, ReadResults, &in_other, false),
        ];
        // issue 17: fees. Teachers, even the homeroom teacher, see nothing.
        let fee_cases: Vec<(&Actor, Action, &Target, bool)> = vec![
            (&admin, ManageFeePlans, &Target::School, true),
            (&admin, TakePayments, &Target::School, true),
            (&admin, ReadFees, &in_other, true),
            (&bursar, ManageFeePlans, &Target::School, false),
            (&bursar, TakePayments, &Target::School, true),
            (&bursar, ReadFees, &in_other, true),
            (&bursar, ReadFees, &Target::School, true),
            (&student, ReadFees, &in_own, true),
            (&student, ReadFees, &in_other, false),
            (&student, ReadFees, &Target::School, false),
            (&student, TakePayments, &Target::School, false),
            (&parent, ReadFees, &in_own, true),
            (&parent, ReadFees, &in_other, false),
            (&parent, ManageFeePlans, &Target::School, false),
            (&teacher, ReadFees, &in_own, false),
            (&teacher, ReadFees, &Target::School, false),
            (&teacher, TakePayments, &Target::School, false),
            (&homeroom, ReadFees, &in_own, false),
            (&homeroom, ReadFees, &own, false),
            (&homeroom, ManageFeePlans, &Target::School, false),
            (&homeroom, ReadClassArrears, &own, true),
            (&homeroom, ReadClassArrears, &other, false),
            (&homeroom, ReadClassArrears, &Target::School, false),
            (&teacher, ReadClassArrears, &own, false),
            (&bursar, ReadClassArrears, &other, true),
            (&admin, ReadClassArrears, &other, true),
            (&student, ReadClassArrears, &own, false),
            (&parent, ReadClassArrears, &own, false),
        ];
        // issue 14: timetables.
        let timetable_cases: Vec<(&Actor, Action, &Target, bool)> = vec![
            (&admin, ManageTimetable, &Target::School, true),
            (&teacher, ManageTimetable, &Target::School, false),
            (&homeroom, ManageTimetable, &Target::School, false),
            (&bursar, ManageTimetable, &Target::School, false),
            (&student, ManageTimetable, &Target::School, false),
            (&teacher, ReadTimetable, &Target::School, true),
            (&homeroom, ReadTimetable, &Target::School, true),
            (&teacher, ReadTimetable, &in_other, true),
            (&bursar, ReadTimetable, &Target::School, false),
            (&student, ReadTimetable, &Target::School, false),
            (&parent, ReadTimetable, &Target::School, false),
            (&student, ReadTimetable, &in_own, true),
            (&student, ReadTimetable, &in_other, false),
            (&parent, ReadTimetable, &in_own, true),
            (&parent, ReadTimetable, &in_other, false),
            (&bursar, ReadTimetable, &in_own, false),
        ];
        // issue 13: the question bank.
        let bank_cases: Vec<(&Actor, Action, &Target, bool)> = vec![
            (&admin, ReadQuestions, &Target::School, true),
            (&admin, WriteQuestions, &their_subject, true),
            (&admin, ReviewQuestions, &Target::School, true),
            (&teacher, ReadQuestions, &my_subject, true),
            (&teacher, WriteQuestions, &my_subject, true),
            (&teacher, ReadQuestions, &their_subject, false),
            (&teacher, WriteQuestions, &their_subject, false),
            (&teacher, ReadQuestions, &Target::School, false),
            (&teacher, ReviewQuestions, &Target::School, false),
            (&homeroom, ReadQuestions, &my_subject, false),
            (&bursar, ReadQuestions, &my_subject, false),
            (&student, ReadQuestions, &my_subject, false),
            (&student, ReadQuestions, &Target::School, false),
            (&parent, ReadQuestions, &my_subject, false),
            (&parent, WriteQuestions, &my_subject, false),
            (&student, ReviewQuestions, &Target::School, false),
            (&admin, AssembleExamPapers, &Target::School, true),
            (&admin, DraftExamPapers, &their_subject, true),
            (&teacher, ReadExamPapers, &my_subject, true),
            (&teacher, DraftExamPapers, &my_subject, true),
            (&teacher, ReadExamPapers, &their_subject, false),
            (&teacher, DraftExamPapers, &their_subject, false),
            (&teacher, AssembleExamPapers, &Target::School, false),
            (&homeroom, ReadExamPapers, &my_subject, false),
            (&bursar, ReadExamPapers, &my_subject, false),
            (&bursar, DraftExamPapers, &my_subject, false),
            (&bursar, ReadExamPapers, &in_own, false),
            (&student, ReadExamPapers, &my_subject, false),
            (&student, ReadExamPapers, &in_own, true),
            (&student, ReadExamPapers, &in_other, false),
            (&parent, ReadExamPapers, &in_own, true),
            (&parent, ReadExamPapers, &in_other, false),
            (&parent, DraftExamPapers, &my_subject, false),
            (&student, AssembleExamPapers, &Target::School, false),
        ];
        let cases: Vec<_> = cases
            .into_iter()
            .chain(grade_cases)
            .chain(fee_cases)
            .chain(timetable_cases)
            .chain(bank_cases)
            .collect();
        let mut fresh_admin = admin.clone();
        fresh_admin.must_change_password = true;
        let mut fresh_teacher = teacher.clone();
        fresh_teacher.must_change_password = true;
        let cases = cases
            .into_iter()
            .chain([
                (&fresh_admin, ReadDirectory, &Target::School, false),
                (&fresh_admin, ManageUsers, &Target::School, false),
                (&fresh_teacher, ReadRoster, &own, false),
            ])
            .collect::<Vec<_>>();
        for (who, action, target, expected) in cases {
            assert_eq!(
                allowed(who, action, target),
                expected,
                "{:?} {action:?} {target:?}",
                who.roles
            );
        }
    }

    #[test]
    fn abilities_follow_the_matrix() {
        let own = crate::new_id();
        let led = crate::new_id();
        let mut teacher = actor(&[Role::Teacher, Role::Homeroom]);
        teacher.taught_class_ids = vec![own, led];
        teacher.homeroom_class_ids = vec![led];
        let a = teacher.abilities();
        assert!(a.read_directory && !a.manage_directory && !a.manage_users);
        assert!(!a.read_every_roster && !a.import_export && !a.read_audit);
        let mut both = vec![own, led];
        both.sort();
        assert_eq!(a.classes, both);
        assert_eq!(a.edit_classes, vec![led]);

        let admin = actor(&[Role::Admin]).abilities();
        assert!(admin.manage_users && admin.read_every_roster && admin.import_export);

        let mut fresh = actor(&[Role::Admin]);
        fresh.must_change_password = true;
        assert_eq!(
            fresh.abilities(),
            Abilities {
                must_change_password: true,
                ..Abilities::default()
            }
        );
        let parent = actor(&[Role::Parent]).abilities();
        assert!(!parent.read_directory && parent.classes.is_empty());
    }

    #[test]
    fn roles_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
    }
}
