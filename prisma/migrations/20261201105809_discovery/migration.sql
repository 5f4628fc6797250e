-- AlterTable
ALTER TABLE "SavedSearch" ADD COLUMN "lastError" TEXT;
ALTER TABLE "SavedSearch" ADD COLUMN "nextRunAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FreelancerProfile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "name" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL DEFAULT '',
    "overview" TEXT NOT NULL DEFAULT '',
    "skills" TEXT NOT NULL DEFAULT '[]',
    "hourlyRate" REAL,
    "minFixedBudget" REAL,
    "yearsExperience" REAL,
    "portfolio" TEXT NOT NULL DEFAULT '[]',
    "avoidCountries" TEXT NOT NULL DEFAULT '[]',
    "negativeKeywords" TEXT NOT NULL DEFAULT '[]',
    "scoreWeights" TEXT NOT NULL DEFAULT '{}',
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "source" TEXT NOT NULL DEFAULT 'manual',
    "upworkProfileKey" TEXT,
    "importedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_FreelancerProfile" ("currency", "hourlyRate", "id", "importedAt", "name", "overview", "skills", "source", "title", "updatedAt", "upworkProfileKey") SELECT "currency", "hourlyRate", "id", "importedAt", "name", "overview", "skills", "source", "title", "updatedAt", "upworkProfileKey" FROM "FreelancerProfile";
DROP TABLE "FreelancerProfile";
ALTER TABLE "new_FreelancerProfile" RENAME TO "FreelancerProfile";
CREATE TABLE "new_Job" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "upworkId" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "jobType" TEXT NOT NULL,
    "hourlyMin" REAL,
    "hourlyMax" REAL,
    "fixedAmount" REAL,
    "currency" TEXT,
    "experienceLevel" TEXT,
    "category" TEXT,
    "subcategory" TEXT,
    "durationLabel" TEXT,
    "engagement" TEXT,
    "skills" TEXT NOT NULL DEFAULT '[]',
    "totalApplicants" INTEGER,
    "publishedAt" DATETIME NOT NULL,
    "fetchedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME,
    "userState" TEXT NOT NULL DEFAULT 'new',
    "score" INTEGER,
    "scoreReasons" TEXT,
    "scoreVersion" INTEGER,
    "scoredAt" DATETIME,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notifiedAt" DATETIME,
    "contentPrunedAt" DATETIME,
    "clientVerified" BOOLEAN,
    "clientTotalSpent" REAL,
    "clientHires" INTEGER,
    "clientPostedJobs" INTEGER,
    "clientFeedback" REAL,
    "clientReviews" INTEGER,
    "clientCountry" TEXT,
    "clientCity" TEXT,
    "clientTimezone" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Job" ("category", "ciphertext", "clientCity", "clientCountry", "clientFeedback", "clientHires", "clientPostedJobs", "clientReviews", "clientTimezone", "clientTotalSpent", "clientVerified", "createdAt", "currency", "description", "durationLabel", "engagement", "experienceLevel", "expiresAt", "fetchedAt", "fixedAmount", "hourlyMax", "hourlyMin", "id", "jobType", "publishedAt", "skills", "subcategory", "title", "totalApplicants", "updatedAt", "upworkId", "userState") SELECT "category", "ciphertext", "clientCity", "clientCountry", "clientFeedback", "clientHires", "clientPostedJobs", "clientReviews", "clientTimezone", "clientTotalSpent", "clientVerified", "createdAt", "currency", "description", "durationLabel", "engagement", "experienceLevel", "expiresAt", "fetchedAt", "fixedAmount", "hourlyMax", "hourlyMin", "id", "jobType", "publishedAt", "skills", "subcategory", "title", "totalApplicants", "updatedAt", "upworkId", "userState" FROM "Job";
DROP TABLE "Job";
ALTER TABLE "new_Job" RENAME TO "Job";
CREATE UNIQUE INDEX "Job_upworkId_key" ON "Job"("upworkId");
CREATE INDEX "Job_publishedAt_idx" ON "Job"("publishedAt");
CREATE INDEX "Job_expiresAt_idx" ON "Job"("expiresAt");
CREATE INDEX "Job_userState_publishedAt_idx" ON "Job"("userState", "publishedAt");
CREATE INDEX "Job_score_id_idx" ON "Job"("score", "id");
CREATE INDEX "Job_firstSeenAt_id_idx" ON "Job"("firstSeenAt", "id");
CREATE INDEX "Job_userState_score_idx" ON "Job"("userState", "score");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SavedSearch_enabled_nextRunAt_idx" ON "SavedSearch"("enabled", "nextRunAt");

-- Jobs created before this migration: first seen when they were stored.
UPDATE "Job" SET "firstSeenAt" = "createdAt";

-- Full-text search over the jobs' title, description and skills (raw SQL: Prisma has no FTS5).
-- External content: the index reads its text from "Job" (no copy); the triggers keep it in step.
-- Listed in src/main/db/raw-sql-objects.ts, which the schema-agreement test checks exactly.
CREATE VIRTUAL TABLE "JobFts" USING fts5(
    "title", "description", "skills",
    content='Job', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2',
    -- Column-level detail (no word positions): about half the index and its write cost; the search
    -- quotes each word on its own (no phrases or NEAR), which is all it needs. Ranking stays bm25.
    detail=column
);
INSERT INTO "JobFts"("JobFts") VALUES ('rebuild');
CREATE TRIGGER "Job_fts_insert" AFTER INSERT ON "Job" BEGIN
    INSERT INTO "JobFts"("rowid", "title", "description", "skills") VALUES (new."id", new."title", new."description", new."skills");
END;
CREATE TRIGGER "Job_fts_delete" AFTER DELETE ON "Job" BEGIN
    INSERT INTO "JobFts"("JobFts", "rowid", "title", "description", "skills") VALUES ('delete', old."id", old."title", old."description", old."skills");
END;
CREATE TRIGGER "Job_fts_update" AFTER UPDATE OF "title", "description", "skills" ON "Job"
WHEN old."title" IS NOT new."title" OR old."description" IS NOT new."description" OR old."skills" IS NOT new."skills" BEGIN
    INSERT INTO "JobFts"("JobFts", "rowid", "title", "description", "skills") VALUES ('delete', old."id", old."title", old."description", old."skills");
    INSERT INTO "JobFts"("rowid", "title", "description", "skills") VALUES (new."id", new."title", new."description", new."skills");
END;
