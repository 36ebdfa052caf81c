import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface LocalSecrets {
  apiToken: string;
  tokenSecret: string;
}

/**
 * Secrets for a local `npm start`, made once and kept in .data/ (never in the repository), so
 * links in old emails and the staff token keep working across restarts.
 */
export function localSecrets(file: string): LocalSecrets {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  const secrets = { apiToken: randomBytes(24).toString('base64url'), tokenSecret: randomBytes(32).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
