-- Timetable editing (issue 14): a placement the curriculum office locked
-- (kept where it is when a draft is generated again), and a timetable's
-- note of what changed under it since it was published (a lesson removed).
ALTER TABLE timetable_placements ADD COLUMN locked BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE timetables ADD COLUMN attention TEXT;

-- Substitutions: a teacher away on a day, and how each of their lesson
-- blocks that day is covered.
CREATE TABLE teacher_absences (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    teacher_id UUID NOT NULL REFERENCES teachers(id),
    date DATE NOT NULL,
    reason TEXT NOT NULL,
    UNIQUE (teacher_id, date)
);

CREATE TABLE lesson_covers (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    absence_id UUID NOT NULL REFERENCES teacher_absences(id),
    placement_id UUID NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('substitute', 'cancelled', 'supervised')),
    substitute_id UUID REFERENCES teachers(id),
    UNIQUE (absence_id, placement_id)
);
CREATE INDEX lesson_covers_substitute ON lesson_covers (substitute_id);
