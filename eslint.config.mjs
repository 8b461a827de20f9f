// Lint rules: typescript-eslint's type-checked recommendations, no import loops, imports only
// down the layers (docs/architecture.md), and no hidden randomness, clock or file access inside
// the model and the statistics, whose results must depend on their inputs alone.
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The folders of src/ from the ground up. A folder may import from folders of a lower rank only;
 * folders of the same rank do not import each other.
 */
const LAYERS = [
  ['format', 'files', 'stats'],
  ['scenario'],
  ['model'],
  ['montecarlo'],
  ['analysis', 'queue'],
  ['observed', 'discovery', 'sensitivity'],
  ['thesis', 'calibration'],
  ['report'],
  ['cli', 'bench'],
];

const rank = new Map(LAYERS.flatMap((folders, r) => folders.map((f) => [f, r])));

/** For each folder, the folders it must not import from: those of its own rank or above. */
const zones = LAYERS.flatMap((folders, r) =>
  folders.map((target) => ({
    target: `./src/${target}`,
    from: [...rank].filter(([f, fr]) => f !== target && fr >= r).map(([f]) => `./src/${f}`),
    message: `src/${target} is in layer ${r} of docs/architecture.md and may import only from lower layers`,
  })),
);

const noHiddenInputs = {
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Draw from the run’s seeded streams (model/random.ts).' },
    { object: 'Date', property: 'now', message: 'The model has no clock: results depend on the scenario and seed only.' },
    { object: 'performance', property: 'now', message: 'The model has no clock: results depend on the scenario and seed only.' },
  ],
  'no-restricted-globals': ['error', { name: 'Date', message: 'The model has no clock: results depend on the scenario and seed only.' }],
  'no-restricted-imports': ['error', { patterns: [{ regex: '^(node:)?fs(/promises)?$', message: 'The model and the statistics read and write no files.' }] }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'coverage/**'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { project: './tsconfig.check.json', tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.check.json' })],
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones }] },
  },
  { files: ['src/model/**/*.ts', 'src/stats/**/*.ts'], rules: noHiddenInputs },
  {
    // Tests read fixtures and parse JSON without declaring every shape; the type-checked rules
    // about `any` would only add casts there.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
