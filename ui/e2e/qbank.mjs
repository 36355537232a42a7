// End-to-end, the question bank (issue 13, helper "qbui"). The real app on
// a new computer with the sample school: the curriculum office writes a
// multiple-choice question whose stem has a bold word (the toolbar) and a
// formula (the math field, its KaTeX preview), marks the right option and
// saves it; finds it again by searching a word of it; opens it and sees
// the bold word, the typeset formula and its shared passage (written in
// a dialog of the editor) as saved; reviews and approves
// it; saves a blueprint of one row, makes a paper from it, fills it (the
// question), makes it final and prints it (read back with pdftotext).
// Before saving it looks at the question as it will print (the preview's
// page has A4's shape, then F4's); last it imports a GIFT file with a
// broken question: the preview names the line, confirming adds the good
// ones, which the search then finds. After printing, the class's results
// file is saved, a filled-in one with a student not in the class is
// refused by row, a right one stored, and the item analysis shown.
// Screenshots land in target/e2e-screenshots/ (qbank-*.png).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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

  // ---- a shared passage above the question, written here
  await driver.click("[data-testid=qb-stimulus-new]");
  await driver.find("[data-testid=qb-stimulus-dialog]");
  await driver.type("[data-testid=qb-stimulus-title]", `Kebun ${word}`);
  await driver.click("[data-testid=qb-stimulus-content] .ProseMirror");
  await typeInEditor("qb-stimulus-content", "Pak Tani memiliki kebun berbentuk trapesium.");
  await shot("passage");
  await driver.click("[data-testid=qb-stimulus-save]");
  await driver.until(
    `return !document.querySelector('[data-testid=qb-stimulus-dialog]') && (document.querySelector('[data-testid=qb-stimulus-text]')?.textContent ?? '').includes('Pak Tani')`,
    "the passage written and chosen",
    30000,
  );

  // ---- the question as it will print, before it is saved
  const pageShape = `const imgs = [...document.querySelectorAll('[data-testid=qb-preview-page]')];
    if (!imgs.length || !imgs.every((i) => i.complete && i.naturalWidth > 0)) return null;
    return imgs.map((i) => i.naturalHeight / i.naturalWidth);`;
  await driver.click("[data-testid=qb-preview]");
  await driver.until(`return (() => { ${pageShape} })() !== null`, "the preview's page", 120000);
  const a4 = await driver.script(`return (() => { ${pageShape} })()`);
  assert.equal(a4.length, 1, "one question, one page");
  assert.ok(Math.abs(a4[0] - 297 / 210) < 0.01, `an A4 page: ${a4}`);
  await shot("preview-as-printed");
  await driver.script(`const s = document.querySelector('[data-testid=qb-preview-paper]'); s.value = 'F4'; s.dispatchEvent(new Event('change', { bubbles: true }));`);
  await driver.until(`const r = (() => { ${pageShape} })(); return r !== null && Math.abs(r[0] - 330 / 215) < 0.01`, "the preview on F4", 120000);
  await driver.click("[data-testid=qb-preview-dialog] .dialog-x");
  await driver.until(`return !document.querySelector('[data-testid=qb-preview-dialog]')`, "the preview closed");
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
  await driver.until(`return (document.querySelector('[data-testid=qb-stimulus-text]')?.textContent ?? '').includes('Pak Tani')`, "the passage as saved", 30000);
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
  assert.ok(printedText.includes("Pak Tani"), "the printed paper has the question's shared passage");
  await shot("paper-printed");

  // ---- results: the class's file saved, filled in, a wrong one refused by row, then stored; the analysis
  await driver.find("[data-testid=qr-results]");
  await driver.find("[data-testid=qr-no-results]", 30000);
  await driver.click("[data-testid=qr-template]");
  await driver.until(`return [...document.querySelectorAll('.toast')].some((t) => t.textContent.includes('.xlsx'))`, "the results file saved", 30000);
  const saidResults = await driver.script(`return [...document.querySelectorAll('.toast')].map((t) => t.textContent).find((t) => t.includes('.xlsx'))`);
  const resultsPath = saidResults.slice(saidResults.indexOf("/"), saidResults.indexOf(".xlsx") + 5);
  const sheetXml = ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"]
    .map((part) => {
      try {
        return execFileSync("unzip", ["-p", resultsPath, part]).toString();
      } catch {
        return "";
      }
    })
    .join("");
  const numbers = [...sheetXml.matchAll(/<t[^>]*>(\d{4,})<\/t>/gu)].map((m) => m[1]);
  assert.ok(numbers.length >= 8, `the class's students in the results file: ${numbers.length}`);
  const answersDir = mkdtempSync(join(tmpdir(), "schooldesk-e2e-results-"));
  const wrongFile = join(answersDir, "hasil-salah.csv");
  writeFileSync(wrongFile, ["nis,paket,1", `${numbers[0]},A,B`, "0000000001,A,C", ""].join("\n"));
  let input2 = await driver.find("[data-testid=qr-file]");
  await driver.cmd("POST", `/element/${input2}/value`, { text: wrongFile });
  await driver.find("[data-testid=qr-problem]", 60000);
  const wrong = await driver.text("[data-testid=qr-problem]");
  log(`results problem: ${wrong}`);
  assert.match(wrong, /(Row|Baris) 3/u, "the student who is not in the class is named by row");
  const goodFile = join(answersDir, "hasil.csv");
  writeFileSync(goodFile, ["nis,paket,1", ...numbers.slice(0, 8).map((n, i) => `${n},A,${"ABCD"[i % 4]}`), ""].join("\n"));
  input2 = await driver.find("[data-testid=qr-file]");
  await driver.cmd("POST", `/element/${input2}/value`, { text: goodFile });
  await driver.find("[data-testid=qr-preview]", 60000);
  assert.equal(await driver.script(`return document.querySelectorAll('[data-testid=qr-student]').length`), 8, "eight students scored");
  await shot("results-preview");
  await driver.click("[data-testid=qr-confirm]");
  await driver.find("[data-testid=qr-analysis]", 60000);
  assert.equal(await driver.script(`return document.querySelectorAll('[data-testid=qr-item]').length`), 1, "the paper's one question analysed");
  assert.match(await driver.text("[data-testid=qr-summary]"), /^8 /u, "eight students in the analysis");
  await shot("item-analysis");

  // ---- a GIFT file: the preview names the broken question's line; the good ones go in
  const gift = join(mkdtempSync(join(tmpdir(), "schooldesk-e2e-")), "bank.gift");
  const imported = `sudut${Date.now() % 100000}`;
  writeFileSync(
    gift,
    [
      "// Two questions for the bank, one broken.",
      "$CATEGORY: Matematika/Geometri",
      `::Sudut siku::Besar sudut ${imported} siku-siku adalah {=90° ~45° ~180°}`,
      "",
      `::Rasio\\: sudut::Perbandingan ${imported} 1\\:2 {=benar ~salah}`,
      "",
      `::Rusak::Sudut ${imported} lurus {=180°`,
      "",
    ].join("\n"),
  );
  await driver.click("[data-testid=qb-tab-import]");
  await driver.find("[data-testid=qb-import]");
  const input = await driver.find("[data-testid=qb-import-file]");
  await driver.cmd("POST", `/element/${input}/value`, { text: gift });
  await driver.find("[data-testid=qb-import-preview]", 60000);
  assert.equal(await driver.script(`return document.querySelectorAll('[data-testid=qb-import-question]').length`), 2, "two questions to take");
  const problem = await driver.text("[data-testid=qb-import-problem]");
  log(`import problem: ${problem}`);
  assert.match(problem, /7/, "the broken question's line is named");
  await shot("import-preview");
  await driver.click("[data-testid=qb-import-confirm]");
  await driver.until(`return !document.querySelector('[data-testid=qb-import-preview]') || !!document.querySelector('[data-testid=qb-import] .banner-error')`, "the import written", 60000);
  assert.equal(await driver.script(`return document.querySelector('[data-testid=qb-import] .banner-error')?.textContent ?? ''`), "", "the import went in");
  // The XLSX template for bulk entry, saved from the same tab: a real workbook.
  await driver.click("[data-testid=qb-import-template]");
  await driver.until(`return [...document.querySelectorAll('.toast')].some((t) => t.textContent.includes('.xlsx'))`, "the template saved", 30000);
  const saidTemplate = await driver.script(`return [...document.querySelectorAll('.toast')].map((t) => t.textContent).find((t) => t.includes('.xlsx'))`);
  const templatePath = saidTemplate.slice(saidTemplate.indexOf("/"), saidTemplate.indexOf(".xlsx") + 5);
  assert.equal(readFileSync(templatePath).subarray(0, 2).toString(), "PK", `an XLSX (zip) file at ${templatePath}`);
  log(`template: ${templatePath}`);
  await driver.click("[data-testid=qb-tab-questions]");
  await driver.find("[data-testid=qb-search]");
  await driver.type("[data-testid=qb-search]", imported);
  await driver.until(`return document.querySelectorAll('[data-testid=qb-row]').length === 2`, "the two imported questions found", 30000);
  await shot("imported-found");

  await endStory({ driver, driverProcess, log, passed: `passed; screenshots in ${shots}` });
} catch (e) {
  await endStory({ driver, driverProcess, log, failureShot: join(shots, "qbank-failure.png") }, e);
}
