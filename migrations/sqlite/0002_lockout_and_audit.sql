-- Schooldesk schema, version 2 (issue 10, items 9 and 10).
-- sqlite dialect; migrations/postgres/ holds the same version in the other dialect.

-- Failed logins are counted per login name, whether or not an account has it,
-- so a locked account and an unknown name answer alike. The app claims an
-- attempt (counts it, and starts any lock it earns) in one write transaction
-- before checking the password, so parallel attempts cannot check more
-- passwords than the lockout allows. login_state keeps last_login_at only.
CREATE TABLE login_attempts (
    login TEXT PRIMARY KEY,
    failed_logins INTEGER NOT NULL,
    locked_until TEXT
) STRICT;

INSERT INTO login_attempts (login, failed_logins, locked_until)
SELECT users.login, login_state.failed_logins, login_state.locked_until
FROM login_state JOIN users ON users.id = login_state.user_id
WHERE login_state.failed_logins > 0;

-- INSERT OR REPLACE deletes the row it replaces without firing DELETE
-- triggers, so an event could be rewritten under its own id: refuse any
-- insert whose id is taken.
CREATE TRIGGER audit_events_no_replace BEFORE INSERT ON audit_events
WHEN EXISTS (SELECT 1 FROM audit_events WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

-- The table has a rowid beside its id: REPLACE with a new id and an old
-- rowid would delete that event just as silently. Refuse a taken rowid too
-- (an insert that names none gets a fresh one and passes).
CREATE TRIGGER audit_events_no_rowid_replace BEFORE INSERT ON audit_events
WHEN EXISTS (SELECT 1 FROM audit_events WHERE rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

-- One school per database: two first-time set-ups at once cannot both
-- commit (the second's whole change, its administrator included, fails).
CREATE UNIQUE INDEX school_only_one ON school ((0));
