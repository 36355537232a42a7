// Remembers the window's size, position and maximised state in the
// UI-local store, and puts the window back there on the next start.
import { local } from "./local";
import { inDesktop, moveWindow, onWindowMoved, windowPlace, type WindowPlace } from "./platform";

export async function rememberWindowLayout(): Promise<void> {
  if (!inDesktop()) return;
  const store = await local();
  const saved = await store.getPref<WindowPlace>("window");
  if (saved && saved.width >= 640 && saved.height >= 480) await moveWindow(saved);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await onWindowMoved(() => {
    clearTimeout(timer);
    timer = setTimeout(async () => store.putPref("window", await windowPlace()), 500);
  });
}
