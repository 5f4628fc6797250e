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
  'libsql',
  'ws'
]
const mainOnlyPatterns = ['@prisma/*', '@libsql/*', 'node:*', 'electron-log/*', '**/main/**', '**/generated/**']

/**
 * The runtime boundaries, enforced rather than documented (architecture.md):
 * - src/shared is pure TypeScript: no Electron, no Node, no main-only libraries.
 * - the renderer gets none of those either; it talks to main only through the typed bridge.
 * - main-process services do not import Electron; only src/main/electron/ and the composition root do.
 */
const electronPath = {
  name: 'electron',
  message: 'Only src/main/electron/ and src/main/index.ts import Electron; inject what a service needs.',
  allowTypeImports: true
}
/** Sending is always a person's click: only the outbox reaches Upwork's write operations. */
const sendMessage =
  'Only src/main/outbox/ may import Upwork write operations: no scheduler, poller or AI code can reach a send. Use the outbox module the composition root gives you.'
// A regex, not a glob: `operations//writes` and `./writes/../writes` resolve to the same module.
const sendRegex = '(^|/)(operations/+)?writes(/|$)'
const sendPattern = { regex: sendRegex, message: sendMessage, allowTypeImports: true }
/** Clients and tokens are built inside upwork/ only; other code gets `reads` or (the outbox) `writes` from the root. */
const upworkInternalsPattern = {
  group: ['**/upwork/graphql-client', '**/upwork/token-manager', '**/upwork/token-client', '**/upwork/client-stack'],
  message:
    'Only src/main/upwork/ builds Upwork clients or holds tokens. Readers get the read-only client (upworkStack.reads) and the outbox the write client from the composition root.',
  allowTypeImports: true
}
/** What only the composition root may build, besides upwork/ itself. */
const upworkInternalsClientsPattern = {
  ...upworkInternalsPattern,
  group: upworkInternalsPattern.group.filter((g) => !g.endsWith('/client-stack'))
}
/** The composition root sits above every domain; base types (AppError, TypedEmitter, DomainModule) are in src/main/core/. */
const appPattern = {
  group: ['**/app/*', '**/main/app'],
  message: 'Domains and adapters never import the composition root (src/main/app/); base types live in src/main/core/.'
}

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
  // Main-process layers point one way (src/main/README.md): core → adapters → domains → app/
  // (the composition root). Later blocks replace earlier ones for the same files, so each block
  // lists every restriction its files have.
  {
    // Everything that runs code: no Upwork write outside the outbox.
    files: ['src/main/**/*.ts', 'tools/**/*.ts', 'bench/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.{js,mjs,ts}'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [sendPattern] }] }
  },
  {
    // Domains and adapters: no Electron, no composition root, no Upwork write.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [electronPath], patterns: [sendPattern, appPattern, upworkInternalsPattern] }] }
  },
  {
    // The composition root builds the one Upwork client stack (upwork/client-stack.ts) and hands
    // its reads to readers and its writes to the outbox; it may not import a send itself.
    files: ['src/main/app/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [electronPath], patterns: [sendPattern, upworkInternalsClientsPattern] }] }
  },
  {
    // import() is not an import declaration, so the rules above do not see it: refuse a dynamic
    // import of a send or of a client-building module, and any import() whose path is computed.
    files: ['src/main/**/*.ts', 'tools/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src/main/outbox/**', 'src/main/upwork/**', '**/test-support/**', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `ImportExpression[source.value=/${sendRegex.replace(/\//g, '\\/')}|upwork\\/(graphql-client|token-manager|token-client|client-stack)/]`, message: sendMessage },
        { selector: "ImportExpression[source.type!='Literal']", message: 'import() with a computed path cannot be checked by lint: import a fixed module.' }
      ]
    }
  },
  {
    // The outbox, and the write operations themselves: the only code that may reach a send.
    files: ['src/main/outbox/**/*.ts', 'src/main/upwork/operations/writes/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [electronPath], patterns: [appPattern, upworkInternalsPattern] }] }
  },
  {
    files: ['src/main/electron/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [sendPattern, appPattern, upworkInternalsPattern] }] }
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
  },
  {
    // i18n: every string a user sees goes through t() (src/shared/i18n, English and Ukrainian).
    // Renderer JSX may not hold words as text or as user-visible attribute literals. Repeats the
    // untrusted-HTML selector because a later no-restricted-syntax replaces the earlier one.
    files: ['src/renderer/**/*.tsx'],
    ignores: ['**/*.test.tsx', '**/test-support/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Job posts, messages and drafts are untrusted: render them as text.' },
        { selector: 'JSXText[value=/\\p{L}/u]', message: 'Words on screen go through t() (src/shared/i18n), in English and Ukrainian.' },
        {
          selector: "JSXAttribute[name.name=/^(aria-label|aria-description|title|placeholder|alt|label)$/] > Literal[value=/\\p{L}/u]",
          message: 'Words on screen go through t() (src/shared/i18n), in English and Ukrainian.'
        }
      ]
    }
  }
)
