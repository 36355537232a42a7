// A small W3C WebDriver client (fetch only), enough to drive the Tauri
// window through tauri-driver: sessions, finding, clicking, typing, scripts
// and screenshots.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecc";

export class Driver {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application, timeoutMs = 60000) {
    const deadline = Date.now() + timeoutMs;
    let lastError;
    while (Date.now() < deadline) {
      try {
        const value = await call(base, "POST", "/session", {
          capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application } } },
        });
        return new Driver(base, value.sessionId);
      } catch (e) {
        lastError = e;
        await sleep(500);
      }
    }
    throw new Error(`could not start a WebDriver session: ${lastError}`);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async quit() {
    await this.cmd("DELETE", "").catch(() => {});
  }

  /** Waits for an element matching `css` (visible or not). */
  async find(css, timeoutMs = 20000) {
    const deadline = Date.now() + timeoutMs;
    let lastError;
    while (Date.now() < deadline) {
      try {
        const value = await this.cmd("POST", "/element", { using: "css selector", value: css });
        return value[ELEMENT] ?? Object.values(value)[0];
      } catch (e) {
        lastError = e;
        await sleep(150);
      }
    }
    throw new Error(`no element ${css} after ${timeoutMs} ms: ${lastError}`);
  }

  async findAll(css) {
    const value = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return value.map((v) => v[ELEMENT] ?? Object.values(v)[0]);
  }

  async click(css) {
    const el = await this.find(css);
    await this.cmd("POST", `/element/${el}/click`, {});
  }

  async type(css, text) {
    const el = await this.find(css);
    await this.cmd("POST", `/element/${el}/clear`, {}).catch(() => {});
    await this.cmd("POST", `/element/${el}/value`, { text });
  }

  /** The text of the first element matching `css`, once there is one. */
  async text(css) {
    await this.find(css);
    const text = await this.script("return document.querySelector(arguments[0]).textContent", css);
    return text.replace(/\s+/g, " ").trim();
  }

  async script(source, ...args) {
    return this.cmd("POST", "/execute/sync", { script: source, args });
  }

  /** Runs `source` in the page with a callback as its last argument; answers
   * what the page passes to it. */
  async asyncScript(source, ...args) {
    return this.cmd("POST", "/execute/async", { script: source, args });
  }

  /** Waits until `predicate` (run in the page) returns true. */
  async until(source, what, timeoutMs = 20000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await this.script(source).catch(() => false)) return;
      await sleep(150);
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  /** Sets the window's outer size (the page's inner size is logged by the
   * stories that need it). */
  async setWindowSize(width, height) {
    await this.cmd("POST", "/window/rect", { width, height });
  }

  /** Presses keys (WebDriver key codes, e.g. "\uE015" for ArrowDown) on the
   * element that has focus. */
  async press(...keys) {
    const actions = keys.flatMap((value) => [
      { type: "keyDown", value },
      { type: "keyUp", value },
    ]);
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
    await this.cmd("DELETE", "/actions").catch(() => {});
  }

  async screenshot(path) {
    await sleep(1000);
    const png = await this.cmd("GET", "/screenshot");
    writeFileSync(path, Buffer.from(png, "base64"));
  }
}

async function call(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok || (json.value && json.value.error)) {
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json.value ?? json).slice(0, 300)}`);
  }
  return json.value;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts tauri-driver on WEBDRIVER_PORT (4444 unless set; its native
 * WebKitWebDriver on the next port), so two runs can share a machine.
 * Refuses a port where a WebDriver server already answers: a driver left
 * over from another run would start the app with that run's HOME. */
export async function startTauriDriver(stdio = ["ignore", "inherit", "inherit"]) {
  const port = Number(process.env.WEBDRIVER_PORT ?? 4444);
  const base = `http://127.0.0.1:${port}`;
  const taken = await fetch(`${base}/status`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`a WebDriver server already answers on port ${port} (left over from another run?); stop it or set WEBDRIVER_PORT`);
  const child = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], { stdio });
  return { child, base };
}

/** Ends a story: on failure logs why and keeps a screenshot of the window;
 * then closes the app and the driver and exits 0 (passed) or 1. */
export async function endStory({ driver, driverProcess, log, failureShot, passed }, error) {
  if (error) {
    log(`FAILED: ${error.stack ?? error}`);
    if (driver) await driver.screenshot(failureShot).catch(() => {});
  } else {
    log(passed);
  }
  if (driver) await driver.quit();
  driverProcess.kill();
  process.exit(error ? 1 : 0);
}
