import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BundleOptions, bundleWorkflowCode } from '@temporalio/worker';

/**
 * "Version 2" of the workflows, for tests/faults/versioning.test.ts only: the product's own
 * workflows/request.ts with one change injected behind patched(), so that a request sends one
 * reminder more than the policy's maximum. It is built from the product's source at every run, so
 * the two cannot drift: when workflows/request.ts no longer holds the line the change replaces,
 * bundling fails and says where to look.
 */
export const extraReminderPatch = 'request-extra-reminder';

const repository = resolve(__dirname, '../..');
const productRequest = join(repository, 'workflows', 'request.ts');
/** The reminder limit in workflows/request.ts, and what version 2 makes of it. */
const limit = 'reminders < policy.maxReminders';
const limitPlusOne = `reminders < policy.maxReminders + (patched('${extraReminderPatch}') ? 1 : 0)`;

/**
 * workflows/request.ts as version 2. A request that started on version 1 replays with patched()
 * false up to where the version 1 worker left it, then takes the new branch from its next step on.
 */
export function versionTwoOfRequest(source: string): string {
  if (source.split(limit).length !== 2)
    throw new Error(`workflows/request.ts no longer holds "${limit}" once: change tests/faults/versioned-workflows.ts`);
  return (
    source
      .replace(limit, limitPlusOne)
      // Bundled from a temporary folder: its relative imports point into the product's workflows/.
      .replace(/from '(\.\.?\/[^']+)'/g, (_import, path: string) => `from '${resolve(repository, 'workflows', path)}'`)
  );
}

/** The product's workflow bundle with `request` replaced by version 2 (every import of it, too). */
export async function bundleVersionTwo(options: Omit<BundleOptions, 'workflowsPath' | 'webpackConfigHook'>) {
  const dir = mkdtempSync(join(tmpdir(), 'integratiepact-request-v2-'));
  const versionTwo = join(dir, 'request.ts');
  writeFileSync(versionTwo, versionTwoOfRequest(readFileSync(productRequest, 'utf8')));
  const escaped = productRequest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    return await bundleWorkflowCode({
      ...options,
      workflowsPath: join(repository, 'workflows', 'index.ts'),
      webpackConfigHook: (config) => ({
        ...config,
        // The temporary folder has no node_modules of its own.
        resolve: { ...config.resolve, modules: [...(config.resolve?.modules ?? []), join(repository, 'node_modules')] },
        plugins: [
          ...(config.plugins ?? []),
          {
            apply: (compiler) =>
              new compiler.webpack.NormalModuleReplacementPlugin(new RegExp(`^${escaped}$`), versionTwo).apply(
                compiler,
              ),
          },
        ],
      }),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
