// End-to-end, sixth story: grades to a printed report card (issue 12,
// items 3, 8 and 9). The real app on a new computer with the sample school:
// the operator opens the gradebook of a class without scores (VII B,
// Matematika), types a student's four scores (one with a decimal comma),
// pastes a block of two more students' scores as a spreadsheet copies it,
// sees the final grade the scheme makes (84.85 rounds half up once to 85),
// then prints that student's report card from the print screen into a
// folder and reads the PDF back with pdftotext: the name, Matematika and 85
// are on it. Screenshots of the gradebook, the print screen and the card
// (pdftoppm) land in target/e2e-screenshots/ for people to look at.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Driver, endStory, sleep, startTauriDriver } from "./webdriver.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const application = process.env.SCHOOLDESK_APP ?? join(root, "target/debug/schooldesk-desktop");
const shots = join(root, "target/e2e-screenshots");
mkdirSync(shots, { recursive: true });
const out = join(process.env.HOME ?? "/tmp", "rapor-out");
// The sample's grades are in the semester today falls in: July–December is
// the first, January–June the second.
const semester = new Date().getMonth() < 6 ? "Semester 2" : "Semester 1";
mkdirSync(out, { recursive: true });

const { child: driverProcess, base } = await startTauriDriver();
let driver;
let step = 0;
const shot = (name) => driver.screenshot(join(shots, `grades-${String(++step).padStart(2, "0")}-${name}.png`));
const log = (text) => process.stderr.write(`e2e grades: ${text}\n`);

async function signIn(login, password) {
  await driver.type("[data-testid=login-login]", login);
  await driver.type("[data-testid=login-password]", password);
  await driver.click("[data-testid=login-submit]");
}

/** Chooses the option whose text starts with `label` in a SelectMenu. */
async function choose(testId, label) {
  await driver.click(`[data-testid=${testId}]`);
  await driver.find(`[data-testid=${testId}-list]`);
  const found = await driver.script(
    `const li = [...document.querySelectorAll('[data-testid=' + arguments[0] + '-list] li')].find((x) => x.textContent.trim().startsWith(arguments[1]));
     if (li) li.click();
     return !!li;`,
    testId,
    label,
  );
  assert.ok(found, `${testId} offers ${label}`);
}

/** Types into the grid: the cell is chosen by clicking it, then keys go to the grid. */
async function typeCell(r, c, text) {
  await driver.click(`[data-testid=cell-${r}-${c}]`);
  const keys = [...text].map((ch) => ch);
  await driver.press(...keys, "\uE007");
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
  await driver.cmd("POST", "/window/rect", { width: 1280, height: 800 });

  // ---- the gradebook of a class without scores
  await driver.click("[data-testid=nav-gradebook]");
  await driver.find("[data-testid=pick-class]");
  await choose("pick-term", semester);
  await choose("pick-class", "VII B");
  await choose("pick-subject", "Matematika");
  await driver.find("[data-testid=grade-grid]");
  await driver.until(`return !!document.querySelector('[data-testid=cell-0-3]')`, "four columns");
  const student = (await driver.text("[data-testid=row-0] th, [data-testid=row-0] td")).trim();
  log(`row 0 is ${student}`);

  // Harian 1, Harian 2 (40 %), PTS (30 %), PAS (30 %): 85, 85, 84.5 → 84.85 → 85.
  for (const [c, text] of [[0, "80"], [1, "90"], [2, "85"], [3, "84,5"]]) await typeCell(0, c, text);
  await driver.until(`return document.querySelector('[data-testid=final-0]')?.textContent.trim() === '85'`, "the final grade 85", 30000);

  // A block as Excel or LibreOffice copies it, pasted at row 1.
  await driver.click("[data-testid=cell-1-0]");
  await driver.script(
    `const data = new DataTransfer();
     data.setData('text/plain', '70\\t75\\t80\\t85\\r\\n72,5\\t77\\t81\\t90\\r\\n');
     const grid = document.querySelector('[data-testid=grade-grid]');
     grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));`,
  );
  await driver.until(`return /\\d/.test(document.querySelector('[data-testid=final-2]')?.textContent ?? '')`, "the pasted rows' finals", 30000);
  // 70/75 → 72.5 ×0.4 = 29, 80 ×0.3 = 24, 85 ×0.3 = 25.5 → 78.5 → 79.
  assert.equal(await driver.text("[data-testid=final-1]"), "79");
  await driver.until(`return !document.querySelector('[data-testid=retry-failed]')`, "every cell saved");
  await shot("gradebook-typed-and-pasted");

  // ---- the student's card, printed into a folder and read back
  await driver.click("[data-testid=nav-print]");
  await driver.find("[data-testid=print-screen]");
  await choose("print-term", semester);
  await choose("print-scope", "One student");
  await choose("print-class", "VII B");
  await choose("print-student", student);
  await choose("print-language", "Bahasa Indonesia");
  await driver.click("[data-testid=print-incomplete]");
  await driver.type("[data-testid=print-folder]", out);
  await shot("print-screen");
  await driver.click("[data-testid=print-start]");
  await driver.until(`return !!document.querySelector('[data-testid=print-done], [data-testid=print-job] [role=alert]')`, "the print job to end", 120000);
  const done = await driver.script(`return !!document.querySelector('[data-testid=print-done]')`);
  assert.ok(done, `printing finished: ${await driver.text("[data-testid=print-job]")}`);
  await shot("print-done");
  const pdfs = readdirSync(out).filter((f) => f.endsWith(".pdf"));
  assert.equal(pdfs.length, 1, `one PDF in ${out}: ${pdfs}`);
  const pdf = join(out, pdfs[0]);
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"]).toString();
  assert.ok(text.includes(student), `the card names ${student}`);
  const math = text.split("\n").find((line) => line.includes("Matematika"));
  assert.ok(math && /\b85\b/.test(math), `the Matematika row shows 85: ${math}`);
  // The narrow grade column wraps "belum lengkap" over two lines.
  assert.ok(/belum/.test(text) && /lengkap/.test(text), `subjects without grades say so, never a blank:\n${text.slice(0, 3000)}`);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf]).toString())[1]);
  assert.ok(pages >= 1 && pages <= 2, `one card is one or two pages: ${pages}`);
  execFileSync("pdftoppm", ["-r", "60", "-png", pdf, join(shots, `grades-${String(++step).padStart(2, "0")}-card`)]);
  assert.ok(existsSync(shots));
  log(`${student}'s card: ${pages} page(s), Matematika ${math.trim().slice(0, 60)}`);
  await endStory({ driver, driverProcess, log, passed: `passed; screenshots in ${shots}` });
} catch (e) {
  await endStory({ driver, driverProcess, log, failureShot: join(shots, "grades-failure.png") }, e);
}
