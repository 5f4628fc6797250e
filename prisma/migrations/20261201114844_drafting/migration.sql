-- AlterTable
ALTER TABLE "ExperimentVariant" ADD COLUMN "strategy" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DraftVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "draftId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "author" TEXT NOT NULL DEFAULT 'user',
    "text" TEXT NOT NULL,
    "partial" BOOLEAN NOT NULL DEFAULT false,
    "aiCallId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DraftVersion_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "ProposalDraft" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DraftVersion_aiCallId_fkey" FOREIGN KEY ("aiCallId") REFERENCES "AiCall" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_DraftVersion" ("aiCallId", "createdAt", "draftId", "id", "seq", "source", "text") SELECT "aiCallId", "createdAt", "draftId", "id", "seq", "source", "text" FROM "DraftVersion";
DROP TABLE "DraftVersion";
ALTER TABLE "new_DraftVersion" RENAME TO "DraftVersion";
CREATE UNIQUE INDEX "DraftVersion_draftId_seq_key" ON "DraftVersion"("draftId", "seq");
CREATE TABLE "new_ProposalDraft" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL DEFAULT 'proposal',
    "jobId" INTEGER,
    "threadId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "jobSnapshot" TEXT NOT NULL DEFAULT '{}',
    "bidAmount" REAL,
    "bidKind" TEXT,
    "bidCurrency" TEXT,
    "suggestedBid" REAL,
    "bidAboveBudget" BOOLEAN NOT NULL DEFAULT false,
    "durationLabel" TEXT,
    "connectsCost" INTEGER,
    "templateId" INTEGER,
    "strategy" TEXT,
    "variantId" INTEGER,
    "checks" TEXT NOT NULL DEFAULT '[]',
    "generation" TEXT NOT NULL DEFAULT 'idle',
    "generationError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProposalDraft_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProposalDraft_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ProposalDraft_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "ExperimentVariant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ProposalDraft" ("bidAmount", "createdAt", "durationLabel", "id", "jobId", "status", "strategy", "templateId", "updatedAt", "variantId") SELECT "bidAmount", "createdAt", "durationLabel", "id", "jobId", "status", "strategy", "templateId", "updatedAt", "variantId" FROM "ProposalDraft";
DROP TABLE "ProposalDraft";
ALTER TABLE "new_ProposalDraft" RENAME TO "ProposalDraft";
CREATE INDEX "ProposalDraft_status_updatedAt_idx" ON "ProposalDraft"("status", "updatedAt");
CREATE INDEX "ProposalDraft_jobId_idx" ON "ProposalDraft"("jobId");
CREATE INDEX "ProposalDraft_threadId_idx" ON "ProposalDraft"("threadId");
CREATE TABLE "new_Template" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "category" TEXT,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "usageCount" INTEGER NOT NULL DEFAULT 0,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Template" ("archivedAt", "body", "createdAt", "id", "name", "updatedAt") SELECT "archivedAt", "body", "createdAt", "id", "name", "updatedAt" FROM "Template";
DROP TABLE "Template";
ALTER TABLE "new_Template" RENAME TO "Template";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Versions written before this migration: the AI's were written by the AI, the rest by the user.
UPDATE "DraftVersion" SET "author" = 'ai' WHERE "source" = 'AI';
