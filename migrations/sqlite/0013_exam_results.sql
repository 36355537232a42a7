-- Schooldesk schema, version 13 (issue 13 item 7): exam results and item
-- statistics. Each student's answers to a paper (mapped back through the
-- variant to the bank's question ids, as JSON) with the total score, and
-- each question's statistics from each paper analysed, so the next fill
-- can prefer questions that worked.
-- sqlite dialect; migrations/postgres/ holds the same version in the other dialect.

CREATE TABLE exam_results (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    paper_id TEXT NOT NULL REFERENCES exam_papers(id),
    student_id TEXT NOT NULL REFERENCES students(id),
    variant TEXT NOT NULL,
    answers TEXT NOT NULL,
    negative_marking INTEGER NOT NULL CHECK (negative_marking IN (0, 1)),
    score TEXT NOT NULL,
    UNIQUE (paper_id, student_id)
) STRICT;

CREATE TABLE question_stats (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    question_id TEXT NOT NULL REFERENCES questions(id),
    paper_id TEXT NOT NULL REFERENCES exam_papers(id),
    students INTEGER NOT NULL CHECK (students >= 1),
    p_e4 INTEGER NOT NULL CHECK (p_e4 BETWEEN 0 AND 10000),
    d_e4 INTEGER NOT NULL CHECK (d_e4 BETWEEN -10000 AND 10000),
    point_biserial_e4 INTEGER CHECK (point_biserial_e4 BETWEEN -10000 AND 10000),
    UNIQUE (question_id, paper_id)
) STRICT;

CREATE INDEX question_stats_paper ON question_stats (paper_id);
