// The one seam between the page and Tauri: the only module that imports
// `@tauri-apps/*` (ESLint refuses it anywhere else). Commands (the
// generated `bindings.ts` calls `invoke` and `invokeWithBytes` from here),
// the native save dialog, and the window's place on the screen.
import { invoke as tauriInvoke } from "@tauri-apps/api/core";
import { getCurrentWindow, LogicalPosition, LogicalSize } from "@tauri-apps/api/window";
import { open, save } from "@tauri-apps/plugin-dialog";

/** Calls a shell command with JSON arguments. */
export function invoke<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  return tauriInvoke<T>(command, args);
}

/** Calls a shell command whose bytes travel as the raw IPC body (not a
 * JSON array of numbers); its other arguments go as JSON in a header. */
export function invokeWithBytes<T>(command: string, bytes: Uint8Array, args: Record<string, unknown>): Promise<T> {
  return tauriInvoke<T>(command, bytes, { headers: { "schooldesk-args": JSON.stringify(args) } });
}

/** The most a command takes as bytes (the shell's `MAX_UPLOAD_BYTES`). */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

/** A chosen file's bytes for `invokeWithBytes`; a file over the limit is
 * refused before it is read into memory, as the shell would refuse it. */
export async function readUpload(file: File): Promise<Uint8Array> {
  if (file.size > MAX_UPLOAD_BYTES) {
    const mb = (n: number) => Math.floor(n / (1024 * 1024));
    throw {
      kind: "invalid",
      message: `the file is ${mb(file.size)} MB; at most ${mb(MAX_UPLOAD_BYTES)} MB can be sent`,
      fields: [],
      rows: [],
      conflict: null,
    };
  }
  return new Uint8Array(await file.arrayBuffer());
}

/** Is the page in the desktop app's window (not a test or a browser)? */
export function inDesktop(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

/** Asks where to save a file in the native dialog; null when cancelled. */
export function chooseSavePath(defaultPath: string, filters: { name: string; extensions: string[] }[]): Promise<string | null> {
  return save({ defaultPath, filters });
}

/** Asks for a folder in the native dialog; null when cancelled. */
export async function chooseFolder(defaultPath: string): Promise<string | null> {
  const chosen = await open({ directory: true, multiple: false, defaultPath: defaultPath || undefined });
  return typeof chosen === "string" ? chosen : null;
}

/** Where the window is, in logical pixels. */
export interface WindowPlace {
  width: number;
  height: number;
  x: number;
  y: number;
  maximized: boolean;
}

export async function windowPlace(): Promise<WindowPlace> {
  const win = getCurrentWindow();
  const factor = await win.scaleFactor();
  const size = (await win.innerSize()).toLogical(factor);
  const position = (await win.outerPosition()).toLogical(factor);
  return { width: size.width, height: size.height, x: position.x, y: position.y, maximized: await win.isMaximized() };
}

export async function moveWindow(place: WindowPlace): Promise<void> {
  const win = getCurrentWindow();
  await win.setSize(new LogicalSize(place.width, place.height));
  await win.setPosition(new LogicalPosition(place.x, place.y));
  if (place.maximized) await win.maximize();
}

/** Calls `changed` whenever the window is resized or moved. */
export async function onWindowMoved(changed: () => void): Promise<void> {
  const win = getCurrentWindow();
  await win.onResized(changed);
  await win.onMoved(changed);
}
