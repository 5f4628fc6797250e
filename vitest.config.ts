import { resolve } from 'node:path'
import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@shared': resolve('src/shared'), '@renderer': resolve('src/renderer/src') } },
  esbuild: { jsx: 'automatic' },
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // expect.poll waits for asynchronous work to show; its 1-s default is too short on two busy cores.
    expect: { poll: { timeout: 10_000 } },
    // Tests share one OS keychain and spawn servers; two cores here, so keep parallelism modest.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'tools/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'src/renderer/**'],
          environment: 'node'
        }
      },
      {
        // Renderer component tests: a DOM (happy-dom), Testing Library, and a fake contract client.
        extends: true,
        test: {
          name: 'renderer',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['src/renderer/src/test-support/setup.ts']
        }
      }
    ]
  }
})
