/**
 * Database objects that prisma/schema.prisma cannot describe, created by raw SQL in a migration.
 * The schema-agreement test requires exactly these beyond the Prisma models (nothing missing,
 * nothing extra), and open-database checks the SQLite build has what they need (FTS5).
 */
export const RAW_SQL_OBJECTS = [
  // The jobs' full-text index (20261201…_discovery): an external-content FTS5 table over Job ...
  'table JobFts',
  // ... and FTS5's shadow tables (external content: no JobFts_content).
  'table JobFts_config',
  'table JobFts_data',
  'table JobFts_docsize',
  'table JobFts_idx',
  // The triggers that keep it in step with Job.
  'trigger Job_fts_delete',
  'trigger Job_fts_insert',
  'trigger Job_fts_update',
  // AI analysis (20261201…_ai_analysis): blanks an analysis's text when its job's content is pruned.
  'trigger JobAnalysis_prune_text',
  // Analytics (20261201…_analytics): keeps Proposal.funnelRank / firstReplyAt from the status history.
  'trigger ProposalStatusEvent_funnel'
] as const

/** Tables of RAW_SQL_OBJECTS (left out of the Prisma-shaped comparison). */
export const RAW_SQL_TABLES: ReadonlySet<string> = new Set(
  RAW_SQL_OBJECTS.filter((o) => o.startsWith('table ')).map((o) => o.slice('table '.length))
)
