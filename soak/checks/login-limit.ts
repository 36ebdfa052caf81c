import type { SoakSystem } from '../system';
import { checked, type CheckResult } from './check';

/** Failed sign-ins one address may make at one account in the window (auth/routes.ts's default). */
const maxFailures = 10;

/**
 * The login limit holds across both APIs: wrong passwords for one account, posted through the
 * round-robin proxy (so each API gets every other one), are refused with 429 after `maxFailures`,
 * not after twice that as limits kept in each process's memory would allow.
 */
export async function checkLoginLimit(system: SoakSystem): Promise<CheckResult> {
  const statuses: number[] = [];
  for (let i = 0; i < maxFailures * 2; i++) {
    const response = await fetch(`${system.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'soak-guess@integratiepact.localhost', password: `wrong-${i}` }),
    });
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  const failedBeforeLimit = statuses.findIndex((s) => s === 429);
  const problems =
    failedBeforeLimit === maxFailures
      ? []
      : [
          `${failedBeforeLimit === -1 ? maxFailures * 2 : failedBeforeLimit} wrong passwords answered before the first 429 (statuses ${statuses.join(' ')}), expected ${maxFailures}`,
        ];
  return checked(
    'the login limit held across both APIs',
    problems,
    `${maxFailures} wrong passwords through both APIs, then 429`,
  );
}
