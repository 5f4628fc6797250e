-- AI analysis (issue 7 item 6) and AI cost control (issue 8 item 9).

-- AiCall.costUsd becomes nullable: an unknown cost is not $0.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AiCall" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "task" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" REAL,
    "durationMs" INTEGER,
    "ok" BOOLEAN NOT NULL,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_AiCall" ("completionTokens", "costUsd", "createdAt", "durationMs", "error", "id", "model", "ok", "promptTokens", "task") SELECT "completionTokens", "costUsd", "createdAt", "durationMs", "error", "id", "model", "ok", "promptTokens", "task" FROM "AiCall";
DROP TABLE "AiCall";
ALTER TABLE "new_AiCall" RENAME TO "AiCall";
CREATE INDEX "AiCall_createdAt_idx" ON "AiCall"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateTable
CREATE TABLE "JobAnalysis" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" INTEGER NOT NULL,
    "cacheKey" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "promptVersion" INTEGER NOT NULL,
    "skillMatch" INTEGER NOT NULL,
    "budgetMatch" INTEGER NOT NULL,
    "complexityMatch" INTEGER NOT NULL,
    "recommendation" TEXT NOT NULL,
    "clientAssessment" TEXT,
    "reasoning" TEXT,
    "textPrunedAt" DATETIME,
    "aiCallId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "JobAnalysis_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "JobAnalysis_cacheKey_key" ON "JobAnalysis"("cacheKey");

-- CreateIndex
CREATE INDEX "JobAnalysis_jobId_createdAt_idx" ON "JobAnalysis"("jobId", "createdAt");

-- Upwork's 24 h rule: when a job's content is pruned, its analyses keep only the numbers and the
-- recommendation (the text parts quote the job). Raw SQL object: src/main/db/raw-sql-objects.ts.
CREATE TRIGGER "JobAnalysis_prune_text" AFTER UPDATE OF "contentPrunedAt" ON "Job"
WHEN NEW."contentPrunedAt" IS NOT NULL
BEGIN
    UPDATE "JobAnalysis" SET "reasoning" = NULL, "clientAssessment" = NULL, "textPrunedAt" = NEW."contentPrunedAt"
    WHERE "jobId" = NEW."id" AND "textPrunedAt" IS NULL;
END;
