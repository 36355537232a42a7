// End-to-end, fourth story: lists people can read, and the keyboard (issue
// 16, items 3 and 9), in the real window with the sample school (900
// students in 27 classes), at 1280 × 800 and 1024 × 700, in English and in
// Bahasa Indonesia. Measures what a component test cannot: no NIS, NISN,
// date or class cell is cut; with no row chosen the list has the width;
// the roster shows many of its ~33 students; the class filter's list fits
// the window and Tab leaves it. Screenshots: target/e2e-screenshots/lists-*.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Driver, endStory, sleep, startTauriDriver } from "./webdriver.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const application = process.env.SCHOOLDESK_APP ?? join(root, "target/debug/schooldesk-desktop");
const shots = join(root, "target/e2e-screenshots");
mkdirSync(shots, { recursive: true });

const KEY = { tab: "\uE004", enter: "\uE007", escape: "\uE00C", down: "\uE015" };
const { child: driverProcess, base } = await startTauriDriver();
let driver;
const shot = (name) => driver.screenshot(join(shots, `lists-${name}.png`));
const log = (text) => process.stderr.write(`e2e lists: ${text}\n`);
const active = () => driver.script(`const a = document.activeElement; return a ? (a.getAttribute('data-testid') || a.tagName) : null`);

async function chooseLanguage(lang) {
  await driver.script(
    `const s = document.querySelector('[data-testid=language]');
     const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
     setter.call(s, arguments[0]);
     s.dispatchEvent(new Event('change', { bubbles: true }));`,
    lang,
  );
}

/** Cells of the rows wholly in view: how many, and how many are cut. */
const MEASURE = `
  const body = document.querySelector('[data-testid=rows-students]');
  const b = body.getBoundingClientRect();
  const rows = [...body.querySelectorAll('.grid-row')].filter((r) => { const x = r.getBoundingClientRect(); return x.top >= b.top && x.bottom <= b.bottom; });
  const cells = rows.flatMap((r) => [...r.children]);
  const cut = (c) => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1;
  const fit = cells.filter((c) => c.classList.contains('cell-fit'));
  const heads = [...document.querySelectorAll('[data-testid=table-students] .grid-head button')];
  const grid = document.querySelector('[data-testid=table-students] .grid');
  return {
    inner: [innerWidth, innerHeight],
    cells: cells.length,
    cut: cells.filter(cut).length,
    fitCells: fit.length,
    fitCut: fit.filter(cut).map((c) => c.textContent),
    headCut: heads.filter(cut).map((c) => c.textContent),
    sideways: grid.scrollWidth > grid.clientWidth,
    listWidth: document.querySelector('[data-testid=table-students]').getBoundingClientRect().width,
    contentWidth: document.querySelector('main.content').clientWidth,
    aside: !!document.querySelector('[data-testid=aside-students]'),
  };`;

