-- Replies (issue 9 items 3–5): a reply draft per client message and follow-up reminders.
-- A reply draft is a ProposalDraft (kind = reply); these tables say what it answers and how it
-- was sent. No foreign keys: drafts are never deleted (discard is a status), and a reminder
-- outlives the thread's rows if the room disappears.

-- CreateTable
CREATE TABLE "ReplyDraft" (
    "draftId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roomId" TEXT,
    "purpose" TEXT NOT NULL DEFAULT 'reply',
    "origin" TEXT NOT NULL DEFAULT 'ai',
    "answersStoryId" TEXT,
    "followUpId" INTEGER,
    "outboxItemId" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
-- One row per client message (Upwork story) a reply draft covers: the primary key makes a second
-- draft for the same message impossible, across restarts and races.
CREATE TABLE "ReplyTrigger" (
    "storyId" TEXT NOT NULL PRIMARY KEY,
    "roomId" TEXT NOT NULL,
    "draftId" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "roomId" TEXT,
    "proposalId" INTEGER,
    "title" TEXT NOT NULL DEFAULT '',
    "clientName" TEXT,
    "silenceSince" DATETIME NOT NULL,
    "days" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "draftId" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ReplyDraft_roomId_idx" ON "ReplyDraft"("roomId");

-- CreateIndex
CREATE INDEX "ReplyTrigger_draftId_idx" ON "ReplyTrigger"("draftId");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_subject_silenceSince_key" ON "FollowUp"("subject", "silenceSince");

-- CreateIndex
CREATE INDEX "FollowUp_status_idx" ON "FollowUp"("status");
