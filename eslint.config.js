import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A statement that reads or writes one of the store's tables, as an esquery regular expression. */
const STORE_TABLE_SQL = String.raw`/\b(from|join|into|update)\s+(series|sample|rollup|waveform_block)\b/i`;

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
    files: ['bench/**/*.ts', 'hub/cli/**/*.ts', 'models/**/*.ts', 'drivers/**/tools/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The store owns its tables: everything else reads series, samples and rollups through StoreQuery.
    files: ['hub/**/*.ts', 'drivers/**/*.ts', 'core/**/*.ts', 'ui/**/*.ts', 'ui/**/*.tsx'],
    ignores: ['hub/store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['Literal', 'TemplateElement'].map((node) => ({
          selector: `${node}[${node === 'Literal' ? 'value' : 'value.raw'}=${STORE_TABLE_SQL}]`,
          message: "SQL on the store's tables (series, sample, rollup, waveform_block) belongs in hub/store: add a StoreQuery method.",
        })),
      ],
    },
  },
);
