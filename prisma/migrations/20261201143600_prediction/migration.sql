-- Success prediction (issue 10 item 4): the trained models, versioned per kind (reply, hire).
-- One row per accepted version; the one in use is `active`, older ones `retired` (kept for the record).

-- CreateTable
CREATE TABLE "PredictionModel" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "trainedAt" DATETIME NOT NULL,
    "n" INTEGER NOT NULL,
    "positives" INTEGER NOT NULL,
    "featureSchemaVersion" INTEGER NOT NULL,
    "coefficients" TEXT NOT NULL,
    "metrics" TEXT NOT NULL,
    "decision" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "PredictionModel_kind_version_key" ON "PredictionModel"("kind", "version");

-- CreateIndex
CREATE INDEX "PredictionModel_kind_status_idx" ON "PredictionModel"("kind", "status");
