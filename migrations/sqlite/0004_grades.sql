-- Schooldesk schema, version 4 (issue 12, items 2, 3 and 6): assessment
-- schemes, the gradebook and the sign-off of a class's grades.
-- sqlite dialect; migrations/postgres/ holds the same version in the other dialect.
-- Scores, weights and the passing grade are whole hundredths (87.5 = 8750):
-- grades are exact, never floating point.

CREATE TABLE assessment_schemes (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    term_id TEXT NOT NULL REFERENCES terms(id),
    kkm INTEGER NOT NULL CHECK (kkm BETWEEN 0 AND 10000),
    rounding_places INTEGER NOT NULL CHECK (rounding_places BETWEEN 0 AND 2),
    rounding_mode TEXT NOT NULL CHECK (rounding_mode IN ('half_up', 'half_even', 'down')),
    bands TEXT NOT NULL,
    UNIQUE (subject_id, term_id)
) STRICT;

CREATE TABLE scheme_components (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    scheme_id TEXT NOT NULL REFERENCES assessment_schemes(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL
        CHECK (kind IN ('formative', 'assignment', 'mid_term', 'end_of_term', 'other')),
    weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 10000),
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE assessments (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    class_id TEXT NOT NULL REFERENCES classes(id),
    component_id TEXT NOT NULL REFERENCES scheme_components(id),
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    date TEXT
) STRICT;

CREATE TABLE scores (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    student_id TEXT NOT NULL REFERENCES students(id),
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10000),
    UNIQUE (assessment_id, student_id)
) STRICT;

CREATE TABLE grade_signoffs (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    class_id TEXT NOT NULL REFERENCES classes(id),
    term_id TEXT NOT NULL REFERENCES terms(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved')),
    UNIQUE (class_id, term_id)
) STRICT;

-- What the grid reads: a scheme's components, a class's columns per
-- component, a column's scores (the unique index), a student's scores
-- (their published results).
CREATE INDEX scheme_components_scheme ON scheme_components (scheme_id, position);
CREATE INDEX assessments_class ON assessments (class_id, component_id, position);
CREATE INDEX assessments_component ON assessments (component_id);
CREATE INDEX scores_student ON scores (student_id);
CREATE INDEX assessment_schemes_term ON assessment_schemes (term_id);
CREATE INDEX grade_signoffs_term ON grade_signoffs (term_id);
