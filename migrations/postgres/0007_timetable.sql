-- Schooldesk schema, version 7 (issue 14, items 1–4): the school's week
-- (working days, each day's bell schedule), lessons built from teaching
-- assignments, timetable rules, and a semester's timetables (drafts and the
-- published one) with their placements.
-- postgres dialect; migrations/sqlite/ holds the same version in the other dialect.
-- Version 6 (fees) comes from another branch; the two do not touch.

CREATE TABLE school_days (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    weekday BIGINT NOT NULL UNIQUE CHECK (weekday BETWEEN 1 AND 7)
);

CREATE TABLE bell_periods (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    weekday BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    position BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('lesson', 'break', 'prayer')),
    label TEXT NOT NULL,
    start_minute BIGINT NOT NULL,
    end_minute BIGINT NOT NULL,
    UNIQUE (weekday, position)
);

-- assignment_id has no foreign key on purpose: deleting a teaching
-- assignment is not blocked by its lesson; the next lesson plan lists the
-- lesson as one to remove.
CREATE TABLE lessons (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    term_id UUID NOT NULL REFERENCES terms(id),
    subject_id UUID NOT NULL REFERENCES subjects(id),
    assignment_id UUID,
    periods_per_week BIGINT NOT NULL,
    split TEXT NOT NULL,
    room_id UUID REFERENCES rooms(id),
    UNIQUE (term_id, assignment_id)
);

CREATE TABLE lesson_teachers (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    lesson_id UUID NOT NULL REFERENCES lessons(id),
    teacher_id UUID NOT NULL REFERENCES teachers(id),
    UNIQUE (lesson_id, teacher_id)
);

CREATE TABLE lesson_classes (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    lesson_id UUID NOT NULL REFERENCES lessons(id),
    class_id UUID NOT NULL REFERENCES classes(id),
    group_name TEXT,
    UNIQUE (lesson_id, class_id)
);

CREATE TABLE timetable_rules (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    term_id UUID NOT NULL REFERENCES terms(id),
    kind TEXT NOT NULL,
    weight BIGINT NOT NULL CHECK (weight BETWEEN 0 AND 100),
    teacher_id UUID REFERENCES teachers(id),
    class_id UUID REFERENCES classes(id),
    room_id UUID REFERENCES rooms(id),
    subject_id UUID REFERENCES subjects(id),
    lesson_id UUID REFERENCES lessons(id),
    other_lesson_id UUID REFERENCES lessons(id),
    number BIGINT,
    slots TEXT NOT NULL
);

CREATE TABLE timetables (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    term_id UUID NOT NULL REFERENCES terms(id),
    name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    made_by UUID REFERENCES users(id),
    placed BIGINT NOT NULL,
    total BIGINT NOT NULL,
    hard_violations BIGINT NOT NULL,
    soft_cost BIGINT NOT NULL
);

CREATE TABLE timetable_placements (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    timetable_id UUID NOT NULL REFERENCES timetables(id),
    lesson_id UUID NOT NULL REFERENCES lessons(id),
    part BIGINT NOT NULL,
    weekday BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    period BIGINT NOT NULL,
    room_id UUID REFERENCES rooms(id),
    UNIQUE (timetable_id, lesson_id, part)
);

-- One published timetable per semester, whoever writes at once.
CREATE UNIQUE INDEX timetables_one_published ON timetables (term_id) WHERE status = 'published';
CREATE INDEX lessons_term ON lessons (term_id);
CREATE INDEX lesson_teachers_teacher ON lesson_teachers (teacher_id);
CREATE INDEX lesson_classes_class ON lesson_classes (class_id);
CREATE INDEX timetable_rules_term ON timetable_rules (term_id);
CREATE INDEX timetables_term ON timetables (term_id);
CREATE INDEX timetable_placements_lesson ON timetable_placements (lesson_id);
