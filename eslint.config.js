import js from '@eslint/js';
import checkFile from 'eslint-plugin-check-file';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Code flows one way: shared → (data, model, state, training, analysis) → components → features → app.
// Model, data, training, state, lessons and shared code never import React or the page.
const noUi = {
  patterns: [
    {
      group: ['react', 'react-dom', 'react-dom/*', 'recharts'],
      message: 'Model, data, training, state and shared code stay free of UI libraries.',
    },
    { group: ['**/app/*', '**/features/*', '**/features/**'], message: 'Lower layers must not import features or the app.' },
  ],
};

// A feature reaches a sibling either as `../other/…` or through the features root, `../../features/other/…`.
const featureImports = {
  patterns: [
    { regex: '^\\.\\./(?!\\.\\.)[^/]+/', message: 'Features do not import each other; compose them in src/app.' },
    {
      regex: '(^|/)features/',
      message: 'Features do not import each other; compose them in src/app (a feature imports its own files with ./).',
    },
    { group: ['**/app/*'], message: 'Features take data from the app as props.' },
  ],
};

const KEBAB = '+([a-z])*([a-z0-9])*(-+([a-z0-9]))';

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'node_modules/', 'public/', 'test-results/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // No import cycles: each module can be read, tested and moved with what it imports only.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    // Names (CONVENTIONS.md #10): kebab-case files, PascalCase component files, hooks use-*.ts, workers *.worker.ts.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main.tsx'],
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/filename-naming-convention': ['error', { 'src/**/*.ts': `${KEBAB}?(.worker)`, 'src/**/*.tsx': 'PASCAL_CASE' }],
      'check-file/folder-naming-convention': ['error', { 'src/**/': 'KEBAB_CASE' }],
      'check-file/no-index': 'error',
    },
  },
  {
    // Tests are named after their subject: kebab-case, then .test, .e2e or .d.
    files: ['tests/**/*.{ts,tsx}'],
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/filename-naming-convention': ['error', { 'tests/**/*.{ts,tsx}': KEBAB }, { ignoreMiddleExtensions: true }],
      'check-file/folder-naming-convention': ['error', { 'tests/**/': 'KEBAB_CASE' }],
    },
  },
  {
    files: [
      'src/model/**',
      'src/data/**',
      'src/training/**',
      'src/state/**',
      'src/shared/**',
      'src/analysis/**',
      'src/history/**',
      'src/linalg/**',
      'src/lessons/**',
    ],
    rules: { 'no-restricted-imports': ['error', noUi] },
  },
  {
    // Shared UI pieces (a row of digits, a chart) know no feature and no app.
    files: ['src/components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/features/*', '**/features/**', '**/app/*'],
              message: 'Components take data as props; they know no feature or app.',
            },
          ],
        },
      ],
    },
  },
  {
    // A feature may use shared code and lower layers, never another feature.
    files: ['src/features/**'],
    rules: { 'no-restricted-imports': ['error', featureImports] },
  },
  {
    files: ['scripts/**/*.mjs', 'tests/**', 'bench/**/*.mjs', '*.config.*', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The benchmark driver also sends functions into the page (page.evaluate).
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
