// ESLint with typescript-eslint's type-aware rules: a promise nobody awaits, or one handed where
// a callback's result is ignored, is an error. Formatting is Prettier's job (.prettierrc.json).
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "dist/", "demo/", "node_modules/", "test/artifacts/", "test/fixtures/", "types/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ["vitest.config.ts"] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      // Adapters implement Promise-returning ports with synchronous work.
      "@typescript-eslint/require-await": "off",
      // Interfaces declare their callbacks as methods; the implementations are closures.
      "@typescript-eslint/unbound-method": "off",
      // XML text and terminal output are checked for control characters on purpose.
      "no-control-regex": "off",
      // `_name` drops a field on purpose (`const { version: _version, ...rest } = r`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // The fake Excel host models Office.js's untyped proxies and throws formula error values as Excel does.
    files: ["test/fake-excel/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/only-throw-error": "off",
    },
  },
  { files: ["**/*.js", "**/*.mjs"], extends: [tseslint.configs.disableTypeChecked], languageOptions: { globals: globals.node } },
);
