-- Schooldesk schema, version 8 (issue 13): the question bank. Image bytes
-- stored once per content (by SHA-256), shared stimuli, questions (what
-- search filters on, the version in force) and every version of each
-- question as written (JSON of schooldesk_qbank's model). Full-text search
-- reads questions.search_text through an FTS5 table kept by triggers.
-- sqlite dialect; migrations/postgres/ holds the same version in the other dialect.

CREATE TABLE question_images (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    mime TEXT NOT NULL,
    file_name TEXT NOT NULL,
    data BLOB NOT NULL
) STRICT;

CREATE TABLE question_stimuli (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    title TEXT NOT NULL,
    content TEXT NOT NULL
) STRICT;

CREATE TABLE questions (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    grade_level INTEGER CHECK (grade_level BETWEEN 1 AND 13),
    kind TEXT NOT NULL CHECK (kind IN ('single_choice', 'multiple_response', 'true_false',
        'matching', 'short_answer', 'numeric', 'essay')),
    difficulty TEXT CHECK (difficulty IN ('easy', 'medium', 'hard')),
    tags TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'reviewed', 'approved')),
    current_version INTEGER NOT NULL CHECK (current_version >= 1),
    stimulus_id TEXT REFERENCES question_stimuli(id),
    author_id TEXT REFERENCES users(id),
    name TEXT NOT NULL,
    stem_key TEXT NOT NULL,
    search_text TEXT NOT NULL
) STRICT;

CREATE INDEX questions_subject ON questions (subject_id, created_at);
CREATE INDEX questions_created ON questions (created_at, id);
CREATE INDEX questions_stem ON questions (stem_key);
CREATE INDEX questions_stimulus ON questions (stimulus_id);

CREATE TABLE question_versions (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    question_id TEXT NOT NULL REFERENCES questions(id),
    number INTEGER NOT NULL CHECK (number >= 1),
    content TEXT NOT NULL,
    UNIQUE (question_id, number)
) STRICT;

-- The words of each question, for MATCH. It keeps its own copy of the text
-- and the question's id (a row id of `questions` may change on VACUUM).
-- The text is already lower case and split into words by the app, so the
-- tokenizer only splits on the spaces, as PostgreSQL's 'simple' does.
CREATE VIRTUAL TABLE questions_fts USING fts5(
    record_id UNINDEXED,
    search_text,
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER questions_fts_insert AFTER INSERT ON questions BEGIN
    INSERT INTO questions_fts (record_id, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER questions_fts_update AFTER UPDATE OF search_text ON questions
WHEN old.search_text IS NOT new.search_text BEGIN
    DELETE FROM questions_fts WHERE record_id = old.id;
    INSERT INTO questions_fts (record_id, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER questions_fts_delete AFTER DELETE ON questions BEGIN
    DELETE FROM questions_fts WHERE record_id = old.id;
END;
