import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Code flows one way: shared → (data, model, state, training, analysis) → components → features → app.
// Model, data, training, state and shared code never import React or the page.
const noUi = {
  patterns: [
    { group: ['react', 'react-dom', 'react-dom/*', 'recharts'], message: 'Model, data, training, state and shared code stay free of UI libraries.' },
    { group: ['**/app/*', '**/features/*', '**/features/**'], message: 'Lower layers must not import features or the app.' },
  ],
};

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
    files: ['src/model/**', 'src/data/**', 'src/training/**', 'src/state/**', 'src/shared/**', 'src/analysis/**'],
    rules: { 'no-restricted-imports': ['error', noUi] },
  },
  {
    // Shared UI pieces (a row of digits, a chart) know no feature and no app.
    files: ['src/components/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/features/*', '**/features/**', '**/app/*'], message: 'Components take data as props; they know no feature or app.' }] }] },
  },
  {
    // A feature may use shared code and lower layers, never another feature.
    files: ['src/features/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./(?!\\.\\.)[^/]+/', message: 'Features do not import each other; compose them in src/app.' }, { group: ['**/app/*'], message: 'Features take data from the app as props.' }] },
      ],
    },
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
