-- A room's stories not yet fetched: more new messages arrived between two syncs than one sync read
-- (the API budget ran low, or the per-sync page cap). The next syncs page through the range
-- [gapFrom, gapTo] (Upwork's clock, ISO; storyCreatedDateTime_bt) until it is empty; then both are null.
ALTER TABLE "MessageThread" ADD COLUMN "gapFrom" TEXT;
ALTER TABLE "MessageThread" ADD COLUMN "gapTo" TEXT;
