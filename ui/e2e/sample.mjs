// End-to-end, third story: a newcomer tries the sample school. The real app
// on a new computer (empty HOME): first run -> this computer -> "try a
// sample school" -> the logins with their passwords are shown once -> sign
// in as the administrator -> the students list holds the sample's students.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Driver, endStory, sleep, startTauriDriver } from "./webdriver.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const application = process.env.SCHOOLDESK_APP ?? join(root, "target/debug/schooldesk-desktop");
const shots = join(root, "target/e2e-screenshots");
mkdirSync(shots, { recursive: true });

const { child: driverProcess, base } = await startTauriDriver();
let driver;
let step = 0;
const shot = (name) => driver.screenshot(join(shots, `sample-${String(++step).padStart(2, "0")}-${name}.png`));
const log = (text) => process.stderr.write(`e2e sample: ${text}\n`);

try {
  await sleep(500);
  driver = await Driver.start(base, application);
  await driver.find("[data-testid=wizard]");
  await driver.click("[data-testid=wizard-connect]");
  await driver.find("[data-testid=sample-school]");
  await shot("offered");
  const began = Date.now();
  await driver.click("[data-testid=sample-create]");
  await driver.find("[data-testid=sample-logins]");
  log(`sample school made in ${Date.now() - began} ms (debug build)`);
  const rows = await driver.script(
    `return [...document.querySelectorAll('[data-testid=sample-logins] tbody tr')].map((r) => [...r.cells].map((c) => c.textContent))`,
  );
  assert.ok(rows.length >= 6, `a login per role, got ${rows.length}`);
  for (const [login, , roles, password] of rows) {
    assert.ok(login && roles, `each login names its roles: ${login} ${roles}`);
    assert.ok(password.length >= 8, `${login}'s password is shown: ${password}`);
  }
  const formShown = await driver.script(
    `return getComputedStyle(document.querySelector('[data-testid=create-school]')).display !== 'none'`,
  );
  assert.equal(formShown, false, "once the sample fills the database, the create-school form is gone");
  await shot("logins");
  await driver.click("[data-testid=sample-sign-in]");
  await driver.find("[data-testid=dashboard]");
  await driver.click("[data-testid=nav-students]");
  await driver.until(
    `return /\\d/.test(document.querySelector('[data-testid=table-students] .count')?.textContent ?? '')`,
    "the students list's count",
  );
  const count = Number((await driver.text("[data-testid=table-students] .count")).replace(/\D/g, ""));
  assert.ok(count >= 800, `the sample's students are listed, got ${count}`);
  await shot("students");
  await endStory({ driver, driverProcess, log, passed: `passed; ${count} students; screenshots in ${shots}` });
} catch (e) {
  await endStory({ driver, driverProcess, log, failureShot: join(shots, "sample-failure.png") }, e);
}
