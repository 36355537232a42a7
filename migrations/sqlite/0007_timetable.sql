-- Schooldesk schema, version 7 (issue 14, items 1–4): the school's week
-- (working days, each day's bell schedule), lessons built from teaching
-- assignments, timetable rules, and a semester's timetables (drafts and the
-- published one) with their placements.
-- sqlite dialect; migrations/postgres/ holds the same version in the other dialect.
-- Version 6 (fees) comes from another branch; the two do not touch.

CREATE TABLE school_days (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    weekday INTEGER NOT NULL UNIQUE CHECK (weekday BETWEEN 1 AND 7)
) STRICT;

CREATE TABLE bell_periods (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('lesson', 'break', 'prayer')),
    label TEXT NOT NULL,
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    UNIQUE (weekday, position)
) STRICT;

-- assignment_id has no foreign key on purpose: deleting a teaching
-- assignment is not blocked by its lesson; the next lesson plan lists the
-- lesson as one to remove.
CREATE TABLE lessons (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    term_id TEXT NOT NULL REFERENCES terms(id),
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    assignment_id TEXT,
    periods_per_week INTEGER NOT NULL,
    split TEXT NOT NULL,
    room_id TEXT REFERENCES rooms(id),
    UNIQUE (term_id, assignment_id)
) STRICT;

CREATE TABLE lesson_teachers (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    lesson_id TEXT NOT NULL REFERENCES lessons(id),
    teacher_id TEXT NOT NULL REFERENCES teachers(id),
    UNIQUE (lesson_id, teacher_id)
) STRICT;

CREATE TABLE lesson_classes (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    lesson_id TEXT NOT NULL REFERENCES lessons(id),
    class_id TEXT NOT NULL REFERENCES classes(id),
    group_name TEXT,
    UNIQUE (lesson_id, class_id)
) STRICT;

CREATE TABLE timetable_rules (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    term_id TEXT NOT NULL REFERENCES terms(id),
    kind TEXT NOT NULL,
    weight INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 100),
    teacher_id TEXT REFERENCES teachers(id),
    class_id TEXT REFERENCES classes(id),
    room_id TEXT REFERENCES rooms(id),
    subject_id TEXT REFERENCES subjects(id),
    lesson_id TEXT REFERENCES lessons(id),
    other_lesson_id TEXT REFERENCES lessons(id),
    number INTEGER,
    slots TEXT NOT NULL
) STRICT;

CREATE TABLE timetables (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    term_id TEXT NOT NULL REFERENCES terms(id),
    name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    made_by TEXT REFERENCES users(id),
    placed INTEGER NOT NULL,
    total INTEGER NOT NULL,
    hard_violations INTEGER NOT NULL,
    soft_cost INTEGER NOT NULL
) STRICT;

CREATE TABLE timetable_placements (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    timetable_id TEXT NOT NULL REFERENCES timetables(id),
    lesson_id TEXT NOT NULL REFERENCES lessons(id),
    part INTEGER NOT NULL,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    period INTEGER NOT NULL,
    room_id TEXT REFERENCES rooms(id),
    UNIQUE (timetable_id, lesson_id, part)
) STRICT;

-- One published timetable per semester, whoever writes at once.
CREATE UNIQUE INDEX timetables_one_published ON timetables (term_id) WHERE status = 'published';
CREATE INDEX lessons_term ON lessons (term_id);
CREATE INDEX lesson_teachers_teacher ON lesson_teachers (teacher_id);
CREATE INDEX lesson_classes_class ON lesson_classes (class_id);
CREATE INDEX timetable_rules_term ON timetable_rules (term_id);
CREATE INDEX timetables_term ON timetables (term_id);
CREATE INDEX timetable_placements_lesson ON timetable_placements (lesson_id);
