// End-to-end, seventh story: the timetable (issue 14, helper "ttui"). The
// real app on a new computer with the sample school (which has a week with
// a short Friday and a lesson per teaching assignment): the operator opens
// Timetables, looks at the week and bells, compares the lessons with the
// teaching assignments, adds a rule on the week grid, generates a draft in
// the background (the progress bar shows while the window still answers),
// views class VII A's grid with the bell times, edits it there (a lesson
// picked up with its Move button — the keyboard/click path, since HTML5
// drag events cannot be driven reliably through WebKitWebDriver — shows
// every cell's verdict; dropped on a cell that breaks a rule it is refused
// with the rule named; placed on a fine cell it moves; Undo puts it back;
// its Take out button sends it to the tray of lessons not placed, and the
// tray's Place button then a fine cell puts it back), publishes the draft,
// looks at the whole school, marks a teacher away on this week's Monday and
// picks a ranked substitute for their first lesson (saved, and counted in
// the history); then a student signs in and sees their own published week. Screenshots land in target/e2e-screenshots/.
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
const shot = (name) => driver.screenshot(join(shots, `timetable-${String(++step).padStart(2, "0")}-${name}.png`));
const log = (text) => process.stderr.write(`e2e timetable: ${text}\n`);

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

try {
  await sleep(500);
  driver = await Driver.start(base, application);
  await driver.find("[data-testid=wizard]");
  await driver.click("[data-testid=wizard-connect]");
  await driver.find("[data-testid=sample-school]");
  await driver.click("[data-testid=sample-create]");
  // The sample is written in one go: on a loaded machine, a minute or more.
  await driver.find("[data-testid=sample-logins]", 240000);
  const logins = await driver.script(
    `return [...document.querySelectorAll('[data-testid=sample-logins] tbody tr')].map((r) => [...r.cells].map((c) => c.textContent))`,
  );
  const studentLogin = logins.find(([, , roles]) => /student|siswa/i.test(roles));
  assert.ok(studentLogin, `the sample has a student's login: ${logins.map((r) => r[2])}`);
  await driver.click("[data-testid=sample-sign-in]");
  await driver.find("[data-testid=dashboard]");
  await driver.cmd("POST", "/window/rect", { width: 1280, height: 860 });

  // ---- the week and bells: Monday–Saturday, a short Friday
  await driver.click("[data-testid=nav-timetable]");
  await driver.find("[data-testid=tt-week]");
  await driver.until(`return !!document.querySelector('[data-testid=tt-day-5]')`, "the working days");
  const friday = await driver.text("[data-testid=tt-day-5]");
  const monday = await driver.text("[data-testid=tt-day-1]");
  log(`week: ${monday}, ${friday}`);
  assert.match(friday, /\(6\)/, "Friday has six lesson periods");
  assert.match(monday, /\(8\)/, "Monday has eight");
  await shot("week-and-bells");

  // ---- lessons: the sample's lessons match its assignments
  await driver.click("[data-testid=tt-tab-lessons]");
  await driver.find("[data-testid=tt-lesson-table]");
  await driver.click("[data-testid=tt-plan]");
  await driver.find("[data-testid=tt-plan-list]");
  const lessons = await driver.script(`return document.querySelectorAll('[data-testid=tt-lesson-row]').length`);
  log(`${lessons} lessons`);
  assert.ok(lessons > 50, `the sample has its lessons: ${lessons}`);
  await shot("lessons");

  // ---- a rule on the week grid: the first teacher is away on Monday's first two periods
  await driver.click("[data-testid=tt-tab-rules]");
  await driver.find("[data-testid=tt-cell-picker]");
  await driver.click("[data-testid=tt-cell-1-1]");
  await driver.click("[data-testid=tt-cell-1-2]");
  await shot("rule-grid");
  await driver.click("[data-testid=tt-rule-save]");
  await driver.until(`return document.querySelectorAll('[data-testid=tt-rule]').length === 1`, "the rule listed", 30000);
  const rule = await driver.text("[data-testid=tt-rule]");
  log(`rule: ${rule}`);
  assert.match(rule, /Monday 1, 2/);

  // ---- generate in the background: the window answers while it searches
  await driver.click("[data-testid=tt-tab-generate]");
  await driver.find("[data-testid=tt-generate]");
  await driver.type("[data-testid=tt-gen-name]", "Uji e2e");
  await driver.click("[data-testid=tt-generate-start]");
  await driver.find("[data-testid=tt-progress]");
  // The page keeps answering: a script runs while the solver works.
  const alive = await driver.script(`return document.querySelector('[data-testid=tt-progress-text]')?.textContent ?? ''`);
  log(`while generating: ${alive}`);
  await shot("generating");
  await driver.until(`return !!document.querySelector('[data-testid=tt-gen-result], [data-testid=tt-generate] [role=alert]')`, "the generation to end", 180000);
  const result = await driver.text("[data-testid=tt-gen-result]");
  log(`result: ${result}`);
  const [, placed, total] = /(\d+) of (\d+) lesson blocks placed/.exec(result);
  assert.equal(placed, total, "every lesson block placed");
  await shot("generated");

  // ---- class VII A's grid with the bell times
  const rows = await driver.script(`return [...document.querySelectorAll('[data-testid=tt-draft-row]')].map((r) => r.textContent)`);
  const index = rows.findIndex((r) => r.startsWith("Uji e2e"));
  assert.ok(index >= 0, `the draft is listed: ${rows}`);
  await driver.script(`document.querySelectorAll('[data-testid=tt-draft-row]')[arguments[0]].querySelector('[data-testid=tt-draft-view]').click()`, index);
  await driver.find("[data-testid=tt-grid]");
  await choose("tt-view-item", "VII A");
  await driver.until(`return document.querySelector('[data-testid=tt-grid]')?.getAttribute('aria-label') === 'VII A'`, "VII A's grid");
  const lessonsShown = await driver.script(`return document.querySelectorAll('[data-testid=tt-grid] [data-testid=tt-lesson]').length`);
  const firstRow = await driver.text("[data-testid=tt-grid] tbody tr th");
  log(`VII A: ${lessonsShown} lesson cells; period 1 is ${firstRow}`);
  assert.ok(lessonsShown >= 40, `VII A's week is full: ${lessonsShown}`);
  assert.match(firstRow, /1\s*\d\d:\d\d–\d\d:\d\d/, "the period's time from the bell schedule");
  await shot("class-grid");

  // ---- editing on the grid: pick a lesson up, every cell gets the app's verdict
  const cellOf = `return [...document.querySelectorAll('[data-testid=tt-grid] [data-testid=tt-pick]')].map((b) => b.closest('td').dataset.testid)`;
  const pickable = await driver.script(cellOf);
  assert.ok(pickable.length > 5, `lessons can be picked up: ${pickable.length}`);
  let from = null;
  let verdicts = null;
  for (const cell of pickable.slice(0, 12)) {
    await driver.click(`[data-testid=${cell}] [data-testid=tt-pick]`);
    await driver.until(`return !document.querySelector('[data-testid=tt-grid] [data-verdict=wait]') && !!document.querySelector('[data-testid=tt-grid] [data-verdict]')`, "every cell's verdict", 60000);
    verdicts = await driver.script(
      `return [...document.querySelectorAll('[data-testid=tt-grid] td[data-verdict]')].map((td) => ({ cell: td.dataset.testid, verdict: td.dataset.verdict, title: td.getAttribute('title') }))`,
    );
    // A cell that is fine, or a swap with another subject (so the move shows).
    const name = await driver.script(`return document.querySelector('[data-testid=tt-grid] .tt-picked strong').textContent`);
    const other = (v) => v.verdict === "ok" || (v.verdict === "swap" && !v.title.includes(`Swaps with ${name} (`));
    if (verdicts.some((v) => v.verdict === "bad") && verdicts.some(other)) {
      from = cell;
      break;
    }
    await driver.click("[data-testid=tt-pick-cancel]");
  }
  assert.ok(from, "a lesson with a cell that breaks a rule and one that is fine");
  const subject = await driver.script(`return document.querySelector('[data-testid=tt-grid] .tt-picked strong').textContent`);
  const placement = await driver.script(`return document.querySelector('[data-testid=tt-grid] .tt-picked').dataset.placement`);
  const count = (v) => verdicts.filter((x) => x.verdict === v).length;
  log(`picked ${subject} at ${from}: ${count("ok")} fine, ${count("swap")} swaps, ${count("bad")} break a rule`);
  const bad = verdicts.find((v) => v.verdict === "bad");
  const broken = bad.title.split("\n")[1].split("; ")[0];
  log(`${bad.cell}: ${broken}`);
  assert.ok(broken.length > 10, `the cell names the rule it breaks: ${bad.title}`);
  await shot("pick-up-verdicts");

  // ---- dropped on a cell that breaks a rule: refused, the rule named, nothing moved
  await driver.click(`[data-testid=${bad.cell}]`);
  await driver.find("[data-testid=tt-view] [role=alert]", 30000);
  const refusalText = await driver.text("[data-testid=tt-view] [role=alert]");
  log(`refused: ${refusalText}`);
  assert.ok(refusalText.includes(broken.split(": ").pop()), `the refusal names the rule: ${refusalText}`);
  await shot("move-refused");

  // ---- placed on a fine cell (or a swap, confirmed): saved
  await driver.click(`[data-testid=${from}] [data-testid=tt-pick]`);
  await driver.until(`return !document.querySelector('[data-testid=tt-grid] [data-verdict=wait]') && !!document.querySelector('[data-testid=tt-grid] [data-verdict]')`, "the verdicts again", 60000);
  const good = verdicts.find((v) => v.verdict === "ok") ?? verdicts.find((v) => v.verdict === "swap" && !v.title.includes(`Swaps with ${subject} (`));
  await driver.click(`[data-testid=${good.cell}]`);
  if (good.verdict === "swap") {
    await driver.find("[data-testid=tt-swap]");
    await shot("swap-asked");
    await driver.click("[data-testid=tt-swap-yes]");
  }
  await driver.until(
    `return !!document.querySelector('[data-testid=${good.cell}] [data-placement="${placement}"]') && !document.querySelector('[data-testid=tt-grid] [data-verdict]') && !document.querySelector('[data-testid=tt-undo]').disabled`,
    `${subject} in ${good.cell}`,
    30000,
  );
  log(`${subject} moved ${from} → ${good.cell} (${good.verdict})`);
  await shot("moved");

  // ---- undo: back where it was
  await driver.click("[data-testid=tt-undo]");
  await driver.until(
    `return !!document.querySelector('[data-testid=${from}] [data-placement="${placement}"]') && !document.querySelector('[data-testid=tt-redo]').disabled`,
    `${subject} back in ${from}`,
    30000,
  );
  assert.equal(await driver.script(`return !!document.querySelector('[data-testid=${good.cell}] [data-placement="${placement}"]')`), false, "no longer where it was moved");
  log(`undone: ${subject} back in ${from}`);
  await shot("undone");

  // ---- the tray: take the lesson out (its Take out button), then place it
  // back from the tray by its Place button and a fine cell (the keyboard
  // path: WebKitWebDriver cannot drive an HTML5 drag)
  const trayCount = () => driver.script(`return document.querySelectorAll('[data-testid=tt-tray-item]').length`);
  const trayBefore = await trayCount();
  await driver.click(`[data-testid=${from}] [data-placement="${placement}"] [data-testid=tt-unplace]`);
  await driver.until(`return document.querySelectorAll('[data-testid=tt-tray-item]').length === ${trayBefore + 1} && !document.querySelector('[data-testid=${from}] [data-placement="${placement}"]')`, `${subject} in the tray`, 30000);
  const inTray = await driver.script(`return [...document.querySelectorAll('[data-testid=tt-tray-name]')].map((x) => x.textContent)`);
  log(`taken out to the tray: ${inTray.join(", ")}`);
  assert.ok(inTray.some((n) => n.startsWith(subject)), `the tray lists ${subject}: ${inTray}`);
  await shot("taken-out-to-tray");
  await driver.script(`[...document.querySelectorAll('[data-testid=tt-tray-item]')].find((x) => x.textContent.startsWith(arguments[0])).querySelector('[data-testid=tt-tray-pick]').click()`, subject);
  await driver.until(`return !document.querySelector('[data-testid=tt-grid] [data-verdict=wait]') && !!document.querySelector('[data-testid=tt-grid] [data-verdict]')`, "the tray block's verdicts", 60000);
  const trayVerdicts = await driver.script(
    `return [...document.querySelectorAll('[data-testid=tt-grid] td[data-verdict]')].map((td) => ({ cell: td.dataset.testid, verdict: td.dataset.verdict }))`,
  );
  const fromTray = trayVerdicts.find((v) => v.cell === from && v.verdict === "ok") ?? trayVerdicts.find((v) => v.verdict === "ok");
  log(`from the tray: ${trayVerdicts.filter((v) => v.verdict === "ok").length} fine cells, ${trayVerdicts.filter((v) => v.verdict === "bad").length} break a rule`);
  assert.ok(fromTray, "a fine cell for the tray's lesson");
  await shot("tray-pick-verdicts");
  await driver.click(`[data-testid=${fromTray.cell}]`);
  await driver.until(
    `return document.querySelectorAll('[data-testid=tt-tray-item]').length === ${trayBefore} && [...document.querySelectorAll('[data-testid=${fromTray.cell}] [data-testid=tt-lesson] strong')].some((x) => x.textContent.includes(${JSON.stringify(subject)}))`,
    `${subject} placed from the tray in ${fromTray.cell}`,
    30000,
  );
  log(`placed from the tray: ${subject} in ${fromTray.cell}`);
  await shot("placed-from-tray");

  // ---- publish, then the whole school
  await driver.click("[data-testid=tt-tab-generate]");
  await driver.find("[data-testid=tt-drafts]");
  await driver.script(`[...document.querySelectorAll('[data-testid=tt-draft-row]')].find((r) => r.textContent.startsWith('Uji e2e')).querySelector('[data-testid=tt-draft-publish]').click()`);
  await driver.until(
    `const r = [...document.querySelectorAll('[data-testid=tt-draft-row]')].find((r) => r.textContent.startsWith('Uji e2e')); return !!r && /published/.test(r.textContent)`,
    "the draft published",
    30000,
  );
  await shot("published");
  await driver.click("[data-testid=tt-tab-view]");
  await driver.find("[data-testid=tt-grid]");
  await choose("tt-view-mode", "Whole school");
  await driver.find("[data-testid=tt-school]");
  const classes = await driver.script(`return document.querySelectorAll('[data-testid=tt-school-row]').length`);
  log(`whole school: ${classes} classes`);
  assert.ok(classes >= 20, `every class down the side: ${classes}`);
  await shot("whole-school");

  // ---- a teacher away on Monday of this week: their lessons with ranked
  // substitutes (free at that period), one picked and saved, counted in
  // the history (issue 14, items 7 and 11)
  await driver.click("[data-testid=tt-tab-covers]");
  await driver.find("[data-testid=tt-covers]");
  const today = new Date();
  const mon = new Date(today.getFullYear(), today.getMonth(), today.getDate() - ((today.getDay() + 6) % 7));
  const pad = (n) => String(n).padStart(2, "0");
  // The field holds today: emptied key by key (it is the user's field, so
  // WebDriver's clear does not empty it), then the Monday typed.
  const dateField = await driver.find("[data-testid=tt-cover-date]");
  await driver.click("[data-testid=tt-cover-date]");
  await driver.press("\uE010", ...Array(12).fill("\uE003"));
  await driver.cmd("POST", `/element/${dateField}/value`, { text: `${pad(mon.getDate())}-${pad(mon.getMonth() + 1)}-${mon.getFullYear()}` });
  await driver.press("\uE004");
  await driver.find("[data-testid=tt-cover-none], [data-testid=tt-absence]");
  // The first teachers in the list, until one has lessons that Monday.
  let covered = null;
  for (let i = 0; i < 6 && !covered; i++) {
    await driver.click("[data-testid=tt-cover-teacher]");
    await driver.find("[data-testid=tt-cover-teacher-list]");
    const name = await driver.script(
      `const li = document.querySelectorAll('[data-testid=tt-cover-teacher-list] li')[arguments[0]]; li.click(); return li.textContent.trim();`,
      i,
    );
    await driver.type("[data-testid=tt-cover-reason]", "Sakit");
    await driver.click("[data-testid=tt-cover-away]");
    await driver.until(
      `return [...document.querySelectorAll('[data-testid=tt-absence] h3')].some((h) => h.textContent.startsWith(${JSON.stringify(name)}))`,
      `${name} marked away`,
      30000,
    );
    const rows = await driver.script(
      `const card = [...document.querySelectorAll('[data-testid=tt-absence]')].find((c) => c.querySelector('h3').textContent.startsWith(arguments[0]));
       return card.querySelectorAll('[data-testid=tt-cover-row]').length`,
      name,
    );
    log(`${name} away: ${rows} lesson(s) to cover`);
    if (rows > 0) covered = name;
  }
  assert.ok(covered, "a teacher with lessons on Monday");
  const card = `[...document.querySelectorAll('[data-testid=tt-absence]')].find((c) => c.querySelector('h3').textContent.startsWith(arguments[0]))`;
  const first = await driver.script(
    `const row = ${card}.querySelector('[data-testid=tt-cover-row]');
     return { now: row.querySelector('[data-testid=tt-cover-now]').textContent, offered: !!row.querySelector('[data-testid=tt-cover-candidate]') }`,
    covered,
  );
  assert.equal(first.now, "Not covered yet");
  assert.ok(first.offered, "substitutes are offered for the first lesson");
  await shot("teacher-away");
  await driver.script(`${card}.querySelector('[data-testid=tt-cover-row] [data-testid=tt-cover-substitute]').click()`, covered);
  const cardOf = card.replaceAll("arguments[0]", JSON.stringify(covered));
  await driver.until(
    `const row = ${cardOf}.querySelector('[data-testid=tt-cover-row]'); return /^by /.test(row.querySelector('[data-testid=tt-cover-now]').textContent)`,
    "the substitute saved",
    30000,
  );
  const by = await driver.script(`return ${card}.querySelector('[data-testid=tt-cover-row] [data-testid=tt-cover-now]').textContent`, covered);
  log(`first lesson of ${covered}: covered ${by}`);
  const substitute = by.replace(/^by /, "");
  await driver.until(
    `return [...document.querySelectorAll('[data-testid=tt-cover-history-row]')].some((r) => r.cells[0].textContent === ${JSON.stringify(substitute)} && Number(r.cells[1].textContent) >= 1)`,
    "the cover counted in the history",
    30000,
  );
  await shot("substitute-picked");

  // ---- a student signs in and sees their own published week
  await driver.click("[data-testid=logout]");
  await driver.find("[data-testid=login-login]");
  await driver.type("[data-testid=login-login]", studentLogin[0]);
  await driver.type("[data-testid=login-password]", studentLogin[3]);
  await driver.click("[data-testid=login-submit]");
  await driver.find("[data-testid=nav-my_timetable]");
  assert.equal(await driver.script(`return !!document.querySelector('[data-testid=nav-timetable]')`), false, "a student has no office screen");
  await driver.click("[data-testid=nav-my_timetable]");
  await driver.find("[data-testid=my-tt] [data-testid=tt-grid]");
  const own = await driver.script(`return document.querySelectorAll('[data-testid=my-tt] [data-testid=tt-lesson]').length`);
  log(`${studentLogin[1]} sees ${own} lesson cells of their own week`);
  assert.ok(own >= 40, `the student's class week: ${own}`);
  await shot("student-own-week");
  await endStory({ driver, driverProcess, log, passed: `passed; screenshots in ${shots}` });
} catch (e) {
  await endStory({ driver, driverProcess, log, failureShot: join(shots, "timetable-failure.png") }, e);
}
