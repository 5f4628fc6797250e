-- The persistent outbox (issue 8, item 7): states queued | sending | sent | failed | unknown |
-- reconciled ('approved' becomes 'queued'), the last error as a code + a plain-words text, and the
-- history of every transition (OutboxEvent).

-- CreateTable
CREATE TABLE "OutboxEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemId" INTEGER NOT NULL,
    "fromState" TEXT,
    "toState" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "detail" TEXT,
    CONSTRAINT "OutboxEvent_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "OutboxItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastErrorCode" TEXT,
    "lastErrorText" TEXT,
    "remoteId" TEXT,
    "draftId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    CONSTRAINT "OutboxItem_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "ProposalDraft" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_OutboxItem" ("attempts", "createdAt", "draftId", "id", "idempotencyKey", "kind", "lastErrorCode", "payload", "remoteId", "sentAt", "state", "updatedAt")
SELECT "attempts", "createdAt", "draftId", "id", "idempotencyKey", "kind", "lastError", "payload", "remoteId", "sentAt",
       CASE "state" WHEN 'approved' THEN 'queued' WHEN 'sending' THEN 'unknown' ELSE "state" END, "updatedAt"
FROM "OutboxItem";
DROP TABLE "OutboxItem";
ALTER TABLE "new_OutboxItem" RENAME TO "OutboxItem";
CREATE UNIQUE INDEX "OutboxItem_idempotencyKey_key" ON "OutboxItem"("idempotencyKey");
CREATE INDEX "OutboxItem_state_createdAt_idx" ON "OutboxItem"("state", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "OutboxEvent_itemId_id_idx" ON "OutboxEvent"("itemId", "id");
