-- Schooldesk schema, version 13 (issue 13 item 7): exam results and item
-- statistics. Each student's answers to a paper (mapped back through the
-- variant to the bank's question ids, as JSON) with the total score, and
-- each question's statistics from each paper analysed, so the next fill
-- can prefer questions that worked.
-- postgres dialect; migrations/sqlite/ holds the same version in the other dialect.

CREATE TABLE exam_results (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    paper_id UUID NOT NULL REFERENCES exam_papers(id),
    student_id UUID NOT NULL REFERENCES students(id),
    variant TEXT NOT NULL,
    answers TEXT NOT NULL,
    negative_marking BOOLEAN NOT NULL,
    score TEXT NOT NULL,
    UNIQUE (paper_id, student_id)
);

CREATE TABLE question_stats (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    question_id UUID NOT NULL REFERENCES questions(id),
    paper_id UUID NOT NULL REFERENCES exam_papers(id),
    students BIGINT NOT NULL CHECK (students >= 1),
    p_e4 BIGINT NOT NULL CHECK (p_e4 BETWEEN 0 AND 10000),
    d_e4 BIGINT NOT NULL CHECK (d_e4 BETWEEN -10000 AND 10000),
    point_biserial_e4 BIGINT CHECK (point_biserial_e4 BETWEEN -10000 AND 10000),
    UNIQUE (question_id, paper_id)
);

CREATE INDEX question_stats_paper ON question_stats (paper_id);
