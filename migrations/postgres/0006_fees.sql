-- Schooldesk schema, version 6 (issue 17): fees. Fee items and who they are
-- billed to, discounts, each student's running account, invoices and their
-- lines, receipt numbers per year, payments and their allocation to invoices,
-- refunds, closed cash days. Amounts are whole rupiah. Nothing is deleted: a
-- wrong invoice or payment is voided with a reason.
-- postgres dialect; migrations/sqlite/ holds the same version in the other dialect.

CREATE TABLE fee_items (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    academic_year_id UUID NOT NULL REFERENCES academic_years(id),
    name TEXT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    schedule TEXT NOT NULL CHECK (schedule IN ('monthly', 'once')),
    once_period TEXT,
    due_day BIGINT NOT NULL CHECK (due_day BETWEEN 1 AND 28),
    active BOOLEAN NOT NULL,
    UNIQUE (academic_year_id, name),
    CHECK ((schedule = 'once') = (once_period IS NOT NULL))
);

CREATE TABLE fee_assignments (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    fee_item_id UUID NOT NULL REFERENCES fee_items(id),
    grade_level BIGINT,
    class_id UUID REFERENCES classes(id),
    student_id UUID REFERENCES students(id),
    CHECK ((grade_level IS NOT NULL)::int + (class_id IS NOT NULL)::int + (student_id IS NOT NULL)::int = 1)
);

CREATE TABLE fee_discounts (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    student_id UUID NOT NULL REFERENCES students(id),
    fee_item_id UUID REFERENCES fee_items(id),
    kind TEXT NOT NULL CHECK (kind IN ('percent', 'fixed')),
    value BIGINT NOT NULL CHECK (value > 0 AND (kind = 'fixed' OR value <= 10000)),
    reason TEXT NOT NULL,
    active BOOLEAN NOT NULL
);

CREATE TABLE fee_accounts (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    student_id UUID NOT NULL UNIQUE REFERENCES students(id),
    billed BIGINT NOT NULL,
    discounted BIGINT NOT NULL,
    paid BIGINT NOT NULL,
    refunded BIGINT NOT NULL,
    balance BIGINT NOT NULL,
    CHECK (billed - discounted - paid + refunded = balance)
);

CREATE TABLE invoices (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    student_id UUID NOT NULL REFERENCES students(id),
    period TEXT NOT NULL,
    due_date DATE NOT NULL,
    void_reason TEXT,
    UNIQUE (student_id, period)
);

CREATE TABLE invoice_lines (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    invoice_id UUID NOT NULL REFERENCES invoices(id),
    fee_item_id UUID NOT NULL REFERENCES fee_items(id),
    billed BIGINT NOT NULL,
    discount BIGINT NOT NULL,
    note TEXT
);

CREATE TABLE receipt_counters (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    year BIGINT NOT NULL UNIQUE,
    last_number BIGINT NOT NULL CHECK (last_number >= 0)
);

CREATE TABLE payments (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    student_id UUID NOT NULL REFERENCES students(id),
    receipt_year BIGINT NOT NULL,
    receipt_number BIGINT NOT NULL CHECK (receipt_number > 0),
    amount BIGINT NOT NULL CHECK (amount > 0),
    method TEXT NOT NULL CHECK (method IN ('cash', 'transfer')),
    reference TEXT,
    paid_on DATE NOT NULL,
    booked_on DATE NOT NULL,
    payer TEXT NOT NULL,
    void_reason TEXT,
    voided_on DATE,
    prints BIGINT NOT NULL CHECK (prints >= 0),
    UNIQUE (receipt_year, receipt_number),
    CHECK ((void_reason IS NULL) = (voided_on IS NULL))
);

CREATE TABLE fee_allocations (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    payment_id UUID NOT NULL REFERENCES payments(id),
    invoice_id UUID NOT NULL REFERENCES invoices(id),
    amount BIGINT NOT NULL CHECK (amount > 0),
    UNIQUE (payment_id, invoice_id)
);

CREATE TABLE fee_refunds (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    student_id UUID NOT NULL REFERENCES students(id),
    amount BIGINT NOT NULL CHECK (amount > 0),
    method TEXT NOT NULL CHECK (method IN ('cash', 'transfer')),
    reason TEXT NOT NULL,
    booked_on DATE NOT NULL
);

CREATE TABLE cash_days (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    day DATE NOT NULL UNIQUE,
    cash_total BIGINT NOT NULL,
    transfer_total BIGINT NOT NULL,
    voided_total BIGINT NOT NULL,
    refunded_total BIGINT NOT NULL,
    payments BIGINT NOT NULL
);

CREATE INDEX fee_items_year ON fee_items (academic_year_id);
CREATE INDEX fee_assignments_item ON fee_assignments (fee_item_id);
CREATE INDEX fee_discounts_student ON fee_discounts (student_id);
CREATE INDEX invoices_period ON invoices (period);
CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id);
CREATE INDEX payments_student ON payments (student_id);
CREATE INDEX payments_booked_on ON payments (booked_on);
CREATE INDEX fee_allocations_invoice ON fee_allocations (invoice_id);
CREATE INDEX fee_refunds_student ON fee_refunds (student_id);
