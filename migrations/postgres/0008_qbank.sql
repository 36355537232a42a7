-- Schooldesk schema, version 8 (issue 13): the question bank. Image bytes
-- stored once per content (by SHA-256), shared stimuli, questions (what
-- search filters on, the version in force) and every version of each
-- question as written (JSON of schooldesk_qbank's model). Full-text search
-- reads questions.search_text through a GIN index on its tsvector.
-- postgres dialect; migrations/sqlite/ holds the same version in the other dialect.

CREATE TABLE question_images (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    mime TEXT NOT NULL,
    file_name TEXT NOT NULL,
    data BYTEA NOT NULL
);

CREATE TABLE question_stimuli (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    subject_id UUID NOT NULL REFERENCES subjects(id),
    title TEXT NOT NULL,
    content TEXT NOT NULL
);

CREATE TABLE questions (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    subject_id UUID NOT NULL REFERENCES subjects(id),
    grade_level BIGINT CHECK (grade_level BETWEEN 1 AND 13),
    kind TEXT NOT NULL CHECK (kind IN ('single_choice', 'multiple_response', 'true_false',
        'matching', 'short_answer', 'numeric', 'essay')),
    difficulty TEXT CHECK (difficulty IN ('easy', 'medium', 'hard')),
    tags TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'reviewed', 'approved')),
    current_version BIGINT NOT NULL CHECK (current_version >= 1),
    stimulus_id UUID REFERENCES question_stimuli(id),
    author_id UUID REFERENCES users(id),
    name TEXT NOT NULL,
    stem_key TEXT NOT NULL,
    search_text TEXT NOT NULL
);

CREATE INDEX questions_subject ON questions (subject_id, created_at);
CREATE INDEX questions_created ON questions (created_at, id);
CREATE INDEX questions_stem ON questions (stem_key);
CREATE INDEX questions_stimulus ON questions (stimulus_id);
-- The text is already lower case and split into words by the app; the
-- 'simple' configuration keeps every word as it is (no stemming, no stop
-- words), as SQLite's FTS5 table does. A search must use this very
-- expression for the index to serve it.
CREATE INDEX questions_search ON questions USING GIN (to_tsvector('simple', search_text));

CREATE TABLE question_versions (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    question_id UUID NOT NULL REFERENCES questions(id),
    number BIGINT NOT NULL CHECK (number >= 1),
    content TEXT NOT NULL,
    UNIQUE (question_id, number)
);