try {
  await sleep(500);
  driver = await Driver.start(base, application);
  await driver.find("[data-testid=wizard]");
  await driver.click("[data-testid=wizard-connect]");
  await driver.click("[data-testid=sample-create]");
  await driver.find("[data-testid=sample-logins]");
  await driver.click("[data-testid=sample-sign-in]");
  await driver.find("[data-testid=dashboard]");

  for (const [width, height] of [
    [1280, 800],
    [1024, 700],
  ]) {
    await driver.setWindowSize(width, height);
    await driver.until(`return Math.abs(innerWidth - ${width}) < 40 && Math.abs(innerHeight - ${height}) < 60`, `a ${width} × ${height} window`);
    for (const lang of ["en", "id"]) {
      const at = `${width}x${height}-${lang}`;
      await chooseLanguage(lang);
      await driver.click("[data-testid=nav-dashboard]");
      await driver.find("[data-testid=dashboard]");
      // From the sidebar: the screen's heading, then its primary action.
      await driver.click("[data-testid=nav-students]");
      await driver.until(`return /\\d/.test(document.querySelector('[data-testid=table-students] .count')?.textContent ?? '')`, "the students list");
      await driver.until(`return document.activeElement?.id === 'students-title'`, "focus on the screen's heading");
      await driver.press(KEY.tab);
      assert.equal(await active(), "new-students", `${at}: one Tab from the heading is the primary action`);

      // The list has the width; no number, date or class is cut.
      const m = await driver.script(MEASURE);
      log(`${at}: page ${m.inner.join(" × ")}; ${m.cut} of ${m.cells} visible cells cut (names that wrap to two lines and end in "…"); ${m.fitCut.length} of ${m.fitCells} number/date/class cells cut; list ${Math.round(m.listWidth)} of ${m.contentWidth} px; sideways scroll: ${m.sideways}`);
      assert.equal(m.aside, false, `${at}: no panel before a row is chosen`);
      assert.ok(m.listWidth >= m.contentWidth - 60, `${at}: the list takes the width (${m.listWidth} of ${m.contentWidth})`);
      assert.ok(m.cells > 50, `${at}: rows are in view (${m.cells} cells)`);
      assert.deepEqual(m.fitCut, [], `${at}: no NIS, NISN, date or class cut`);
      assert.deepEqual(m.headCut, [], `${at}: no header cut`);
      assert.equal(m.sideways, false, `${at}: the list fits without scrolling sideways`);
      await shot(`${at}-1-students`);

      // From the search, ArrowDown reaches the first result; Enter opens
      // its panel; Escape closes it and the keyboard is on the row again.
      await driver.click("[data-testid=search-students]");
      await driver.press(KEY.down);
      assert.equal(await active(), "rows-students", `${at}: ArrowDown from the search reaches the results`);
      await driver.press(KEY.down, KEY.enter);
      await driver.find("[data-testid=student-panel]");
      // The panel's own buttons are on top, not under anything.
      const onTop = await driver.script(`
        return ['aside-edit-students', 'aside-close-students'].every((id) => {
          const b = document.querySelector('[data-testid=' + id + ']');
          const r = b.getBoundingClientRect();
          return b.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
        });`);
      assert.equal(onTop, true, `${at}: the panel's Edit and Close can be clicked`);
      await shot(`${at}-2-student-panel`);
      await driver.press(KEY.escape);
      await driver.until(`return !document.querySelector('[data-testid=aside-students]')`, "the panel to close");
      assert.equal(await active(), "rows-students", `${at}: closing the panel gives focus back to the list`);
      assert.equal(await driver.script(`return document.querySelector('[data-testid=rows-students]').getAttribute('aria-activedescendant')`), "students-row-1");
      await shot(`${at}-2b-keyboard-row`);

      // The class filter: the app's own list, inside the window; Tab leaves it.
      await driver.click("[data-testid=filter-students-class]");
      const box = await driver.script(`const r = document.querySelector('[data-testid=filter-students-class-list]').getBoundingClientRect(); return [r.top, r.bottom, innerHeight]`);
      log(`${at}: class filter list from ${Math.round(box[0])} to ${Math.round(box[1])} px of ${box[2]}`);
      assert.ok(box[0] >= 0 && box[1] <= box[2], `${at}: the class list fits the window (${box})`);
      await shot(`${at}-3-class-filter`);
      await driver.press(KEY.tab);
      assert.equal(await driver.script(`return !!document.querySelector('[data-testid=filter-students-class-list]')`), false, `${at}: Tab closes the list`);
      assert.equal(await active(), "filter-students-status", `${at}: Tab moves on from the class filter`);

      // A class's roster: its count and many of its students at once.
      await driver.click("[data-testid=nav-classes]");
      await driver.click("[data-testid=row-classes]");
      await driver.find("[data-testid=roster-count]");
      const r = await driver.script(`
        const list = document.querySelector('[data-testid=roster] .roster');
        const lb = list.getBoundingClientRect();
        const items = [...list.querySelectorAll('li')];
        const seen = items.filter((li) => { const x = li.getBoundingClientRect(); return x.top >= lb.top - 1 && x.bottom <= lb.bottom + 1 && x.bottom <= innerHeight; });
        return { count: document.querySelector('[data-testid=roster-count]').textContent, all: items.length, seen: seen.length };`);
      log(`${at}: roster "${r.count}": ${r.seen} of ${r.all} students in view`);
      assert.ok(r.seen >= Math.min(r.all, 12), `${at}: the roster shows ${r.seen} of ${r.all}`);
      await shot(`${at}-4-roster`);
    }
  }
  await endStory({ driver, driverProcess, log, passed: `passed; screenshots in ${shots}` });
} catch (e) {
  await endStory({ driver, driverProcess, log, failureShot: join(shots, "lists-failure.png") }, e);
}
