-- Experiments (issue 10, "Speed": evaluating an experiment with 5 variants under 20 ms): the
-- outcome query reads only indexes. The drafts of the variants through (variantId, kind,
-- variantOverridden, assignedVariantId) (also the assigned/overridden counts, a scan of this index
-- instead of the wide draft rows), each one's proposal through (draftId, funnelRank, stage,
-- submittedAt, createdAt): a Proposal row's stage and funnelRank sit behind its cover letter, so
-- reading them from the table follows overflow pages. Measured over 10,000 proposals: the counts
-- ~14 → ~8 ms (src/main/experiments/README.md).

-- CreateIndex
CREATE INDEX "ProposalDraft_variantId_kind_variantOverridden_assignedVariantId_idx" ON "ProposalDraft"("variantId", "kind", "variantOverridden", "assignedVariantId");

-- CreateIndex
CREATE INDEX "Proposal_draftId_funnelRank_stage_submittedAt_createdAt_idx" ON "Proposal"("draftId", "funnelRank", "stage", "submittedAt", "createdAt");
