-- Schooldesk schema, version 11 (issue 13): exam papers. Blueprints
-- (kisi-kisi: their rows as JSON), papers (header, sections as JSON, the
-- seed their variants are shuffled from, draft/final/released) and each
-- paper's questions, pinned to the version they print.
-- postgres dialect; migrations/sqlite/ holds the same version in the other dialect.

CREATE TABLE exam_blueprints (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    subject_id UUID NOT NULL REFERENCES subjects(id),
    grade_level BIGINT NOT NULL CHECK (grade_level BETWEEN 1 AND 13),
    name TEXT NOT NULL,
    content TEXT NOT NULL
);

CREATE INDEX exam_blueprints_subject ON exam_blueprints (subject_id, created_at);

CREATE TABLE exam_papers (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    subject_id UUID NOT NULL REFERENCES subjects(id),
    class_id UUID NOT NULL REFERENCES classes(id),
    blueprint_id UUID REFERENCES exam_blueprints(id),
    exam_name TEXT NOT NULL,
    exam_date DATE NOT NULL,
    duration_minutes BIGINT NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),
    instructions TEXT NOT NULL,
    sections TEXT NOT NULL,
    seed BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'final', 'released'))
);

CREATE INDEX exam_papers_class ON exam_papers (class_id, subject_id, exam_date);

CREATE TABLE exam_paper_items (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    paper_id UUID NOT NULL REFERENCES exam_papers(id),
    position BIGINT NOT NULL CHECK (position >= 1),
    section BIGINT NOT NULL CHECK (section >= 1),
    question_id UUID NOT NULL REFERENCES questions(id),
    question_version BIGINT NOT NULL CHECK (question_version >= 1),
    blueprint_row BIGINT,
    points TEXT NOT NULL,
    UNIQUE (paper_id, position),
    UNIQUE (paper_id, question_id),
    FOREIGN KEY (question_id, question_version) REFERENCES question_versions(question_id, number)
);
