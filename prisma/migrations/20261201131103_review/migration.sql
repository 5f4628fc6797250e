-- The review queue (issue 8 item 6): the prediction snapshot taken at approval (issue 10 item 4;
-- no foreign keys, it outlives the job's content and the draft) and the Autopilot runs.

-- CreateTable
CREATE TABLE "ApprovalSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "draftId" INTEGER NOT NULL,
    "jobId" INTEGER,
    "upworkJobId" TEXT,
    "mode" TEXT NOT NULL,
    "outboxItemId" INTEGER,
    "approvedAt" DATETIME NOT NULL,
    "approvedSeq" INTEGER,
    "score" INTEGER,
    "scoreVersion" INTEGER,
    "scoreParts" TEXT NOT NULL DEFAULT '{}',
    "clientVerified" BOOLEAN,
    "clientTotalSpent" REAL,
    "clientHires" INTEGER,
    "clientFeedback" REAL,
    "clientCountry" TEXT,
    "jobType" TEXT,
    "fixedAmount" REAL,
    "hourlyMin" REAL,
    "hourlyMax" REAL,
    "currency" TEXT,
    "experienceLevel" TEXT,
    "category" TEXT,
    "totalApplicants" INTEGER,
    "minutesSincePosting" INTEGER,
    "bidAmount" REAL,
    "bidKind" TEXT,
    "bidToBudget" REAL,
    "templateId" INTEGER,
    "strategy" TEXT,
    "variantId" INTEGER,
    "draftChars" INTEGER NOT NULL,
    "draftWords" INTEGER NOT NULL,
    "textSource" TEXT NOT NULL,
    "editedByUser" BOOLEAN NOT NULL DEFAULT false,
    "aiModel" TEXT,
    "byAutopilot" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AutopilotRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "day" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "prepared" INTEGER NOT NULL DEFAULT 0,
    "stopReason" TEXT,
    "stopText" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalSnapshot_draftId_key" ON "ApprovalSnapshot"("draftId");

-- CreateIndex
CREATE INDEX "ApprovalSnapshot_approvedAt_idx" ON "ApprovalSnapshot"("approvedAt");

-- CreateIndex
CREATE INDEX "AutopilotRun_day_idx" ON "AutopilotRun"("day");

-- CreateIndex
CREATE INDEX "AutopilotRun_startedAt_idx" ON "AutopilotRun"("startedAt");
