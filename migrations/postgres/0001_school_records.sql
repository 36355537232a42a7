-- Schooldesk schema, version 1: the school records, accounts, sessions and the audit trail.
-- postgres dialect; migrations/sqlite/ holds the same version in the other dialect.
-- Every record carries id (UUID v7), version (optimistic locking), created/updated times and who changed it last.

CREATE TABLE users (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles TEXT NOT NULL,
    active BOOLEAN NOT NULL
);

CREATE TABLE school (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    name TEXT NOT NULL,
    npsn TEXT NOT NULL,
    address TEXT NOT NULL,
    principal_name TEXT NOT NULL,
    principal_nip TEXT,
    logo BYTEA,
    logo_mime TEXT
);

CREATE TABLE academic_years (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    name TEXT NOT NULL UNIQUE,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    is_current BOOLEAN NOT NULL
);

CREATE TABLE terms (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    academic_year_id UUID NOT NULL REFERENCES academic_years(id),
    number BIGINT NOT NULL,
    name TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    UNIQUE (academic_year_id, number)
);

CREATE TABLE teachers (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    full_name TEXT NOT NULL,
    nip TEXT UNIQUE,
    nuptk TEXT UNIQUE,
    gender TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    user_id UUID UNIQUE REFERENCES users(id),
    active BOOLEAN NOT NULL
);

CREATE TABLE students (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    nis TEXT NOT NULL UNIQUE,
    nisn TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    gender TEXT NOT NULL,
    birth_place TEXT NOT NULL,
    birth_date DATE NOT NULL,
    religion TEXT NOT NULL,
    address TEXT NOT NULL,
    status TEXT NOT NULL,
    user_id UUID UNIQUE REFERENCES users(id)
);

CREATE TABLE guardians (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    full_name TEXT NOT NULL,
    relation TEXT NOT NULL,
    phone TEXT,
    occupation TEXT,
    address TEXT,
    user_id UUID REFERENCES users(id)
);

CREATE TABLE student_guardians (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    student_id UUID NOT NULL REFERENCES students(id),
    guardian_id UUID NOT NULL REFERENCES guardians(id),
    UNIQUE (student_id, guardian_id)
);

CREATE TABLE classes (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    name TEXT NOT NULL,
    grade_level BIGINT NOT NULL,
    academic_year_id UUID NOT NULL REFERENCES academic_years(id),
    homeroom_teacher_id UUID REFERENCES teachers(id),
    UNIQUE (academic_year_id, name)
);

CREATE TABLE enrollments (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    student_id UUID NOT NULL REFERENCES students(id),
    class_id UUID NOT NULL REFERENCES classes(id),
    academic_year_id UUID NOT NULL REFERENCES academic_years(id),
    start_date DATE NOT NULL,
    end_date DATE,
    end_reason TEXT
);

CREATE TABLE subjects (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    group_name TEXT NOT NULL,
    religion_specific BOOLEAN NOT NULL
);

CREATE TABLE rooms (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    name TEXT NOT NULL UNIQUE,
    capacity BIGINT NOT NULL,
    kind TEXT NOT NULL
);

CREATE TABLE teaching_assignments (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    teacher_id UUID NOT NULL REFERENCES teachers(id),
    subject_id UUID NOT NULL REFERENCES subjects(id),
    class_id UUID NOT NULL REFERENCES classes(id),
    periods_per_week BIGINT NOT NULL,
    UNIQUE (teacher_id, subject_id, class_id)
);

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
    user_id UUID PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    failed_logins BIGINT NOT NULL,
    locked_until TIMESTAMPTZ,
    last_login_at TIMESTAMPTZ
);

-- Sessions are looked up by the SHA-256 of their token; the token itself is never stored.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- The append-only audit trail, written in the same transaction as each change.
CREATE TABLE audit_events (
    id UUID PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    actor_id UUID,
    actor_login TEXT NOT NULL,
    action TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id UUID,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_record ON audit_events (table_name, record_id);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
