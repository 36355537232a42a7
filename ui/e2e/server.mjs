// End-to-end, second story: a school server. The real app, on a new
// computer (empty HOME), is pointed at a real PostgreSQL server (the
// throw-away cluster of scripts/with-postgres.sh, reached through its Unix
// socket folder as the host) with the password kept in a real Secret
// Service (gnome-keyring in this session bus).
//
// first run -> school server -> a wrong password and an unreachable server
// are refused plainly -> the right one connects -> create school and admin
// -> quit -> start again -> straight to login (the password came from the
// keychain, not the settings file) -> log in -> the school is there.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Driver, endStory, sleep, startTauriDriver } from "./webdriver.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const application = process.env.SCHOOLDESK_APP ?? join(root, "target/debug/schooldesk-desktop");
const shots = join(root, "target/e2e-screenshots");
mkdirSync(shots, { recursive: true });
const url = new URL(process.env.SCHOOLDESK_TEST_PG_URL ?? "");
const pg = {
  host: url.searchParams.get("host") ?? url.hostname,
  port: url.port || "5432",
  user: decodeURIComponent(url.username),
  password: decodeURIComponent(url.password),
};
const settingsFile = join(process.env.XDG_CONFIG_HOME ?? join(process.env.HOME, ".config"), "schooldesk/settings.json");

const { child: driverProcess, base } = await startTauriDriver();
let driver;
let step = 0;
const shot = (name) => driver.screenshot(join(shots, `server-${String(++step).padStart(2, "0")}-${name}.png`));
const log = (text) => process.stderr.write(`e2e server: ${text}\n`);
const errorMatches = (pattern) =>
  `return ${pattern}.test(document.querySelector('[data-testid=wizard-error]')?.textContent ?? '')`;

try {
  await sleep(500);
  driver = await Driver.start(base, application);
  await driver.find("[data-testid=wizard]");
  await driver.click("[data-testid=mode-school_server]");
  await driver.type("[data-testid=server-host]", pg.host);
  await driver.type("[data-testid=server-port]", pg.port);
  await driver.type("[data-testid=server-database]", "postgres");
  await driver.type("[data-testid=server-user]", pg.user);

  // ---- a wrong password says so
  await driver.type("[data-testid=server-password]", `not-${pg.password}`);
  await driver.click("[data-testid=wizard-test]");
  await driver.until(errorMatches("/wrong user name or password/"), "the wrong password refused");
  await shot("wrong-password");

  // ---- a server that is not there says so
  await driver.type("[data-testid=server-password]", pg.password);
  await driver.type("[data-testid=server-port]", String(Number(pg.port) + 1));
  await driver.click("[data-testid=wizard-test]");
  await driver.until(errorMatches("/check the server address and that PostgreSQL is running/"), "the unreachable server reported");
  await shot("unreachable");

  // ---- the right details connect
  await driver.type("[data-testid=server-port]", pg.port);
  await driver.click("[data-testid=wizard-test]");
  await driver.until("return !!document.querySelector('.banner-ok') && !document.querySelector('[data-testid=wizard-error]')", "the connection test to pass");
  await driver.click("[data-testid=wizard-connect]");
  await driver.find("[data-testid=create-school]");
  await driver.type("[data-testid=school-name]", "SMA Negeri 2 Server");
  await driver.type("[data-testid=school-npsn]", "20219876");
  await driver.type("[data-testid=school-address]", "Jl. Pusat Data 2, Jakarta");
  await driver.type("[data-testid=school-principal_name]", "Drs. Hadi Wijaya");
  await driver.type("[data-testid=admin-display_name]", "Kurikulum");
  await driver.type("[data-testid=admin-password]", "rahasia-server-1");
  await driver.type("[data-testid=admin-password_again]", "rahasia-server-1");
  await driver.click("[data-testid=create-submit]");
  await driver.find("[data-testid=dashboard]");
  await shot("dashboard");

  const settings = readFileSync(settingsFile, "utf8");
  assert.match(settings, /"postgres"/, `the settings name the server: ${settings}`);
  assert.ok(!settings.includes(pg.password), "the password is not in the settings file");

  // ---- start again: straight to login, with the password from the keychain
  await driver.quit();
  await sleep(1500);
  driver = await Driver.start(base, application);
  await driver.find("[data-testid=login]");
  await driver.type("[data-testid=login-login]", "admin");
  await driver.type("[data-testid=login-password]", "rahasia-server-1");
  await driver.click("[data-testid=login-submit]");
  await driver.find("[data-testid=dashboard]");
  await driver.until("return /SMA Negeri 2 Server/.test(document.querySelector('[data-testid=dashboard]')?.textContent ?? '')", "the school on the dashboard");
  await shot("after-restart");

  await endStory({ driver, driverProcess, log, passed: `passed; screenshots in ${shots}` });
} catch (e) {
  await endStory({ driver, driverProcess, log, failureShot: join(shots, "server-failure.png") }, e);
}
