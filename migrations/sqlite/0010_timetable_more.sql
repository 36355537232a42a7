-- Timetable editing (issue 14): a placement the curriculum office locked
-- (kept where it is when a draft is generated again), and a timetable's
-- note of what changed under it since it was published (a lesson removed).
ALTER TABLE timetable_placements ADD COLUMN locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1));
ALTER TABLE timetables ADD COLUMN attention TEXT;

-- Substitutions: a teacher away on a day, and how each of their lesson
-- blocks that day is covered.
CREATE TABLE teacher_absences (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    teacher_id TEXT NOT NULL REFERENCES teachers(id),
    date TEXT NOT NULL,
    reason TEXT NOT NULL,
    UNIQUE (teacher_id, date)
) STRICT;

CREATE TABLE lesson_covers (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    absence_id TEXT NOT NULL REFERENCES teacher_absences(id),
    placement_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('substitute', 'cancelled', 'supervised')),
    substitute_id TEXT REFERENCES teachers(id),
    UNIQUE (absence_id, placement_id)
) STRICT;
CREATE INDEX lesson_covers_substitute ON lesson_covers (substitute_id);
