-- Schooldesk schema, version 11 (issue 13): exam papers. Blueprints
-- (kisi-kisi: their rows as JSON), papers (header, sections as JSON, the
-- seed their variants are shuffled from, draft/final/released) and each
-- paper's questions, pinned to the version they print.
-- sqlite dialect; migrations/postgres/ holds the same version in the other dialect.

CREATE TABLE exam_blueprints (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    grade_level INTEGER NOT NULL CHECK (grade_level BETWEEN 1 AND 13),
    name TEXT NOT NULL,
    content TEXT NOT NULL
) STRICT;

CREATE INDEX exam_blueprints_subject ON exam_blueprints (subject_id, created_at);

CREATE TABLE exam_papers (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    class_id TEXT NOT NULL REFERENCES classes(id),
    blueprint_id TEXT REFERENCES exam_blueprints(id),
    exam_name TEXT NOT NULL,
    exam_date TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),
    instructions TEXT NOT NULL,
    sections TEXT NOT NULL,
    seed INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'final', 'released'))
) STRICT;

CREATE INDEX exam_papers_class ON exam_papers (class_id, subject_id, exam_date);

CREATE TABLE exam_paper_items (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    paper_id TEXT NOT NULL REFERENCES exam_papers(id),
    position INTEGER NOT NULL CHECK (position >= 1),
    section INTEGER NOT NULL CHECK (section >= 1),
    question_id TEXT NOT NULL REFERENCES questions(id),
    question_version INTEGER NOT NULL CHECK (question_version >= 1),
    blueprint_row INTEGER,
    points TEXT NOT NULL,
    UNIQUE (paper_id, position),
    UNIQUE (paper_id, question_id),
    FOREIGN KEY (question_id, question_version) REFERENCES question_versions(question_id, number)
) STRICT;
