import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const alias = { '@shared': resolve('src/shared') }

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      externalizeDeps: true,
      // db-worker: the database worker thread's entry (src/main/db/worker/database-worker.ts finds it beside index.js);
      // prediction-worker: the success model's training thread (src/main/prediction/worker/train-runner.ts finds it the same way).
      rollupOptions: { input: { index: resolve('src/main/index.ts'), 'db-worker': resolve('src/main/db/worker/db-worker.ts'), 'prediction-worker': resolve('src/main/prediction/worker/train-worker.ts') } }
    }
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload cannot load npm modules or ES modules: bundle everything into one CJS file.
      externalizeDeps: false,
      // The contract's zod schemas come along (channel names are derived from them); keep it small.
      minify: true,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    resolve: { alias: { ...alias, '@renderer': resolve('src/renderer/src') } },
    plugins: [react()],
    build: {
      // electron-vite leaves output unminified; the renderer is parsed at every start, so minify it.
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } }
    }
  }
})
