import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { partnerIdFromName } from '../../domain/partner';
import { partnerImportWorkflowId } from '../../domain/workflow-ids';
import { ApiError, engineUnavailable } from '../../http/api-error';
import { probeEngine } from '../../temporal/client';
import { startWorkflow } from '../../temporal/start-workflow';
import type { AppDeps } from '../deps';
import { parseMemberList } from './csv-import';

/** Lines written to Postgres per statement: a member list of thousands stays under the parameter limit. */
const linesPerInsert = 500;

export interface StartedImport {
  id: string;
  total: number;
}

/**
 * Stores an uploaded member list and starts the `partnerImport` workflow that onboards its lines,
 * all or nothing: a file refused as a whole (not CSV, columns missing) or an engine that is away
 * stores nothing. The upload is kept line by line until the import ends (or its partner is erased).
 */
export async function startImport(
  deps: Pick<AppDeps, 'db' | 'temporal' | 'config'>,
  csv: string,
  importedBy: { staffUserId: number },
): Promise<StartedImport> {
  const lines = parseMemberList(csv);
  const id = randomUUID();
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('partner_imports')
      .values({ id, imported_by: importedBy.staffUserId, total: lines.length })
      .execute();
    for (let at = 0; at < lines.length; at += linesPerInsert)
      await tx
        .insertInto('partner_import_lines')
        .values(
          lines.slice(at, at + linesPerInsert).map(({ line, record }) => ({
            import_id: id,
            line,
            partner_id: partnerIdFromName(record.name ?? ''),
            name: record.name ?? '',
            record,
          })),
        )
        .execute();
    try {
      await probeEngine(deps.temporal);
      await startWorkflow(deps.temporal, 'partnerImport', {
        workflowId: partnerImportWorkflowId(id),
        taskQueue: deps.config.temporal.taskQueue,
        args: [{ importId: id }],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: `CSV import ${id}: ${lines.length} lines`,
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError)
        throw new ApiError(409, 'import_exists', `Import "${id}" already exists.`, { id });
      throw engineUnavailable();
    }
  });
  return { id, total: lines.length };
}
