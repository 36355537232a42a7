// Measures the desktop app as a user meets it (not a test: prints figures).
//  - launch: milliseconds from the process's exec to the login screen being
//    interactive (reported by the app itself, kernel start time based), and
//    the wall time from asking WebDriver for the window to the login form;
//  - memory: the whole process tree (the app, WebKit's web and network
//    processes) after logging in and opening the list of 3,000 students,
//    as RSS and as PSS (shared pages counted once).
// scripts/measure-desktop.sh prepares the database and runs this in Xvfb.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Driver, sleep, startTauriDriver } from "./webdriver.mjs";

const application = process.env.SCHOOLDESK_APP;
const runs = Number(process.env.RUNS ?? 5);
const { child: driverProcess, base } = await startTauriDriver(["ignore", "ignore", "inherit"]);
await sleep(500);

function tree(rootPid) {
  const all = execFileSync("ps", ["-e", "-o", "pid=,ppid=,comm="]).toString().trim().split("\n").map((l) => l.trim().split(/\s+/));
  const pids = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of all) {
      if (pids.has(Number(ppid)) && !pids.has(Number(pid))) {
        pids.add(Number(pid));
        grew = true;
      }
    }
  }
  return [...pids].map((pid) => ({ pid, comm: all.find((p) => Number(p[0]) === pid)?.[2] ?? "?" }));
}

function kb(pid, field) {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    return Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

const launches = [];
const walls = [];
let memory = null;
for (let run = 0; run < runs; run++) {
  const asked = Date.now();
  const driver = await Driver.start(base, application);
  await driver.find("[data-testid=login]");
  await driver.until("return typeof window.__schooldeskReadyMs === 'number'", "the ready mark");
  walls.push(Date.now() - asked);
  launches.push(await driver.script("return window.__schooldeskReadyMs"));
  if (run === runs - 1) {
    await driver.type("[data-testid=login-login]", "admin");
    await driver.type("[data-testid=login-password]", process.env.SCHOOLDESK_PASSWORD);
    await driver.click("[data-testid=login-submit]");
    await driver.find("[data-testid=dashboard]");
    const opened = Date.now();
    await driver.click("[data-testid=nav-students]");
    await driver.until("return /3[.,]?000/.test(document.querySelector('[data-testid=table-students] .count')?.textContent ?? '')", "3,000 students");
    const listMs = Date.now() - opened;
    // Work a person does on the list (wall time, WebDriver round trips
    // included): sort 3,000 rows by name, then search for one student.
    const firstRow = "return document.querySelector('[data-testid=row-students]')?.textContent ?? ''";
    const before = await driver.script(firstRow);
    let started = Date.now();
    await driver.script("document.querySelectorAll('[data-testid=table-students] .sort')[2].click()");
    await driver.script("document.querySelectorAll('[data-testid=table-students] .sort')[2].click()");
    await driver.until(`return document.querySelector('[data-testid=row-students]')?.textContent !== ${JSON.stringify(before)}`, "the list sorted");
    const sortMs = Date.now() - started;
    started = Date.now();
    await driver.type("[data-testid=search-students]", "Nomor 2999");
    await driver.until("return /:\\s*1$/.test(document.querySelector('[data-testid=table-students] .count')?.textContent ?? '')", "one student found");
    const searchMs = Date.now() - started;
    await driver.script("const s = document.querySelector('[data-testid=search-students]'); Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(s, ''); s.dispatchEvent(new Event('input', { bubbles: true }));");
    await driver.until("return /3[.,]?000/.test(document.querySelector('[data-testid=table-students] .count')?.textContent ?? '')", "3,000 students again");
    // Scroll through the list as a person would, then let it settle.
    for (let i = 0; i < 20; i++) {
      await driver.script("document.querySelector('.grid-body').scrollTop += 2000");
      await sleep(50);
    }
    await sleep(2000);
    // SHOT=file.png keeps a picture of what was measured (to see that the
    // settings being tried still draw the screen).
    if (process.env.SHOT) await driver.screenshot(process.env.SHOT);
    const appPid = Number(execFileSync("pgrep", ["-n", "-f", application]).toString().trim());
    const procs = tree(appPid);
    const rss = procs.reduce((s, p) => s + kb(p.pid, "Rss"), 0);
    const pss = procs.reduce((s, p) => s + kb(p.pid, "Pss"), 0);
    if (process.env.DETAIL) {
      for (const p of procs) {
        const text = readFileSync(`/proc/${p.pid}/smaps`, "utf8");
        const by = new Map();
        let name = "";
        for (const line of text.split("\n")) {
          const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
          if (head) name = head[1] || "[anon]";
          const m = /^Pss:\s+(\d+)/.exec(line);
          if (m) by.set(name, (by.get(name) ?? 0) + Number(m[1]));
        }
        const top = [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, k]) => `${n.split("/").pop()}=${Math.round(k / 1024)}MB`);
        console.log(`  ${p.comm}: ${top.join(" ")}`);
      }
    }
    memory = { listMs, sortMs, searchMs, rss, pss, procs: procs.map((p) => `${p.comm}:${Math.round(kb(p.pid, "Pss") / 1024)}MB`).join(" ") };
  }
  await driver.quit();
  await sleep(1000);
}
driverProcess.kill();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`launch to interactive login (app's own clock), ms: ${launches.join(" ")}  median ${median(launches)}  target <= 1500`);
console.log(`WebDriver session request to login form, ms:   ${walls.join(" ")}  median ${median(walls)}`);
console.log(`open Students (3,000 rows) after login, ms:    ${memory.listMs}`);
console.log(`sort them by name (twice: descending), ms:     ${memory.sortMs}`);
console.log(`search "Nomor 2999" to one row, ms:            ${memory.searchMs}`);
console.log(`process tree after the 3,000-student list: RSS ${Math.round(memory.rss / 1024)} MB, PSS ${Math.round(memory.pss / 1024)} MB  target <= 250 MB`);
console.log(`  per process (PSS): ${memory.procs}`);
process.exit(0);
