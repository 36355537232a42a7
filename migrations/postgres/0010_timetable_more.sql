-- Timetable editing (issue 14): a placement the curriculum office locked
-- (kept where it is when a draft is generated again), and a timetable's
-- note of what changed under it since it was published (a lesson removed).
ALTER TABLE timetable_placements ADD COLUMN locked BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE timetables ADD COLUMN attention TEXT;
