// End-to-end, eighth story: the bursar's desk (issue 17, helper "feesui").
// The real app on a new computer with the sample school (which has a fee
// plan: SPP every month, a building fee once): the bursar (bendahara1)
// signs in, bills this month, finds a student, reads their statement,
// takes a cash payment and reads its receipt — on screen and in the PDF,
// with pdftotext — prints it again (the copy says so), types a bad amount
// (refused, naming the field, nothing booked), closes the day after a
// confirmation, sees no Void button and a new payment refused because the
// day is closed, with what was typed kept; the receipt names the cashier by
// name; then the arrears, a bank statement previewed,
// and the administrator's fee plans. Screenshots land in
// target/e2e-screenshots/.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
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
const shot = (name) => driver.screenshot(join(shots, `fees-${String(++step).padStart(2, "0")}-${name}.png`));
const log = (text) => process.stderr.write(`e2e fees: ${text}\n`);
const pdfText = (path) => execFileSync("pdftotext", ["-layout", path, "-"]).toString();

try {
  await sleep(500);
  driver = await Driver.start(base, application);
  await driver.find("[data-testid=wizard]");
  await driver.click("[data-testid=wizard-connect]");
  await driver.find("[data-testid=sample-school]");
  await driver.click("[data-testid=sample-create]");
  await driver.find("[data-testid=sample-logins]", 240000);
  const logins = await driver.script(
    `return [...document.querySelectorAll('[data-testid=sample-logins] tbody tr')].map((r) => [...r.cells].map((c) => c.textContent))`,
  );
  const bursar = logins.find(([login]) => login === "bendahara1");
  assert.ok(bursar, `the sample has the bursar's login: ${logins.map((r) => r[0])}`);
  await driver.click("[data-testid=sample-sign-in]");
  await driver.find("[data-testid=dashboard]");
  await driver.cmd("POST", "/window/rect", { width: 1280, height: 860 });
  await driver.click("[data-testid=logout]");
  await driver.find("[data-testid=login-login]");
  await driver.type("[data-testid=login-login]", bursar[0]);
  await driver.type("[data-testid=login-password]", bursar[3]);
  await driver.click("[data-testid=login-submit]");
  await driver.find("[data-testid=nav-fees]");
  assert.equal(await driver.script(`return !!document.querySelector('[data-testid=nav-timetable]')`), false, "the bursar has no timetable screen");

  // ---- bill this month from the sample's fee plan
  await driver.click("[data-testid=nav-fees]");
  await driver.click("[data-testid=fee-tab-billing]");
  await driver.until(`return /^\\d{4}-\\d{2}$/.test(document.querySelector('[data-testid=fee-period]')?.value ?? '')`, "this month in the field");
  await driver.click("[data-testid=fee-invoice]");
  await driver.until(`return !!document.querySelector('[data-testid=fee-invoice-done], [data-testid=fee-billing] [role=alert]')`, "the month billed", 180000);
  const billed = await driver.text("[data-testid=fee-invoice-done]");
  log(`billed: ${billed}`);
  assert.match(billed, /[1-9]\d* new invoice/, "invoices were made");
  await shot("billed");

  // ---- find a student and read their statement
  await driver.click("[data-testid=fee-tab-desk]");
  await driver.find("[data-testid=fee-search]");
  await driver.click("[data-testid=fee-search-go]");
  await driver.find("[data-testid=fee-student-open]", 30000);
  const name = await driver.text("[data-testid=fee-student-open]");
  await driver.click("[data-testid=fee-student-open]");
  await driver.find("[data-testid=fee-statement]", 30000);
  const owed = await driver.text("[data-testid=fee-total-owed]");
  log(`${name} owes ${owed}`);
  assert.match(owed, /Rp [1-9]/, "the month billed is owed");
  await shot("statement");

  // ---- a bad amount is refused, naming the field; nothing is booked
  await driver.type("[data-testid=fee-amount]", "lima puluh");
  await driver.click("[data-testid=fee-pay-save]");
  await driver.until(`return /Amount: .lima puluh. is not an amount/.test(document.querySelector('[data-testid=fee-pay]').textContent)`, "the amount refused");
  assert.equal(await driver.script(`return document.querySelectorAll('[data-testid=fee-payment]').length`), 0, "nothing booked");
  await shot("bad-amount");

  // ---- a cash payment and its receipt
  await driver.script(`const i = document.querySelector('[data-testid=fee-amount]'); const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set; set.call(i, ''); i.dispatchEvent(new Event('input', { bubbles: true }));`);
  await driver.type("[data-testid=fee-amount]", "150000");
  await driver.type("[data-testid=fee-payer]", "Ibu Wati");
  await driver.click("[data-testid=fee-pay-save]");
  await driver.find("[data-testid=fee-receipt]", 60000);
  const receipt = await driver.text("[data-testid=fee-receipt]");
  log(`receipt on screen: ${receipt.replace(/\s+/g, " ").slice(0, 300)}`);
  const number = /(\d{4}-\d{5})/.exec(receipt)[1];
  assert.match(await driver.text("[data-testid=fee-receipt-total]"), /Rp 150\.000/);
  assert.match(await driver.text("[data-testid=fee-receipt-words]"), /one hundred and fifty thousand rupiah|one hundred fifty thousand rupiah/i);
  await driver.until(`return document.querySelectorAll('[data-testid=fee-payment]').length === 1`, "the payment on the statement");
  await shot("receipt");
  const path = await driver.text("[data-testid=fee-receipt-path]");
  const first = pdfText(path);
  log(`PDF ${path}: ${first.replace(/\s+/g, " ").slice(0, 400)}`);
  assert.ok(first.includes(number), `the PDF has the receipt number ${number}`);
  assert.ok(first.includes(name), `the PDF names ${name}`);
  assert.ok(/150\.000/.test(first), "the PDF has the amount");
  assert.ok(!/COPY/.test(first), "the first print is no copy");
  // The cashier is the bursar by name, not their login (issue 17, item 6).
  assert.ok(first.includes(bursar[1]), `the PDF names the cashier ${bursar[1]}:\n${first.slice(0, 800)}`);
  assert.ok(!first.includes(bursar[0]), `the PDF does not name the login ${bursar[0]}`);

  // ---- printed again: a copy, and the PDF says so
  await driver.click("[data-testid=fee-receipt-reprint]");
  await driver.find("[data-testid=fee-receipt-copy]", 60000);
  const copyPath = await driver.text("[data-testid=fee-receipt-path]");
  assert.notEqual(copyPath, path, "the copy is a file of its own");
  const copy = pdfText(copyPath);
  assert.ok(/COPY/.test(copy), `the reprint says COPY:\n${copy.slice(0, 800)}`);
  await shot("receipt-copy");

  // ---- the day: its cash, closed after a confirmation
  await driver.click("[data-testid=fee-tab-day]");
  await driver.find("[data-testid=fee-day-cash_net]", 30000);
  assert.match(await driver.text("[data-testid=fee-day-cash_net]"), /Rp 150\.000/);
  await driver.click("[data-testid=fee-day-close]");
  await driver.find("[data-testid=fee-day-confirm-text]");
  await shot("close-confirm");
  await driver.click("[data-testid=fee-day-close-confirm]");
  await driver.find("[data-testid=fee-day-closed]", 30000);
  await shot("day-closed");

  // ---- a closed day takes no payment: said in words, what was typed kept
  await driver.click("[data-testid=fee-tab-desk]");
  await driver.click("[data-testid=fee-search-go]");
  await driver.find("[data-testid=fee-student-open]", 30000);
  // The list comes from the cache first and is drawn again when the search
  // answers: a click landing between the two is lost (seen once in CI), so
  // the student is opened until their desk shows.
  await driver.until(
    `const open = document.querySelector('[data-testid=fee-student-open]'); if (open) open.click(); return !!document.querySelector('[data-testid=fee-pay]')`,
    "the student's desk after the day closed",
    30000,
  );
  // Today's desk is closed: the payment can be printed again but not voided.
  await driver.find("[data-testid=fee-desk-closed]", 30000);
  await driver.find("[data-testid=fee-reprint]", 30000);
  assert.equal(await driver.script(`return document.querySelectorAll('[data-testid=fee-void]').length`), 0, "no Void button on a closed day");
  await driver.type("[data-testid=fee-amount]", "25.000");
  await driver.click("[data-testid=fee-pay-save]");
  await driver.find("[data-testid=fee-pay-error]", 30000);
  const refused = await driver.text("[data-testid=fee-pay-error]");
  log(`refused: ${refused}`);
  assert.match(refused, /NOT booked.*closed/);
  assert.equal(await driver.script(`return document.querySelector('[data-testid=fee-amount]').value`), "25.000", "what was typed is kept");
  await shot("closed-day-refused");

  // ---- arrears, and a bank statement previewed (nothing booked before confirming)
  await driver.click("[data-testid=fee-tab-arrears]");
  await driver.find("[data-testid=fee-arrears-sum]", 60000);
  log(`arrears: ${await driver.text("[data-testid=fee-arrears-sum]")}`);
  await shot("arrears");
  const nisn = /NISN (\d{10})/.exec(receipt)[1];
  const statement = join(mkdtempSync(join(tmpdir(), "mutasi-")), "mutasi.csv");
  writeFileSync(
    statement,
    `Tanggal,Keterangan,Cabang,Jumlah,Saldo\n01/11/2026,TRSF E-BANKING CR SPP ${nisn},0000,"150,000.00 CR","1,150,000.00"\n02/11/2026,SETORAN TUNAI HAMBA ALLAH,0061,"500,000.00 CR","1,650,000.00"\n03/11/2026,BIAYA ADM,0000,"10,000.00 DB","1,640,000.00"\n04/11/2026,TRSF CR,0000,"12,50 CR","1,640,012.50"\n`,
  );
  await driver.click("[data-testid=fee-tab-bank]");
  const fileInput = await driver.find("[data-testid=fee-bank-file]");
  await driver.cmd("POST", `/element/${fileInput}/value`, { text: statement });
  await driver.find("[data-testid=fee-bank-lines]", 60000);
  assert.equal(await driver.script(`return document.querySelectorAll('[data-testid=fee-bank-line-sure]').length`), 1, "the NISN line is sure");
  log(`bank preview: ${await driver.text("[data-testid=fee-bank]").then((t) => t.replace(/\s+/g, " ").slice(0, 400))}`);
  await shot("bank-preview");

  // ---- the administrator's fee plans
  const admin = logins.find(([login]) => login === "admin");
  await driver.click("[data-testid=logout]");
  await driver.find("[data-testid=login-login]");
  await driver.type("[data-testid=login-login]", admin[0]);
  await driver.type("[data-testid=login-password]", admin[3]);
  await driver.click("[data-testid=login-submit]");
  await driver.find("[data-testid=nav-fees]");
  await driver.script(`document.querySelector('[data-testid=nav-fees]').click()`);
  await driver.click("[data-testid=fee-tab-plans]");
  await driver.find("[data-testid=fee-item-row]", 30000);
  log(`plans: ${(await driver.text("[data-testid=fee-items]")).replace(/\s+/g, " ")}`);
  await shot("plans");
  await endStory({ driver, driverProcess, log, passed: `passed; screenshots in ${shots}` });
} catch (e) {
  await endStory({ driver, driverProcess, log, failureShot: join(shots, "fees-failure.png") }, e);
}
