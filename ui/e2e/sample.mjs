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

  // ---- issue 16, item 6: one language at a time. An error names the
  // field by its label, the audit trail speaks in words and finds a
  // student's changes by name; each in English and Bahasa Indonesia, at
  // 1280x800 and 1024x700.
  const firstStudent = await driver.script(
    `return [...document.querySelectorAll('[data-testid=row-students] [role=gridcell]')].map((c) => c.textContent).find((t) => /[a-z]{3}/i.test(t))`,
  );
  assert.ok(firstStudent, "a student's name to search the audit trail for");
  const sizes = [
    [1280, 800],
    [1024, 700],
  ];
  const atSizes = async (name) => {
    for (const [width, height] of sizes) {
      await driver.cmd("POST", "/window/rect", { width, height });
      await sleep(400);
      await shot(`${name}-${width}x${height}`);
    }
  };
  for (const lang of ["en", "id"]) {
    await driver.script(
      `const s = document.querySelector('[data-testid=language]');
       const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
       setter.call(s, arguments[0]);
       s.dispatchEvent(new Event('change', { bubbles: true }));`,
      lang,
    );
    const students = lang === "id" ? "Siswa" : "Students";
    await driver.until(`return document.querySelector('[data-testid=nav-students]').textContent === '${students}'`, `the ${lang} sidebar`);
    // A second class VII A in this year: refused, in words.
    await driver.click("[data-testid=nav-classes]");
    await driver.click("[data-testid=new-classes]");
    await driver.type("[data-testid=field-name]", "VII A");
    await driver.click("[data-testid=form-save]");
    const refused = await driver.text("[data-testid=form-error]");
    log(`${lang} duplicate class: ${refused}`);
    assert.match(refused, lang === "id" ? /^Sudah ada rombel dengan Nama VII A\./ : /^There is already a class with Name VII A\./);
    await atSizes(`${lang}-error`);
    await driver.script(`document.querySelector('[role=dialog]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))`);
    await driver.script(`document.querySelector('[data-testid=discard-confirm]')?.click()`);
    await driver.until(`return !document.querySelector('[data-testid=field-name]')`, "the class form to close");

    // The audit trail: a student's changes, found by the name.
    await driver.click("[data-testid=nav-audit]");
    await driver.until(`return document.querySelectorAll('[data-testid=row-audit]').length > 0`, "the audit trail");
    const searched = Date.now();
    const found = `const rows = [...document.querySelectorAll('[data-testid=row-audit]')];
       return rows.length > 0 && rows.length < 50 && rows.every((r) => r.textContent.includes(${JSON.stringify(firstStudent)}))`;
    await driver.type("[data-testid=search-audit]", firstStudent);
    try {
      await driver.until(found, `the audit events of ${firstStudent}`, 30000);
    } catch {
      // Seen once in many CI runs (the id pass, 60 s): say what the
      // screen showed, then type the name again; a second miss fails.
      const seen = await driver.script(
        `return JSON.stringify({
           field: document.querySelector('[data-testid=search-audit]')?.value,
           rows: document.querySelectorAll('[data-testid=row-audit]').length,
           first: [...document.querySelectorAll('[data-testid=row-audit]')].slice(0, 3).map((r) => r.textContent),
           error: document.querySelector('.error-banner, [role=alert]')?.textContent ?? null,
         })`,
      );
      log(`${lang} audit search not shown after 30 s; the screen: ${seen}; typing the name again`);
      await shot(`${lang}-audit-search-stuck`);
      await driver.type("[data-testid=search-audit]", firstStudent);
      await driver.until(found, `the audit events of ${firstStudent} (typed twice)`, 60000);
    }
    log(`${lang} audit search for ${firstStudent}: ${Date.now() - searched} ms, ${(await driver.findAll("[data-testid=row-audit]")).length} events`);
    const words = await driver.script(`return [...document.querySelectorAll('[data-testid=row-audit]')].map((r) => r.textContent).join(' | ')`);
    assert.doesNotMatch(words, /\bcreate\b|enrollments|student_guardians|\{/, "actions and record types in words");
    await atSizes(`${lang}-audit-search`);
    await driver.click("[data-testid=row-audit]");
    await driver.find("[data-testid=audit-changes]");
    assert.doesNotMatch(await driver.text("[role=dialog]"), /[{}]|full_name|password/, "a readable change, no raw JSON or secrets");
    await atSizes(`${lang}-audit-change`);
    await driver.script(`document.querySelector('[role=dialog]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))`);
    await driver.click("[data-testid=nav-students]");
  }
  await endStory({ driver, driverProcess, log, passed: `passed; ${count} students; screenshots in ${shots}` });
} catch (e) {
  await endStory({ driver, driverProcess, log, failureShot: join(shots, "sample-failure.png") }, e);
}
