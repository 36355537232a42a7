-- Timetable editing (issue 14): a placement the curriculum office locked
-- (kept where it is when a draft is generated again), and a timetable's
-- note of what changed under it since it was published (a lesson removed).
ALTER TABLE timetable_placements ADD COLUMN locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1));
ALTER TABLE timetables ADD COLUMN attention TEXT;
