// End-to-end, fourth story: a teacher's login (issue 16, item 2). The real
// app on a new computer with the sample school: the operator opens a
// teacher who has no login and creates one (the slip shows the login and a
// first password) -> signs out -> the teacher signs in, must choose their
// own password first -> sees their own classes on the dashboard and only
// those in the classes list, and no screen for users or the audit trail
// -> signs out and in again with the new password. Then, as the operator,
// the main screens are photographed in both languages at 1280 × 800 and
// 1024 × 700 (target/e2e-screenshots/tour-*.png) for people to look at.
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
const shot = (name) => driver.screenshot(join(shots, `teacher-${String(++step).padStart(2, "0")}-${name}.png`));
const log = (text) => process.stderr.write(`e2e teacher: ${text}\n`);

async function signIn(login, password) {
  await driver.type("[data-testid=login-login]", login);
  await driver.type("[data-testid=login-password]", password);
  await driver.click("[data-testid=login-submit]");
}

async function chooseLanguage(lang) {
  await driver.script(
    `const s = document.querySelector('[data-testid=language]');
     const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
     setter.call(s, arguments[0]);
     s.dispatchEvent(new Event('change', { bubbles: true }));`,
    lang,
  );
}

/** The number of rows a data table says it shows. */
async function rowCount(table) {
  await driver.until(`return /\\d/.test(document.querySelector('[data-testid=table-${table}] .count')?.textContent ?? '')`, `${table}'s count`);
  return Number((await driver.text(`[data-testid=table-${table}] .count`)).replace(/\D/g, ""));
}

try {
  await sleep(500);
  driver = await Driver.start(base, application);
  await driver.find("[data-testid=wizard]");
  await driver.click("[data-testid=wizard-connect]");
  await driver.find("[data-testid=sample-school]");
  await driver.click("[data-testid=sample-create]");
  await driver.find("[data-testid=sample-logins]");
  const logins = await driver.script(
    `return [...document.querySelectorAll('[data-testid=sample-logins] tbody tr')].map((r) => [...r.cells].map((c) => c.textContent))`,
  );
  const [adminLogin, , , adminPassword] = logins[0];
  await driver.click("[data-testid=sample-sign-in]");
  await driver.find("[data-testid=dashboard]");

  // ---- the operator creates a login for a teacher who has none
  await driver.click("[data-testid=nav-teachers]");
  await driver.until(`return document.querySelectorAll('[data-testid=row-teachers]').length > 0`, "the teachers list");
  const shownRows = await driver.script(`return document.querySelectorAll('[data-testid=row-teachers]').length`);
  let teacherName = null;
  for (let i = 0; i < shownRows; i++) {
    await driver.click(`#teachers-row-${i}`);
    await driver.find("[data-testid=person-login]");
    await driver.until(`return !!document.querySelector('[data-testid=login-create], [data-testid=person-login-name]')`, "the teacher's login");
    const free = await driver.script(`return !!document.querySelector('[data-testid=login-create]')`);
    if (free) {
      teacherName = await driver.text(".aside h2");
      break;
    }
  }
  assert.ok(teacherName, "the sample school has a teacher without a login");
  await shot("teacher-without-login");
  await driver.click("[data-testid=login-create]");
  await driver.find("[data-testid=login-slips]");
  const login = await driver.text("[data-testid=slip-login]");
  const first = await driver.text("[data-testid=slip-password]");
  assert.match(login, /^[a-z0-9.-]+$/, `a login made from the name: ${login}`);
  assert.ok(first.length >= 8, `a first password: ${first}`);
  log(`login ${login} made for ${teacherName}`);
  await shot("slip");
  await driver.click("[data-testid=login-slips] footer button:last-child");
  await driver.until(`return !document.querySelector('[data-testid=login-slips]')`, "the slips to close");
  assert.equal(await driver.text("[data-testid=person-login-name]"), login, "the panel now names the login");
  await driver.click("[data-testid=logout]");

  // ---- the teacher signs in and must choose a password first
  await signIn(login, first);
  await driver.find("[data-testid=first-password]");
  assert.equal(await driver.script(`return !!document.querySelector('[data-testid=nav-dashboard]')`), false, "nothing else before the password is changed");
  await shot("must-change-password");
  const own = "papan-tulis-77";
  await driver.type("[data-testid=password-old]", first);
  await driver.type("[data-testid=password-new]", own);
  await driver.type("[data-testid=password-again]", own);
  await driver.click("[data-testid=password-save]");
  await driver.find("[data-testid=dashboard]");
  await driver.find("[data-testid=my-classes]");
  const mine = await driver.script(`return [...document.querySelectorAll('[data-testid=my-class] .tile-value')].map((e) => e.textContent.trim())`);
  assert.ok(mine.length > 0, "the teacher's classes are on the dashboard");
  for (const absent of ["nav-users", "nav-audit"]) {
    assert.equal(await driver.script(`return !!document.querySelector(arguments[0])`, `[data-testid=${absent}]`), false, `${absent} is not offered`);
  }
  assert.equal(await driver.script(`return !!document.querySelector('[data-testid=count-users]')`), false, "no count of user accounts");
  await shot("teacher-dashboard");

  // ---- only their classes in the classes list, and their students
  await driver.click("[data-testid=nav-classes]");
  const classCount = await rowCount("classes");
  assert.equal(classCount, mine.length, `the classes list shows the teacher's ${mine.length} classes, got ${classCount}`);
  const listed = await driver.script(`return [...document.querySelectorAll('[data-testid=row-classes]')].map((r) => r.textContent)`);
  for (const name of mine) assert.ok(listed.some((row) => row.includes(name)), `${name} is listed`);
  assert.equal(await driver.script(`return !!document.querySelector('[data-testid=new-classes]')`), false, "no 'new class' button for a teacher");
  await shot("teacher-classes");
  await driver.click("[data-testid=nav-students]");
  const students = await rowCount("students");
  assert.ok(students > 0 && students < 900, `the teacher sees their classes' students only: ${students}`);
  assert.equal(await driver.script(`return !!document.querySelector('[data-testid=new-students]')`), false, "no 'new student' button for a teacher");
  await shot("teacher-students");

  // ---- the new password is theirs now
  await driver.click("[data-testid=logout]");
  await signIn(login, own);
  await driver.find("[data-testid=my-classes]");
  await driver.click("[data-testid=logout]");
  log(`${teacherName} signed in with their own password and saw ${mine.length} classes, ${students} students`);

  // ---- a tour for people to look at: both languages, both sizes
  await signIn(adminLogin, adminPassword);
  await driver.find("[data-testid=dashboard]");
  for (const lang of ["en", "id"]) {
    await chooseLanguage(lang);
    for (const [width, height] of [[1280, 800], [1024, 700]]) {
      await driver.cmd("POST", "/window/rect", { width, height });
      await sleep(300);
      for (const screen of ["dashboard", "students", "classes", "teachers", "users", "audit"]) {
        await driver.click(`[data-testid=nav-${screen}]`);
        if (["students", "classes", "teachers", "users"].includes(screen)) {
          await driver.until(`return document.querySelectorAll('[data-testid=row-${screen}]').length > 0`, `${screen} rows`);
          if (["students", "classes"].includes(screen)) await driver.click(`#${screen}-row-0`);
        }
        await driver.screenshot(join(shots, `tour-${lang}-${width}x${height}-${screen}.png`));
      }
    }
  }
  await endStory({ driver, driverProcess, log, passed: `passed; screenshots in ${shots}` });
} catch (e) {
  await endStory({ driver, driverProcess, log, failureShot: join(shots, "teacher-failure.png") }, e);
}
