import type { ImportLineStatus } from '../domain/partner-import';

/**
 * The contract of the `partnerImport` workflow (workflows/partner-import.ts) with the API and the
 * activities (activities/partner-imports.ts). An import is about many partners, so its payloads use
 * the global data key and carry the import id, line numbers and partner ids only: names and
 * addresses stay in Postgres (`partner_import_lines`). Extend with optional fields, never rename or
 * remove (docs/workflow-versioning.md).
 */

export interface PartnerImportInput {
  /** The `partner_imports` row (a uuid). */
  importId: string;
}

/** A line still without a result. */
export interface WaitingLine {
  line: number;
  /** The partner the line names (a slug, '' if none): lines naming the same partner go one after another. */
  partnerId: string;
}

/** A line's result as the workflow sees it: no name. */
export interface LineDone {
  line: number;
  status: ImportLineStatus;
  partnerId?: string;
}

/** How many lines ended how, once every line has its result. */
export interface ImportSummary {
  rows: number;
  created: number;
  exists: number;
  invalid: number;
  failed: number;
}

/**
 * The import's activities, declared here rather than in activities/: they onboard through
 * features/partners/ (as POST /api/partners does), which the worker wires in
 * (worker/partner-import-activities.ts). Each is idempotent: a line's result is kept once.
 */
export interface PartnerImportActivities {
  /** Lines still without a result, first lines first, at most `limit`. */
  waitingImportLines(input: { importId: string; limit: number }): Promise<WaitingLine[]>;
  /** Onboards the line and keeps its result; answers the result already kept, if any. */
  importLine(input: { importId: string; line: number }): Promise<LineDone>;
  /** Marks the import done and deletes its stored upload; answers the counts. */
  finishImport(input: { importId: string }): Promise<ImportSummary>;
}
