import "@testing-library/jest-dom/vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach } from "vitest";
import { resetLocal } from "../local";

beforeEach(() => resetLocal());
afterEach(() => {
  cleanup();
  clearMocks();
});
