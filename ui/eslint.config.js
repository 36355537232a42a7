// ESLint (flat config): the recommended JavaScript and TypeScript rules and
// React's hooks rules over the UI's sources and tests, and one seam:
// only src/platform.ts imports Tauri (tests fake the IPC under it).
// Run by scripts/build-ui.sh (`npm run lint`), so CI runs it.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist", "node_modules", "e2e"] },
  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { patterns: [{ group: ["@tauri-apps/*"], message: "Reach Tauri through src/platform.ts, the UI's one platform seam." }] }],
    },
  },
  {
    files: ["src/platform.ts", "src/test/**"],
    rules: { "no-restricted-imports": "off" },
  },
);
