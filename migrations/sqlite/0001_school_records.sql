-- Schooldesk schema, version 1: the school records, accounts, sessions and the audit trail.
-- sqlite dialect; migrations/postgres/ holds the same version in the other dialect.
-- Every record carries id (UUID v7), version (optimistic locking), created/updated times and who changed it last.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles TEXT NOT NULL,
    active INTEGER NOT NULL CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE school (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    name TEXT NOT NULL,
    npsn TEXT NOT NULL,
    address TEXT NOT NULL,
    principal_name TEXT NOT NULL,
    principal_nip TEXT,
    logo BLOB,
    logo_mime TEXT
) STRICT;

CREATE TABLE academic_years (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    name TEXT NOT NULL UNIQUE,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    is_current INTEGER NOT NULL CHECK (is_current IN (0, 1))
) STRICT;

CREATE TABLE terms (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    UNIQUE (academic_year_id, number)
) STRICT;

CREATE TABLE teachers (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    full_name TEXT NOT NULL,
    nip TEXT UNIQUE,
    nuptk TEXT UNIQUE,
    gender TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    user_id TEXT UNIQUE REFERENCES users(id),
    active INTEGER NOT NULL CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE students (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    nis TEXT NOT NULL UNIQUE,
    nisn TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    gender TEXT NOT NULL,
    birth_place TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    religion TEXT NOT NULL,
    address TEXT NOT NULL,
    status TEXT NOT NULL,
    user_id TEXT UNIQUE REFERENCES users(id)
) STRICT;

CREATE TABLE guardians (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    full_name TEXT NOT NULL,
    relation TEXT NOT NULL,
    phone TEXT,
    occupation TEXT,
    address TEXT,
    user_id TEXT REFERENCES users(id)
) STRICT;

CREATE TABLE student_guardians (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    student_id TEXT NOT NULL REFERENCES students(id),
    guardian_id TEXT NOT NULL REFERENCES guardians(id),
    UNIQUE (student_id, guardian_id)
) STRICT;

CREATE TABLE classes (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    name TEXT NOT NULL,
    grade_level INTEGER NOT NULL,
    academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
    homeroom_teacher_id TEXT REFERENCES teachers(id),
    UNIQUE (academic_year_id, name)
) STRICT;

CREATE TABLE enrollments (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    student_id TEXT NOT NULL REFERENCES students(id),
    class_id TEXT NOT NULL REFERENCES classes(id),
    academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
    start_date TEXT NOT NULL,
    end_date TEXT,
    end_reason TEXT
) STRICT;

CREATE TABLE subjects (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    group_name TEXT NOT NULL,
    religion_specific INTEGER NOT NULL CHECK (religion_specific IN (0, 1))
) STRICT;

CREATE TABLE rooms (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    name TEXT NOT NULL UNIQUE,
    capacity INTEGER NOT NULL,
    kind TEXT NOT NULL
) STRICT;

CREATE TABLE teaching_assignments (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    teacher_id TEXT NOT NULL REFERENCES teachers(id),
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    class_id TEXT NOT NULL REFERENCES classes(id),
    periods_per_week INTEGER NOT NULL,
    UNIQUE (teacher_id, subject_id, class_id)
) STRICT;

-- At most one open enrollment per student per academic year; ended
-- enrollments stay as the student's history.
CREATE UNIQUE INDEX enrollments_one_open ON enrollments (student_id, academic_year_id) WHERE end_date IS NULL;
CREATE INDEX enrollments_class ON enrollments (class_id, end_date);
CREATE INDEX classes_year ON classes (academic_year_id);
CREATE INDEX terms_year ON terms (academic_year_id);
CREATE INDEX student_guardians_guardian ON student_guardians (guardian_id);
CREATE INDEX teaching_assignments_class ON teaching_assignments (class_id);
CREATE INDEX students_full_name ON students (full_name);

-- Failed-login counting and lockout; not a record, not audited.
CREATE TABLE login_state (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    failed_logins INTEGER NOT NULL,
    locked_until TEXT,
    last_login_at TEXT
) STRICT;

-- Sessions are looked up by the SHA-256 of their token; the token itself is never stored.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

-- The append-only audit trail, written in the same transaction as each change.
CREATE TABLE audit_events (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id TEXT,
    actor_login TEXT NOT NULL,
    action TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id TEXT,
    before_json TEXT,
    after_json TEXT
) STRICT;
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_record ON audit_events (table_name, record_id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
