// ESLint (flat config) with typescript-eslint. Type-aware rules are chosen for the bugs they catch (a promise
// nobody awaits, a promise where a boolean belongs, `await` on a non-promise, a cast that changes nothing, a
// switch that misses a case), not for style: Prettier owns the layout, `tsc --noUnused*` the unused names.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["dist/", "node_modules/", "out/", "reports/", "models/", "runs/", "notebooks/", "data/", "**/*.mjs"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Promises: each of these has hidden a real failure somewhere (an unhandled rejection, an always-true check).
      "@typescript-eslint/no-floating-promises": [
        "error",
        // node:test's test() and describe() return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: "package", package: "node:test", name: ["test", "describe", "it", "suite"] },
          ],
        },
      ],
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/return-await": ["error", "in-try-catch"],
      "@typescript-eslint/prefer-promise-reject-errors": "error",
      "@typescript-eslint/only-throw-error": "error",
      // Types that say less than they seem to.
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
      "@typescript-eslint/no-base-to-string": "error",
      "@typescript-eslint/restrict-plus-operands": "error",
      "@typescript-eslint/no-for-in-array": "error",
      "@typescript-eslint/no-array-delete": "error",
      "@typescript-eslint/no-duplicate-type-constituents": "error",
      "@typescript-eslint/no-redundant-type-constituents": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-implied-eval": "error",
      // tsc reports unused names (noUnusedLocals/Parameters); `_name` marks one kept on purpose.
      "@typescript-eslint/no-unused-vars": "off",
      // CommonJS `require` is how optional or lazily loaded modules come in (tfjs-node, a pool's worker module).
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    // Tests reach into results on purpose (`x!` after an assertion that it exists).
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
