-- Schooldesk schema, version 15 (issue 17): the school's fee settings, one
-- row (its id fixed by the app, `fees::SETTINGS_ID`), set by the
-- administrator. `homeroom_sees_arrears`: a homeroom teacher may see
-- whether the students of their own class are in arrears (off until the
-- school turns it on: no row reads as off).
-- sqlite dialect; migrations/postgres/ holds the same version in the other dialect.

CREATE TABLE fee_settings (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    homeroom_sees_arrears INTEGER NOT NULL CHECK (homeroom_sees_arrears IN (0, 1))
) STRICT;
