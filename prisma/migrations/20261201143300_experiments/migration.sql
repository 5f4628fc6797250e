-- Experiments (issue 10 item 3): A/B tests of templates, strategies and bid rules.
-- Experiment rows; ExperimentVariant extended (its experiment, a bid rule; names unique per
-- experiment instead of globally); ProposalDraft remembers the variant first assigned and whether
-- the user overrode it (overridden drafts are left out of the comparison). No foreign keys to
-- Experiment: variants and drafts keep their history, and experiments are never deleted.

-- CreateTable
CREATE TABLE "Experiment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "metric" TEXT NOT NULL DEFAULT 'reply',
    "minEffect" REAL,
    "state" TEXT NOT NULL DEFAULT 'running',
    "seed" INTEGER NOT NULL,
    "thompson" BOOLEAN NOT NULL DEFAULT false,
    "assignedCount" INTEGER NOT NULL DEFAULT 0,
    "keptVariantId" INTEGER,
    "defaultActive" BOOLEAN NOT NULL DEFAULT false,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" DATETIME NOT NULL,
    "stoppedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Experiment_state_idx" ON "Experiment"("state");

-- AlterTable
ALTER TABLE "ExperimentVariant" ADD COLUMN "experimentId" INTEGER;
ALTER TABLE "ExperimentVariant" ADD COLUMN "bidRule" TEXT;

-- DropIndex: a variant's name is unique within its experiment ("Control" in each)
DROP INDEX "ExperimentVariant_name_key";

-- CreateIndex
CREATE UNIQUE INDEX "ExperimentVariant_experimentId_name_key" ON "ExperimentVariant"("experimentId", "name");

-- AlterTable
ALTER TABLE "ProposalDraft" ADD COLUMN "assignedVariantId" INTEGER;
ALTER TABLE "ProposalDraft" ADD COLUMN "variantOverridden" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "ProposalDraft_variantId_idx" ON "ProposalDraft"("variantId");
CREATE INDEX "ProposalDraft_assignedVariantId_idx" ON "ProposalDraft"("assignedVariantId");
