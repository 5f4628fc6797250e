import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const mainOnlyLibraries = [
  'keytar',
  'openai',
  'node-cron',
  'electron-store',
  'electron-log',
  'conf',
  'better-sqlite3',
  'ws'
]
const mainOnlyPatterns = ['@prisma/*', '@libsql/*', 'node:*', 'electron-log/*', '**/main/**', '**/generated/**']

/**
 * The runtime boundaries, enforced rather than documented (architecture.md):
 * - src/shared is pure TypeScript: no Electron, no Node, no main-only libraries.
 * - the renderer gets none of those either; it talks to main only through the typed bridge.
 * - main-process services do not import Electron; only src/main/electron/ and the composition root do.
 */
const restrict = (names, patterns, message) => [
  'error',
  {
    paths: names.map((name) => ({ name, message })),
    patterns: [{ group: patterns, message }]
  }
]

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'src/main/db/generated/**', 'coverage/**', 'test-results/**', 'playwright-report/**']
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Job posts, messages and drafts are untrusted: render them as text.' }
      ]
    }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        ['electron', 'react', 'zustand', ...mainOnlyLibraries],
        [...mainOnlyPatterns, '**/renderer/**', '**/preload/**'],
        'src/shared is pure TypeScript shared by every runtime.'
      )
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': restrict(
        ['electron', ...mainOnlyLibraries],
        [...mainOnlyPatterns, '**/preload/**'],
        'The renderer reaches main only through the typed bridge (src/renderer/src/api.ts).'
      )
    }
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only src/main/electron/ and src/main/index.ts import Electron; inject what a service needs.', allowTypeImports: true }]
        }
      ]
    }
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*.ts', 'tools/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' }
  },
  {
    // The test kit (src/main/test-support, and each domain's test-support) is for tests only:
    // production code, the harness included, never imports it. A separate rule name from the
    // blocks above, so it adds to their restrictions instead of replacing them.
    files: ['src/**/*.{ts,tsx}', 'tools/harness/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/test-support', '**/test-support/**'], message: 'test-support is for tests; production code must not import it.' }] }
      ]
    }
  }
)
