import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { LAYERS } from './eslint-layers.js';

const root = import.meta.dirname;
const dir = (path) => `./${path.replace(/\/$/, '')}`;
const shown = (paths) => paths.map((p) => `${p}/`).join(', ');

/** Each layer of eslint-layers.js as a zone of import-x/no-restricted-paths, checked on resolved paths. */
function layerZones() {
  return LAYERS.flatMap((layer) => {
    if ('allowed' in layer) {
      return [{ target: dir(layer.folder), from: './', except: [...layer.allowed.map(dir), './node_modules'], message: `${layer.folder}/ may import only ${shown(layer.allowed)} (eslint-layers.js).` }];
    }
    if ('folders' in layer) {
      return [{ target: layer.folders.map(dir), from: layer.forbidden.map(dir), message: `${shown(layer.folders)} may not import ${shown(layer.forbidden)} (eslint-layers.js).` }];
    }
    return [];
  });
}

/**
 * Type-only layers: import-x cannot tell `import type` apart, typescript-eslint's rule can. It sees
 * the import as written, so it matches a relative path climbing to the forbidden top-level folder.
 */
function typeOnlyLayers() {
  return LAYERS.filter((layer) => 'typesOnly' in layer).map((layer) => ({
    files: [`${layer.folder}/**/*.ts`, `${layer.folder}/**/*.tsx`],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          ...layer.typesOnly.map((folder) => ({
            regex: `^(\\.\\./)+${folder}(/|$)`,
            allowTypeImports: true,
            message: `${layer.folder}/ may import ${folder}/ for its types only (eslint-layers.js).`,
          })),
          {
            regex: `^(\\.\\./)+${layer.within}/(?!(${layer.typesOnly.map((f) => f.slice(layer.within.length + 1)).join('|')})(/|$))`,
            message: `${layer.folder}/ may import from ${layer.within}/ only the types of ${shown(layer.typesOnly)} (eslint-layers.js).`,
          },
        ],
      }],
    },
  }));
}

const layered = LAYERS.flatMap((layer) => ('allowed' in layer ? [layer.folder] : 'folders' in layer ? layer.folders : []));

/** A statement that reads or writes one of the store's tables, as an esquery regular expression. */
const STORE_TABLE_SQL = String.raw`/\b(from|join|into|update)\s+(series|sample|rollup|waveform_block|device_event)\b/i`;

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'ui/dist/**', 'var/**', 'coverage/**', '.tap/**', 'eslint.config.js', 'eslint-layers.js'] },
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
    // Property tests run with one printed seed that HEARTH_FC_SEED replays (test/helpers/property-seed.ts).
    files: ['test/**/*.ts'],
    ignores: ['test/helpers/property-seed.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'fc', property: 'assert', message: 'Run properties through assertProperty (test/helpers/property-seed.ts): it prints the seed and takes HEARTH_FC_SEED.' }],
    },
  },
  {
    files: ['bench/**/*.ts', 'hub/cli/**/*.ts', 'models/**/*.ts', 'drivers/**/tools/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Only the layered folders: resolving every import of every file would cost for nothing.
    files: layered.map((folder) => `${folder}/**/*.ts`),
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}/tsconfig.json` })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layerZones() }],
    },
  },
  ...typeOnlyLayers(),
  {
    // The runtime's telemetry must be off before its native library loads: one door to it.
    files: ['**/*.ts'],
    ignores: ['hub/inference/onnx-runtime.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'onnxruntime-node', message: 'Load the ONNX runtime through hub/inference/onnx-runtime.ts, which turns its telemetry off first.' }] }],
    },
  },
  {
    // The store owns its tables: everything else reads series, samples and rollups through StoreQuery.
    // One rule for both checks: a later block's options would replace an earlier one's.
    files: ['hub/**/*.ts', 'drivers/**/*.ts', 'core/**/*.ts', 'ui/**/*.ts', 'ui/**/*.tsx'],
    ignores: ['hub/store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        // The layer rule reads import statements; a type written as import('…') would slip past it.
        { selector: 'TSImportType', message: 'Import the type with `import type` at the top, where the layer rule sees it (eslint-layers.js).' },
        ...['Literal', 'TemplateElement'].map((node) => ({
          selector: `${node}[${node === 'Literal' ? 'value' : 'value.raw'}=${STORE_TABLE_SQL}]`,
          message: "SQL on the store's tables (series, sample, rollup, waveform_block, device_event) belongs in hub/store: add a StoreQuery method.",
        })),
      ],
    },
  },
);
