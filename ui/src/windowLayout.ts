// Remembers the window's size, position and maximised state in the
// UI-local store, and puts the window back there on the next start.
import { getCurrentWindow, LogicalPosition, LogicalSize } from "@tauri-apps/api/window";
import { local } from "./local";

interface Layout {
  width: number;
  height: number;
  x: number;
  y: number;
  maximized: boolean;
}

export async function rememberWindowLayout(): Promise<void> {
  if (!("__TAURI_INTERNALS__" in window)) return;
  const win = getCurrentWindow();
  const store = await local();
  const saved = await store.getPref<Layout>("window");
  if (saved && saved.width >= 640 && saved.height >= 480) {
    await win.setSize(new LogicalSize(saved.width, saved.height));
    await win.setPosition(new LogicalPosition(saved.x, saved.y));
    if (saved.maximized) await win.maximize();
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const factor = await win.scaleFactor();
      const size = (await win.innerSize()).toLogical(factor);
      const position = (await win.outerPosition()).toLogical(factor);
      await store.putPref("window", { width: size.width, height: size.height, x: position.x, y: position.y, maximized: await win.isMaximized() });
    }, 500);
  };
  await win.onResized(save);
  await win.onMoved(save);
}
