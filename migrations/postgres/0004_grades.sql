-- Schooldesk schema, version 4 (issue 12, items 2, 3 and 6): assessment
-- schemes, the gradebook and the sign-off of a class's grades.
-- postgres dialect; migrations/sqlite/ holds the same version in the other dialect.
-- Scores, weights and the passing grade are whole hundredths (87.5 = 8750):
-- grades are exact, never floating point.

CREATE TABLE assessment_schemes (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    subject_id UUID NOT NULL REFERENCES subjects(id),
    term_id UUID NOT NULL REFERENCES terms(id),
    kkm BIGINT NOT NULL CHECK (kkm BETWEEN 0 AND 10000),
    rounding_places BIGINT NOT NULL CHECK (rounding_places BETWEEN 0 AND 2),
    rounding_mode TEXT NOT NULL CHECK (rounding_mode IN ('half_up', 'half_even', 'down')),
    bands TEXT NOT NULL,
    UNIQUE (subject_id, term_id)
);

CREATE TABLE scheme_components (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    scheme_id UUID NOT NULL REFERENCES assessment_schemes(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL
        CHECK (kind IN ('formative', 'assignment', 'mid_term', 'end_of_term', 'other')),
    weight BIGINT NOT NULL CHECK (weight BETWEEN 1 AND 10000),
    position BIGINT NOT NULL
);

CREATE TABLE assessments (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    class_id UUID NOT NULL REFERENCES classes(id),
    component_id UUID NOT NULL REFERENCES scheme_components(id),
    name TEXT NOT NULL,
    position BIGINT NOT NULL,
    date DATE
);

CREATE TABLE scores (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    assessment_id UUID NOT NULL REFERENCES assessments(id),
    student_id UUID NOT NULL REFERENCES students(id),
    score BIGINT NOT NULL CHECK (score BETWEEN 0 AND 10000),
    UNIQUE (assessment_id, student_id)
);

CREATE TABLE grade_signoffs (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    class_id UUID NOT NULL REFERENCES classes(id),
    term_id UUID NOT NULL REFERENCES terms(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved')),
    UNIQUE (class_id, term_id)
);

-- What the grid reads: a scheme's components, a class's columns per
-- component, a column's scores (the unique index), a student's scores
-- (their published results).
CREATE INDEX scheme_components_scheme ON scheme_components (scheme_id, position);
CREATE INDEX assessments_class ON assessments (class_id, component_id, position);
CREATE INDEX assessments_component ON assessments (component_id);
CREATE INDEX scores_student ON scores (student_id);
CREATE INDEX assessment_schemes_term ON assessment_schemes (term_id);
CREATE INDEX grade_signoffs_term ON grade_signoffs (term_id);
