-- Analytics (issue 10 item 1, "Queries fast"): each proposal's furthest funnel stage and first
-- reply, kept on the Proposal row by a trigger on its status history, so the dashboard reads 10,000
-- proposals without aggregating 100,000 status events each time. Out-of-order events (recorded
-- late with an earlier time, a clock change) change nothing: the rank is a max, the reply a min.
-- funnelRank: 0 sent, 1 viewed, 2 replied, 3 interview, 4 hired (the highest ever reached).

-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN "funnelRank" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Proposal" ADD COLUMN "firstReplyAt" DATETIME;

-- Backfill from the history so far.
UPDATE "Proposal" SET
    "funnelRank" = coalesce((
        SELECT max(CASE e."stage" WHEN 'viewed' THEN 1 WHEN 'replied' THEN 2 WHEN 'interview' THEN 3 WHEN 'hired' THEN 4 ELSE 0 END)
        FROM "ProposalStatusEvent" e WHERE e."proposalId" = "Proposal"."id"
    ), 0),
    "firstReplyAt" = (
        SELECT min(e."at") FROM "ProposalStatusEvent" e
        WHERE e."proposalId" = "Proposal"."id" AND e."stage" IN ('replied', 'interview', 'hired')
    );

-- Every new status row raises the rank (never lowers it) and keeps the earliest reply.
CREATE TRIGGER "ProposalStatusEvent_funnel" AFTER INSERT ON "ProposalStatusEvent"
BEGIN
    UPDATE "Proposal" SET
        "funnelRank" = max("funnelRank", CASE NEW."stage" WHEN 'viewed' THEN 1 WHEN 'replied' THEN 2 WHEN 'interview' THEN 3 WHEN 'hired' THEN 4 ELSE 0 END),
        "firstReplyAt" = CASE
            WHEN NEW."stage" IN ('replied', 'interview', 'hired') AND ("firstReplyAt" IS NULL OR NEW."at" < "firstReplyAt") THEN NEW."at"
            ELSE "firstReplyAt"
        END
    WHERE "id" = NEW."proposalId";
END;

-- CreateIndex
CREATE INDEX "Proposal_submittedAt_idx" ON "Proposal"("submittedAt");
