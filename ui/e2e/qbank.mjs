// End-to-end, the question bank (issue 13, helper "qbui"). The real app on
// a new computer with the sample school: the curriculum office writes a
// multiple-choice question whose stem has a bold word (the toolbar) and a
// formula (the math field, its KaTeX preview), marks the right option and
// saves it; finds it again by searching a word of it; opens it and sees
// the bold word and the typeset formula as saved; reviews and approves
// it; saves a blueprint of one row, makes a paper from it, fills it (the
// question), makes it final and prints it (read back with pdftotext).
// Screenshots land in target/e2e-screenshots/ (qbank-*.png).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
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
const shot = (name) => driver.screenshot(join(shots, `qbank-${String(++step).padStart(2, "0")}-${name}.png`));
const log = (text) => process.stderr.write(`e2e qbank: ${text}\n`);

/** Types into the rich editor of `field` (a data-testid) where its cursor is. */
async function typeInEditor(field, text) {
  const el = await driver.find(`[data-testid=${field}] .ProseMirror`);
  await driver.cmd("POST", `/element/${el}/value`, { text });
}

try {
  await sleep(500);
  driver = await Driver.start(base, application);
  await driver.find("[data-testid=wizard]");
  await driver.click("[data-testid=wizard-connect]");
  await driver.find("[data-testid=sample-school]");
  await driver.click("[data-testid=sample-create]");
  await driver.find("[data-testid=sample-logins]", 240000);
  await driver.click("[data-testid=sample-sign-in]");
  await driver.find("[data-testid=dashboard]");
  await driver.cmd("POST", "/window/rect", { width: 1280, height: 860 });

  // ---- the bank, and a new question
  await driver.click("[data-testid=nav-qbank]");
  await driver.find("[data-testid=qbank]");
  await driver.until(`return !!document.querySelector('[data-testid=qb-list], [data-testid=empty-state]')`, "the bank's list", 30000);
  await shot("bank");
  await driver.click("[data-testid=qb-new]");
  await driver.find("[data-testid=qb-editor]");
  const word = `trapesium${Date.now() % 100000}`;
  await driver.type("[data-testid=qb-name]", `Luas ${word}`);
  await driver.click("[data-testid=qb-stem] .ProseMirror");
  await typeInEditor("qb-stem", "Hitunglah luas ");
  await driver.click("[data-testid=qb-stem] [data-testid=qb-bold]");
  await typeInEditor("qb-stem", word);
  await driver.click("[data-testid=qb-stem] [data-testid=qb-bold]");
  await typeInEditor("qb-stem", " dengan rumus ");
  await driver.click("[data-testid=qb-stem] [data-testid=qb-math-open]");
  await driver.type("[data-testid=qb-math-input]", "L = \\frac{(a+b)t}{2}");
  await driver.until(`return !!document.querySelector('[data-testid=qb-math-preview] .katex')`, "the formula's preview");
  await shot("math-field");
  await driver.click("[data-testid=qb-math-done]");
  await driver.find("[data-testid=qb-stem] .ProseMirror .katex");
  const options = ["24 cm²", "30 cm²", "36 cm²", "42 cm²"];
  for (const [i, text] of options.entries()) {
    await driver.script(`document.querySelectorAll('[data-testid=qb-option] .ProseMirror')[${i}].focus()`);
    const el = await driver.script(`return document.querySelectorAll('[data-testid=qb-option] .ProseMirror')[${i}]`);
    await driver.cmd("POST", `/element/${Object.values(el)[0]}/value`, { text });
  }
  await driver.script(`document.querySelectorAll('[data-testid=qb-option-right]')[1].click()`);
  await driver.type("[data-testid=qb-tags]", "geometri, e2e");
  await shot("editor");
  await driver.click("[data-testid=qb-save]");
  await driver.until(
    `return !!document.querySelector('[data-testid=qb-status], [data-testid=qb-duplicates], [data-testid=qb-editor] [role=alert]')`,
    "the question saved (or a warning)",
    30000,
  );
  if (await driver.script(`return !!document.querySelector('[data-testid=qb-duplicates]')`)) {
    log(`duplicate warning: ${await driver.text("[data-testid=qb-duplicates]")}`);
    await driver.click("[data-testid=qb-save-anyway]");
  }
  const failed = await driver.script(`return document.querySelector('[data-testid=qb-editor] .banner-error')?.textContent ?? ''`);
  assert.equal(failed, "", "the question saved");
  await driver.find("[data-testid=qb-status]", 30000);
  log(`saved: ${await driver.text("[data-testid=qb-status]")}`);

  // ---- found again by a word of it, opened as saved
  await driver.click("[data-testid=qb-back]");
  await driver.find("[data-testid=qb-search]");
  await driver.type("[data-testid=qb-search]", word);
  await driver.until(
    `return document.querySelectorAll('[data-testid=qb-row]').length === 1 && document.querySelector('[data-testid=qb-row]').textContent.includes(${JSON.stringify(word)})`,
    "the question found by its word",
    30000,
  );
  await shot("found");
  await driver.click("[data-testid=qb-row-open]");
  await driver.find("[data-testid=qb-editor]");
  await driver.until(`return document.querySelector('[data-testid=qb-stem] .ProseMirror strong')?.textContent === ${JSON.stringify(word)}`, "the bold word as saved", 30000);
  await driver.find("[data-testid=qb-stem] .ProseMirror .katex");
  const right = await driver.script(`return [...document.querySelectorAll('[data-testid=qb-option-right]')].map((b) => b.checked)`);
  assert.deepEqual(right, [false, true, false, false], "the right option as saved");
  await shot("opened");
  await driver.click("[data-testid=qb-to-reviewed]");
  await driver.until(`return /Reviewed|ditelaah/.test(document.querySelector('[data-testid=qb-status]')?.textContent ?? '')`, "the question reviewed");
  await driver.click("[data-testid=qb-to-approved]");
  await driver.until(`return /Approved|Disetujui/.test(document.querySelector('[data-testid=qb-status]')?.textContent ?? '')`, "the question approved");

  // ---- a blueprint of one row, a paper filled from it, made final, printed
  await driver.click("[data-testid=qb-back]");
  await driver.click("[data-testid=qb-tab-papers]");
  await driver.click("[data-testid=qp-new-blueprint]");
  await driver.type("[data-testid=qp-blueprint-name]", "Kisi-kisi e2e");
  await driver.type("[data-testid=qp-blueprint-row] input[type=number]", "1");
  await driver.click("[data-testid=qp-blueprint-save]");
  await driver.find("[data-testid=qp-new-paper]");
  await driver.click("[data-testid=qp-new-paper]");
  await driver.find("[data-testid=qp-paper-form]", 30000);
  await driver.type("[data-testid=qp-exam-name]", `PTS ${word}`);
  await driver.type("[data-testid=qp-date]", "05-10-2026");
  await driver.click("[data-testid=qp-paper-save]");
  await driver.find("[data-testid=qp-paper]", 30000);
  await driver.click("[data-testid=qp-fill]");
  await driver.find("[data-testid=qp-filled], [data-testid=qp-shortages]", 30000);
  assert.equal(await driver.script(`return document.querySelectorAll('[data-testid=qp-item]').length`), 1, "the paper holds the question");
  await shot("paper-filled");
  await driver.click("[data-testid=qp-to-final]");
  await driver.find("[data-testid=qp-print-go]", 30000);
  await driver.click("[data-testid=qp-print-go]");
  await driver.until(`return !!document.querySelector('[data-testid=qp-printed], [data-testid=qp-paper] .banner-error')`, "the paper printed", 240000);
  const pdf = await driver.text("[data-testid=qp-printed]");
  log(`printed ${pdf}`);
  const printedText = execFileSync("pdftotext", ["-layout", pdf, "-"]).toString();
  assert.ok(printedText.includes(word), "the printed paper has the question's words");
  await shot("paper-printed");

  await endStory({ driver, driverProcess, log, passed: `passed; screenshots in ${shots}` });
} catch (e) {
  await endStory({ driver, driverProcess, log, failureShot: join(shots, "qbank-failure.png") }, e);
}
