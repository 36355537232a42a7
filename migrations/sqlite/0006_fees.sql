-- Schooldesk schema, version 6 (issue 17): fees. Fee items and who they are
-- billed to, discounts, each student's running account, invoices and their
-- lines, receipt numbers per year, payments and their allocation to invoices,
-- refunds, closed cash days. Amounts are whole rupiah. Nothing is deleted: a
-- wrong invoice or payment is voided with a reason.
-- sqlite dialect; migrations/postgres/ holds the same version in the other dialect.

CREATE TABLE fee_items (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
    name TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0),
    schedule TEXT NOT NULL CHECK (schedule IN ('monthly', 'once')),
    once_period TEXT,
    due_day INTEGER NOT NULL CHECK (due_day BETWEEN 1 AND 28),
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    UNIQUE (academic_year_id, name),
    CHECK ((schedule = 'once') = (once_period IS NOT NULL))
) STRICT;

CREATE TABLE fee_assignments (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    fee_item_id TEXT NOT NULL REFERENCES fee_items(id),
    grade_level INTEGER,
    class_id TEXT REFERENCES classes(id),
    student_id TEXT REFERENCES students(id),
    CHECK ((grade_level IS NOT NULL) + (class_id IS NOT NULL) + (student_id IS NOT NULL) = 1)
) STRICT;

CREATE TABLE fee_discounts (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    student_id TEXT NOT NULL REFERENCES students(id),
    fee_item_id TEXT REFERENCES fee_items(id),
    kind TEXT NOT NULL CHECK (kind IN ('percent', 'fixed')),
    value INTEGER NOT NULL CHECK (value > 0 AND (kind = 'fixed' OR value <= 10000)),
    reason TEXT NOT NULL,
    active INTEGER NOT NULL CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE fee_accounts (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    student_id TEXT NOT NULL UNIQUE REFERENCES students(id),
    billed INTEGER NOT NULL,
    discounted INTEGER NOT NULL,
    paid INTEGER NOT NULL,
    refunded INTEGER NOT NULL,
    balance INTEGER NOT NULL,
    CHECK (billed - discounted - paid + refunded = balance)
) STRICT;

CREATE TABLE invoices (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    student_id TEXT NOT NULL REFERENCES students(id),
    period TEXT NOT NULL,
    due_date TEXT NOT NULL,
    void_reason TEXT,
    UNIQUE (student_id, period)
) STRICT;

CREATE TABLE invoice_lines (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    invoice_id TEXT NOT NULL REFERENCES invoices(id),
    fee_item_id TEXT NOT NULL REFERENCES fee_items(id),
    billed INTEGER NOT NULL,
    discount INTEGER NOT NULL,
    note TEXT
) STRICT;

CREATE TABLE receipt_counters (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    year INTEGER NOT NULL UNIQUE,
    last_number INTEGER NOT NULL CHECK (last_number >= 0)
) STRICT;

CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    student_id TEXT NOT NULL REFERENCES students(id),
    receipt_year INTEGER NOT NULL,
    receipt_number INTEGER NOT NULL CHECK (receipt_number > 0),
    amount INTEGER NOT NULL CHECK (amount > 0),
    method TEXT NOT NULL CHECK (method IN ('cash', 'transfer')),
    reference TEXT,
    paid_on TEXT NOT NULL,
    booked_on TEXT NOT NULL,
    payer TEXT NOT NULL,
    void_reason TEXT,
    voided_on TEXT,
    prints INTEGER NOT NULL CHECK (prints >= 0),
    UNIQUE (receipt_year, receipt_number),
    CHECK ((void_reason IS NULL) = (voided_on IS NULL))
) STRICT;

CREATE TABLE fee_allocations (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    payment_id TEXT NOT NULL REFERENCES payments(id),
    invoice_id TEXT NOT NULL REFERENCES invoices(id),
    amount INTEGER NOT NULL CHECK (amount > 0),
    UNIQUE (payment_id, invoice_id)
) STRICT;

CREATE TABLE fee_refunds (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    student_id TEXT NOT NULL REFERENCES students(id),
    amount INTEGER NOT NULL CHECK (amount > 0),
    method TEXT NOT NULL CHECK (method IN ('cash', 'transfer')),
    reason TEXT NOT NULL,
    booked_on TEXT NOT NULL
) STRICT;

CREATE TABLE cash_days (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    day TEXT NOT NULL UNIQUE,
    cash_total INTEGER NOT NULL,
    transfer_total INTEGER NOT NULL,
    voided_total INTEGER NOT NULL,
    refunded_total INTEGER NOT NULL,
    payments INTEGER NOT NULL
) STRICT;

CREATE INDEX fee_items_year ON fee_items (academic_year_id);
CREATE INDEX fee_assignments_item ON fee_assignments (fee_item_id);
CREATE INDEX fee_discounts_student ON fee_discounts (student_id);
CREATE INDEX invoices_period ON invoices (period);
CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id);
CREATE INDEX payments_student ON payments (student_id);
CREATE INDEX payments_booked_on ON payments (booked_on);
CREATE INDEX fee_allocations_invoice ON fee_allocations (invoice_id);
CREATE INDEX fee_refunds_student ON fee_refunds (student_id);
