-- Schooldesk schema, version 9 (issue 17): fees that move as the money does.
-- 1. A voided invoice no longer holds its month: the student's month can be
--    billed again (one live invoice per student and month, a partial unique
--    index). SQLite cannot drop a table's UNIQUE constraint, so the table is
--    rebuilt (rows copied as they are; the lines that refer to it are checked
--    again at the end of the migration's transaction).
-- 2. An allocation says what put it there: `payment` (made with the payment:
--    what its receipt lists), `credit` (the student's credit applied to an
--    invoice later) or `release` (below zero: an invoice lowered under what
--    was paid gives the part back, which becomes credit). Several rows may
--    join one payment and one invoice; the rows are never changed.
-- 3. A bank statement's lines booked as payments, each by a fingerprint of
--    the line, so a statement imported twice books nothing twice.
-- sqlite dialect; migrations/postgres/ holds the same version in the other dialect.

PRAGMA defer_foreign_keys = ON;

CREATE TABLE invoices_0009 AS SELECT * FROM invoices;
DROP TABLE invoices;
CREATE TABLE invoices (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    student_id TEXT NOT NULL REFERENCES students(id),
    period TEXT NOT NULL,
    due_date TEXT NOT NULL,
    void_reason TEXT
) STRICT;
INSERT INTO invoices (id, version, created_at, updated_at, updated_by, student_id, period, due_date, void_reason)
    SELECT id, version, created_at, updated_at, updated_by, student_id, period, due_date, void_reason
    FROM invoices_0009;
DROP TABLE invoices_0009;
CREATE INDEX invoices_period ON invoices (period);
CREATE INDEX invoices_student ON invoices (student_id);
CREATE UNIQUE INDEX invoices_live ON invoices (student_id, period) WHERE void_reason IS NULL;

CREATE TABLE fee_allocations_0009 AS SELECT * FROM fee_allocations;
DROP TABLE fee_allocations;
CREATE TABLE fee_allocations (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    payment_id TEXT NOT NULL REFERENCES payments(id),
    invoice_id TEXT NOT NULL REFERENCES invoices(id),
    amount INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('payment', 'credit', 'release')),
    CHECK (amount <> 0 AND (kind = 'release') = (amount < 0))
) STRICT;
INSERT INTO fee_allocations (id, version, created_at, updated_at, updated_by, payment_id, invoice_id, amount, kind)
    SELECT id, version, created_at, updated_at, updated_by, payment_id, invoice_id, amount, 'payment'
    FROM fee_allocations_0009;
DROP TABLE fee_allocations_0009;
CREATE INDEX fee_allocations_invoice ON fee_allocations (invoice_id);
CREATE INDEX fee_allocations_payment ON fee_allocations (payment_id);

CREATE TABLE bank_lines (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    fingerprint TEXT NOT NULL UNIQUE,
    payment_id TEXT NOT NULL REFERENCES payments(id),
    bank_date TEXT NOT NULL,
    description TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0)
) STRICT;
CREATE INDEX bank_lines_payment ON bank_lines (payment_id);
