import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'ui/dist/**', 'var/**', 'coverage/**', '.tap/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/require-await': 'off',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // tap's t.test() returns a promise that tap itself tracks; the rule stays on for everything else.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', name: ['test', 'only'], package: 'tap' }, { from: 'package', name: ['test', 'only'], package: '@tapjs/test' }, { from: 'package', name: ['test', 'only'], package: '@tapjs/core' }] }],
    },
  },
  {
    // The dashboard shares the API's types with the hub, never its code: a value import would put hub code in the bundle.
    files: ['ui/src/**/*.ts', 'ui/src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/hub/api/contract/*'], allowTypeImports: true, message: 'take only types from the API contract (import type, export type), never its code' },
            { group: ['**/hub/**', '!**/hub/api/contract/*'], message: 'the dashboard uses only the hub\'s API contract (hub/api/contract), and only its types' },
          ],
        },
      ],
    },
  },
  {
    files: ['bench/**/*.ts', 'hub/cli/**/*.ts', 'models/**/*.ts', 'drivers/**/tools/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
