import { execFile } from 'node:child_process';
import { relative } from 'node:path';
import { promisify } from 'node:util';
import { TemporalClusterFailed } from './temporal-cluster-failed';
import { temporalServerVersion } from './temporal-server';

/**
 * The server only warns about a dynamic-config key it does not know and runs without it, so a
 * misspelt setting would silently not apply. Its own validator finds those; any error or unknown
 * key stops the start with one line.
 */
export async function checkDynamicConfig(serverBinary: string, file: string): Promise<void> {
  const output = await promisify(execFile)(serverBinary, ['validate-dynamic-config', file]).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string; message: string }) => error.stdout ?? error.message,
  );
  const problems = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(error|warning):/.test(line))
    .map((line) => line.replace(/^(error|warning):\s*/, ''));
  if (problems.length > 0)
    throw new TemporalClusterFailed(
      `${relative(process.cwd(), file) || file}: ${problems.join('; ')}: Temporal server ${temporalServerVersion} does not know this setting; correct or remove it`,
    );
}
