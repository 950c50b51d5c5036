import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const consumersStayOffTheApi = {
  target: ['alerts', 'inference', 'mqtt', 'relay', 'observability', 'backup', 'export', 'household', 'accounts', 'sources', 'scheduler'].map((part) => `hub/${part}`),
  from: 'hub/api',
  message: 'Parts reach the API through the hub context (hub/services), never by importing hub/api.',
};

const consumerLayer = {
  name: 'hearth/consumer-layer',
  files: ['hub/**/*.ts'],
  plugins: { 'import-x': importX },
  settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${import.meta.dirname}/tsconfig.json` })] },
  rules: { 'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: [consumersStayOffTheApi] }] },
};

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
  consumerLayer,
);
