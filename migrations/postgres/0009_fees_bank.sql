-- Schooldesk schema, version 9 (issue 17): fees that move as the money does.
-- 1. A voided invoice no longer holds its month: the student's month can be
--    billed again (one live invoice per student and month, a partial unique
--    index).
-- 2. An allocation says what put it there: `payment` (made with the payment:
--    what its receipt lists), `credit` (the student's credit applied to an
--    invoice later) or `release` (below zero: an invoice lowered under what
--    was paid gives the part back, which becomes credit). Several rows may
--    join one payment and one invoice; the rows are never changed.
-- 3. A bank statement's lines booked as payments, each by a fingerprint of
--    the line, so a statement imported twice books nothing twice.
-- postgres dialect; migrations/sqlite/ holds the same version in the other dialect.

ALTER TABLE invoices DROP CONSTRAINT invoices_student_id_period_key;
CREATE INDEX invoices_student ON invoices (student_id);
CREATE UNIQUE INDEX invoices_live ON invoices (student_id, period) WHERE void_reason IS NULL;

ALTER TABLE fee_allocations DROP CONSTRAINT fee_allocations_payment_id_invoice_id_key;
ALTER TABLE fee_allocations DROP CONSTRAINT fee_allocations_amount_check;
ALTER TABLE fee_allocations ADD COLUMN kind TEXT NOT NULL DEFAULT 'payment'
    CHECK (kind IN ('payment', 'credit', 'release'));
ALTER TABLE fee_allocations ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE fee_allocations ADD CHECK (amount <> 0 AND (kind = 'release') = (amount < 0));
CREATE INDEX fee_allocations_payment ON fee_allocations (payment_id);

CREATE TABLE bank_lines (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    fingerprint TEXT NOT NULL UNIQUE,
    payment_id UUID NOT NULL REFERENCES payments(id),
    bank_date DATE NOT NULL,
    description TEXT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0)
);
CREATE INDEX bank_lines_payment ON bank_lines (payment_id);
