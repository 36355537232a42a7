-- Schooldesk schema, version 5 (issue 12, items 4 and 5): daily attendance,
-- learning objectives and their ticks, descriptions, the comment bank, term
-- reports (homeroom note, parent response, promotion), extracurriculars.
-- postgres dialect; migrations/sqlite/ holds the same version in the other dialect.
-- Version 4 (grades) comes from the gradebook's branch; the two do not touch.

CREATE TABLE attendance (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    student_id UUID NOT NULL REFERENCES students(id),
    class_id UUID NOT NULL REFERENCES classes(id),
    date DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('present', 'sick', 'excused', 'unexcused', 'late')),
    note TEXT,
    UNIQUE (student_id, date)
);

CREATE TABLE learning_objectives (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    subject_id UUID NOT NULL REFERENCES subjects(id),
    term_id UUID NOT NULL REFERENCES terms(id),
    code TEXT NOT NULL,
    text_id TEXT NOT NULL,
    text_en TEXT,
    position BIGINT NOT NULL,
    UNIQUE (subject_id, term_id, code)
);

CREATE TABLE objective_marks (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    student_id UUID NOT NULL REFERENCES students(id),
    objective_id UUID NOT NULL REFERENCES learning_objectives(id),
    mark TEXT NOT NULL CHECK (mark IN ('mastered', 'needs_work')),
    UNIQUE (student_id, objective_id)
);

CREATE TABLE subject_descriptions (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    student_id UUID NOT NULL REFERENCES students(id),
    subject_id UUID NOT NULL REFERENCES subjects(id),
    term_id UUID NOT NULL REFERENCES terms(id),
    text TEXT NOT NULL,
    UNIQUE (student_id, subject_id, term_id)
);

CREATE TABLE comment_bank (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    subject_id UUID REFERENCES subjects(id),
    text TEXT NOT NULL
);

CREATE TABLE term_reports (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    student_id UUID NOT NULL REFERENCES students(id),
    term_id UUID NOT NULL REFERENCES terms(id),
    homeroom_note TEXT,
    parent_response TEXT,
    promotion TEXT CHECK (promotion IN ('promoted', 'retained', 'graduated')),
    UNIQUE (student_id, term_id)
);

CREATE TABLE extracurriculars (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE extracurricular_results (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    student_id UUID NOT NULL REFERENCES students(id),
    term_id UUID NOT NULL REFERENCES terms(id),
    extracurricular_id UUID NOT NULL REFERENCES extracurriculars(id),
    grade TEXT NOT NULL,
    note TEXT,
    UNIQUE (student_id, term_id, extracurricular_id)
);

-- A class's month (the attendance grid) and a student's term (the card's totals:
-- the unique (student_id, date) serves it).
CREATE INDEX attendance_class_date ON attendance (class_id, date);
CREATE INDEX learning_objectives_subject_term ON learning_objectives (subject_id, term_id, position);
CREATE INDEX objective_marks_objective ON objective_marks (objective_id);
CREATE INDEX subject_descriptions_subject_term ON subject_descriptions (subject_id, term_id);
CREATE INDEX comment_bank_subject ON comment_bank (subject_id);
CREATE INDEX term_reports_term ON term_reports (term_id);
CREATE INDEX extracurricular_results_student_term ON extracurricular_results (student_id, term_id);
CREATE INDEX extracurricular_results_activity ON extracurricular_results (extracurricular_id);
