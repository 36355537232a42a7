-- Issue 14, item 7 (helper "ttui"): a teacher away for some lesson periods
-- of a day only ("1 2 5"); empty, as every absence recorded before, is the
-- whole day.
ALTER TABLE teacher_absences ADD COLUMN periods TEXT NOT NULL DEFAULT '';
