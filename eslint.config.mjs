// ESLint (flat config) with typescript-eslint: `npm run lint`, also a step of `npm test`.
// The import layers are checked by test/architecture.test.ts; this config checks the code itself.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**', 'dist/**', 'out/**', 'out-*/**', 'test/vscode/harness/**', 'test/web/harness/**', 'test-results/**', '.vscode-test/**', '.cs/**',
      'test/golden/**', '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,mjs,js}'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
        setInterval: 'readonly', clearInterval: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', __dirname: 'readonly',
        require: 'readonly', module: 'writable', performance: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly', fetch: 'readonly', AbortController: 'readonly',
      },
    },
    rules: {
      // Unused code is an error, except parameters and variables named to say so (`_event`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `catch {}` must say why it swallows: a comment inside is required (no-empty allows it).
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
      'no-var': 'error',
      'no-duplicate-imports': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-require-imports': 'error',
    },
  },
  {
    // TypeScript itself reports undefined names, with the right library for each part.
    files: ['**/*.ts'],
    rules: { 'no-undef': 'off' },
  },
  {
    // The webview runs in a browser.
    files: ['webview/**/*.ts'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', Worker: 'readonly', Blob: 'readonly', Image: 'readonly', CSS: 'readonly', HTMLElement: 'readonly', Element: 'readonly', MessageEvent: 'readonly', getComputedStyle: 'readonly', requestAnimationFrame: 'readonly', atob: 'readonly', btoa: 'readonly', fetch: 'readonly', DOMParser: 'readonly', MutationObserver: 'readonly', ResizeObserver: 'readonly' } },
  },
  {
    // Plain CommonJS: the CLI's launcher and the activation probe VS Code loads.
    files: ['bin/**/*.js', 'bench/vscode/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { exports: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Test runners drive pages: code inside page.evaluate runs in the browser.
    files: ['test/**/*.mjs'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', getComputedStyle: 'readonly', requestAnimationFrame: 'readonly', CSS: 'readonly', XMLSerializer: 'readonly', Image: 'readonly', HTMLElement: 'readonly', MouseEvent: 'readonly', KeyboardEvent: 'readonly' } },
  },
  {
    // Tests use mocha's globals and may require lazily.
    files: ['test/**/*.{ts,mjs}', 'bench/**/*.{ts,mjs}'],
    languageOptions: { globals: { describe: 'readonly', it: 'readonly', before: 'readonly', after: 'readonly', beforeEach: 'readonly', afterEach: 'readonly' } },
    // Tests of the output boundary match control characters on purpose.
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-control-regex': 'off' },
  },
);
