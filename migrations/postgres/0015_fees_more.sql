-- Schooldesk schema, version 15 (issue 17): the school's fee settings, one
-- row (its id fixed by the app, `fees::SETTINGS_ID`), set by the
-- administrator. `homeroom_sees_arrears`: a homeroom teacher may see
-- whether the students of their own class are in arrears (off until the
-- school turns it on: no row reads as off).
-- postgres dialect; migrations/sqlite/ holds the same version in the other dialect.

CREATE TABLE fee_settings (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    homeroom_sees_arrears BOOLEAN NOT NULL
);
