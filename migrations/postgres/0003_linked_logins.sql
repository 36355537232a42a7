-- Schooldesk schema, version 3 (issue 16, item 2).
-- postgres dialect; migrations/sqlite/ holds the same version in the other dialect.

-- A password someone else chose (an initial password printed for a new
-- login, or an administrator's reset) must be changed at the next sign-in;
-- until then the account may do nothing else.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT false;

-- Teachers and students already hold one login each (user_id UNIQUE); a
-- guardian's login is found by user_id too.
CREATE INDEX guardians_user ON guardians (user_id);
