-- Proposal outcome tracking (issue 8, item 8): the submitted text (what the sync matches on),
-- Upwork's own status as it was sent, the normalized funnel stage, how the proposal reached Upwork
-- and how the sync matched it to a draft; and the history of every status change with its time
-- and source (ProposalStatusEvent), from which analytics computes funnels and time to reply.

-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN "coverLetter" TEXT;
ALTER TABLE "Proposal" ADD COLUMN "upworkStatus" TEXT;
ALTER TABLE "Proposal" ADD COLUMN "stage" TEXT;
ALTER TABLE "Proposal" ADD COLUMN "submissionSource" TEXT NOT NULL DEFAULT 'upwork';
ALTER TABLE "Proposal" ADD COLUMN "matchKind" TEXT;
ALTER TABLE "Proposal" ADD COLUMN "lastSyncedAt" DATETIME;

-- CreateTable
CREATE TABLE "ProposalStatusEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "proposalId" INTEGER NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "stage" TEXT,
    "at" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProposalStatusEvent_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ProposalStatusEvent_proposalId_id_idx" ON "ProposalStatusEvent"("proposalId", "id");

-- CreateIndex
CREATE INDEX "ProposalStatusEvent_stage_at_idx" ON "ProposalStatusEvent"("stage", "at");

-- CreateIndex
CREATE INDEX "Proposal_upworkJobId_idx" ON "Proposal"("upworkJobId");
