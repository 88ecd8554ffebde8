// @ts-check
// `npm run lint`: typescript-eslint's type-aware rules over the package, the tests and the
// benchmarks; formatting is prettier's (`npm run format`), so no stylistic rules here.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // The consumer projects are users' projects, linted by nobody: the suite runs them against the packed tarball.
  { ignores: ['dist/', 'reports/', 'node_modules/', '**/node_modules/', '.stryker-tmp/', 'properties/consumers/*/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Times, counts and indices are numbers, written into messages all the time.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `const { dropped, ...rest } = value` is the standard way to copy an object without a key:
      // the dropped key is unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  // The .mjs files are Node scripts (the minimal driver, Stryker's config).
  { files: ['**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  prettier,
);
