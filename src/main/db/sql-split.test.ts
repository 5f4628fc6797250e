import { describe, expect, it } from 'vitest'
import { splitSqlStatements } from './sql-split'

describe('splitSqlStatements', () => {
  it('splits on semicolons and drops comment-only and empty statements', () => {
    const sql = `-- CreateTable\nCREATE TABLE "A" ("x" TEXT);\n\n-- CreateIndex\nCREATE INDEX "A_x_idx" ON "A"("x");\n-- trailing comment\n;`
    expect(splitSqlStatements(sql)).toEqual(['-- CreateTable\nCREATE TABLE "A" ("x" TEXT)', '-- CreateIndex\nCREATE INDEX "A_x_idx" ON "A"("x")'])
  })

  it('keeps semicolons inside strings, quoted identifiers and comments', () => {
    const sql = `INSERT INTO "a;b" VALUES ('x;y', 'it''s; fine', [c;d], \`e;f\`); /* a ; b */ SELECT 1 -- ; here\n; SELECT 2`
    expect(splitSqlStatements(sql)).toEqual([
      `INSERT INTO "a;b" VALUES ('x;y', 'it''s; fine', [c;d], \`e;f\`)`,
      '/* a ; b */ SELECT 1 -- ; here',
      'SELECT 2'
    ])
  })

  it('keeps a trigger body together until END;', () => {
    const sql = `CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE b SET n = n + 1;\n  DELETE FROM c WHERE x = 'END;';\nEND;\nSELECT 1;`
    expect(splitSqlStatements(sql)).toEqual([
      `CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE b SET n = n + 1;\n  DELETE FROM c WHERE x = 'END;';\nEND`,
      'SELECT 1'
    ])
  })

  it('splits the shipped init migration into one statement per step', async () => {
    const { readFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { MIGRATIONS_DIR } = await import('./test-support/temp-files')
    const sql = readFileSync(join(MIGRATIONS_DIR, '20261128000000_init', 'migration.sql'), 'utf8')
    const statements = splitSqlStatements(sql)
    const steps = sql.match(/^-- (CreateTable|CreateIndex)$/gm) ?? []
    expect(statements).toHaveLength(steps.length)
    for (const s of statements) expect(s).toMatch(/^-- Create(Table|Index)\nCREATE /)
  })
})
