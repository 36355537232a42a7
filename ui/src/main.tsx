import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "./styles.css";
import { rememberWindowLayout } from "./windowLayout";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

rememberWindowLayout().catch((e) => console.warn("window layout not restored", e));
