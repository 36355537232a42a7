-- PostgreSQL roles for a Schooldesk school server (README, "PostgreSQL roles").
--
-- The tables belong to schooldesk_owner, which creates and updates them (the
-- migrations run when Schooldesk opens the database as this login). The
-- desktops connect as schooldesk_app, which reads and writes school records
-- but owns nothing: it cannot TRUNCATE the audit trail, disable its triggers,
-- or UPDATE or DELETE an audit event. Change the two passwords.
--
-- Run with psql as a superuser: step 1 now, step 2 after Schooldesk has
-- opened the database once as schooldesk_owner (and again after an upgrade
-- that adds tables). crates/app/tests/roles.rs runs this file as written.

-- Step 1, as a superuser.
CREATE ROLE schooldesk_owner LOGIN PASSWORD 'owner-password';
CREATE ROLE schooldesk_app LOGIN PASSWORD 'app-password';
CREATE DATABASE schooldesk OWNER schooldesk_owner;
\connect schooldesk
-- PostgreSQL 13 and 14 let every role create tables in the public schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE schooldesk FROM PUBLIC;
GRANT CONNECT ON DATABASE schooldesk TO schooldesk_app;

-- Now open the database once as the owner, which creates the tables:
--   schooldesk doctor --database-url postgres://schooldesk_owner@HOST/schooldesk
-- (or `init`, or `copy-to`, with that URL).

-- Step 2, as the owner.
\connect schooldesk schooldesk_owner
GRANT USAGE ON SCHEMA public TO schooldesk_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO schooldesk_app;
REVOKE INSERT, UPDATE, DELETE ON _sqlx_migrations FROM schooldesk_app;
REVOKE UPDATE, DELETE ON audit_events FROM schooldesk_app;
