/**
 * `npm run demo`: `npm start` with its data in .data-demo/ (unless DATA_DIR is set) and the demo's short
 * policy durations; the first time, it loads the demo pact (demo/) through the running system, then
 * keeps running like `npm start` (README.md, "The demo pact").
 */
import { describePolicy, demoPolicy } from '../demo/policy';
import { loadDemoPact } from '../demo/load-pact';
import { prefixedLogger } from './child-process';
import { runLocalSystem } from './local-system';

async function main(): Promise<void> {
  const system = await runLocalSystem({
    command: 'npm run demo',
    defaultDataDir: '.data-demo',
    defaults: demoPolicy,
    bannerLines: [`  Demo policy (minutes, not weeks)  ${describePolicy(process.env)}`],
  });
  if (!system) return;
  const log = prefixedLogger('demo');
  if (!system.inboxUrl) {
    log('SMTP_URL is set, so there is no Mailpit to follow the emails in: the demo pact is not loaded');
    return;
  }
  log('loading the demo pact (each step looks first at what exists: nothing is loaded twice)…');
  const started = Date.now();
  try {
    await loadDemoPact({
      url: system.publicUrl,
      apiToken: system.apiToken,
      mailpitUrl: system.inboxUrl,
      inbound: system.inbound,
      log,
    });
    log(`the demo pact is loaded (${Math.round((Date.now() - started) / 1000)} s): ${system.publicUrl}/staff/map`);
  } catch (error) {
    log(`loading the demo pact stopped: ${error instanceof Error ? error.message : String(error)}`);
    log('the system keeps running; run npm run demo again to carry on where it stopped');
  }
}

void main();
