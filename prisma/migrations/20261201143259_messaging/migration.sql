-- Client messaging (issue 9 items 1, 2, 6): what the message sync keeps of each Upwork room and
-- story. A room that disappears from Upwork is marked gone (its history kept); a story that is
-- edited keeps its new text with the time it changed; one that is deleted is marked, not dropped.
-- notifiedAt is the persisted "announced" mark: a restart never announces a message twice, and
-- the first sync of an account's history (backfill) is stored already marked.

-- AlterTable
ALTER TABLE "MessageThread" ADD COLUMN "roomName" TEXT;
ALTER TABLE "MessageThread" ADD COLUMN "topic" TEXT;
ALTER TABLE "MessageThread" ADD COLUMN "roomType" TEXT;
ALTER TABLE "MessageThread" ADD COLUMN "clientUserId" TEXT;
ALTER TABLE "MessageThread" ADD COLUMN "upworkProposalId" TEXT;
ALTER TABLE "MessageThread" ADD COLUMN "contractId" TEXT;
ALTER TABLE "MessageThread" ADD COLUMN "upworkUnread" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "MessageThread" ADD COLUMN "upworkLastReadAt" TEXT;
ALTER TABLE "MessageThread" ADD COLUMN "readAt" DATETIME;
ALTER TABLE "MessageThread" ADD COLUMN "latestStoryId" TEXT;
ALTER TABLE "MessageThread" ADD COLUMN "latestStoryAt" TEXT;
ALTER TABLE "MessageThread" ADD COLUMN "latestStoryUpdatedAt" TEXT;
ALTER TABLE "MessageThread" ADD COLUMN "storiesSignal" TEXT;
ALTER TABLE "MessageThread" ADD COLUMN "storiesReadAt" DATETIME;
ALTER TABLE "MessageThread" ADD COLUMN "verifiedAt" DATETIME;
ALTER TABLE "MessageThread" ADD COLUMN "gone" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "MessageThread" ADD COLUMN "goneAt" DATETIME;
ALTER TABLE "MessageThread" ADD COLUMN "lastSeenAt" DATETIME;

ALTER TABLE "Message" ADD COLUMN "remoteUpdatedAt" TEXT;
ALTER TABLE "Message" ADD COLUMN "editedAt" DATETIME;
ALTER TABLE "Message" ADD COLUMN "deleted" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Message" ADD COLUMN "deletedAt" DATETIME;
ALTER TABLE "Message" ADD COLUMN "truncated" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Message" ADD COLUMN "backfill" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Message" ADD COLUMN "notifiedAt" DATETIME;

-- CreateTable
-- One row per Upwork account (user id): when its first sync began and ended (backfill), the newest
-- story time that first sync saw (Upwork's clock: older stories are history, never announced), and
-- the room list cursor while that first sync pages through older rooms.
CREATE TABLE "MessagingAccount" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "backfillStartedAt" DATETIME NOT NULL,
    "backfillDoneAt" DATETIME,
    "backfillHorizon" TEXT,
    "roomCursor" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "MessageThread_clientUserId_idx" ON "MessageThread"("clientUserId");

-- CreateIndex
CREATE INDEX "MessageThread_upworkProposalId_idx" ON "MessageThread"("upworkProposalId");

-- CreateIndex
CREATE INDEX "Message_notifiedAt_idx" ON "Message"("notifiedAt");
