import type { Client } from '@temporalio/client';
import type { Config } from '../config/config';
import type { Db } from '../db/connection';
import { finishImport, importStoredLine, waitingLines } from '../features/partners/import-lines';
import type { DataKeys } from '../privacy/data-keys';
import type { PartnerImportActivities } from '../workflows/partner-import-definitions';

/**
 * The CSV import's activities (workflows/partner-import.ts). Each line is onboarded by the rule
 * POST /api/partners calls (features/partners/onboard.ts), its journey started with the worker's
 * own client: the worker wires them in, as the API wires the same rule into its routes.
 */
export function partnerImportActivities(deps: {
  db: Db;
  config: Config;
  dataKeys: DataKeys;
  temporal: Client;
}): PartnerImportActivities {
  return {
    waitingImportLines: ({ importId, limit }) => waitingLines(deps.db, importId, limit),
    importLine: ({ importId, line }) => importStoredLine(deps, importId, line),
    finishImport: ({ importId }) => finishImport(deps.db, importId),
  };
}
