-- Issue 14, item 7 (helper "ttui"): a substitute booked for a lesson
-- period on a date, at most once — the database refuses a second booking
-- of one teacher at one period, so two office desktops covering lessons at
-- the same moment cannot put one teacher in two classes.
CREATE TABLE cover_bookings (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    cover_id TEXT NOT NULL REFERENCES lesson_covers(id),
    teacher_id TEXT NOT NULL REFERENCES teachers(id),
    date TEXT NOT NULL,
    period INTEGER NOT NULL CHECK (period BETWEEN 1 AND 40),
    UNIQUE (teacher_id, date, period)
) STRICT;
CREATE INDEX cover_bookings_cover ON cover_bookings (cover_id);
