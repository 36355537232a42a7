-- Schooldesk schema, version 2 (issue 10, items 9 and 10).
-- postgres dialect; migrations/sqlite/ holds the same version in the other dialect.

-- Failed logins are counted per login name, whether or not an account has it,
-- so a locked account and an unknown name answer alike. The app claims an
-- attempt (counts it, and starts any lock it earns) in one transaction with
-- the row locked (SELECT ... FOR UPDATE) before checking the password, so
-- parallel attempts cannot check more passwords than the lockout allows.
-- login_state keeps last_login_at only.
CREATE TABLE login_attempts (
    login TEXT PRIMARY KEY,
    failed_logins BIGINT NOT NULL,
    locked_until TIMESTAMPTZ
);

INSERT INTO login_attempts (login, failed_logins, locked_until)
SELECT users.login, login_state.failed_logins, login_state.locked_until
FROM login_state JOIN users ON users.id = login_state.user_id
WHERE login_state.failed_logins > 0;

-- TRUNCATE fires no row triggers: refuse it with a statement trigger. Only
-- the tables' owner (or a superuser) can disable triggers, so the app must
-- connect as a role that does not own them: see README, "PostgreSQL roles".
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
REVOKE TRUNCATE, UPDATE, DELETE ON audit_events FROM PUBLIC;

-- One school per database: two first-time set-ups at once cannot both
-- commit (the second's whole change, its administrator included, fails).
CREATE UNIQUE INDEX school_only_one ON school ((true));
