import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface LocalSecrets {
  apiToken: string;
  tokenSecret: string;
  /** Password of the first staff account `npm start` creates on an empty database. */
  adminPassword: string;
  /** PACT_MASTER_KEY: wraps the data keys of the payload codec; losing it loses every history (docs/privacy.md). */
  masterKey: string;
}

/**
 * Secrets for a local `npm start`, made once and kept in .data/ (never in the repository), so
 * links in old emails and the staff token keep working across restarts.
 */
export function localSecrets(file: string): LocalSecrets {
  const fresh: LocalSecrets = {
    apiToken: randomBytes(24).toString('base64url'),
    tokenSecret: randomBytes(32).toString('base64url'),
    adminPassword: randomBytes(12).toString('base64url'),
    masterKey: randomBytes(32).toString('base64'),
  };
  // Secrets added in later versions are filled in; existing ones are kept.
  const secrets = existsSync(file)
    ? { ...fresh, ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>) }
    : fresh;
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * The environment with the generated secrets filled in where none is set, so that the
 * configuration is checked as the API and the worker will see it (INBOUND_DOMAIN needs
 * PACT_TOKEN_SECRET, for one). A secret set in the environment wins.
 */
export function withLocalSecrets(env: NodeJS.ProcessEnv, secrets: LocalSecrets): NodeJS.ProcessEnv {
  const orGenerated = (name: string, generated: string) => env[name]?.trim() || generated;
  return {
    ...env,
    PACT_API_TOKEN: orGenerated('PACT_API_TOKEN', secrets.apiToken),
    PACT_TOKEN_SECRET: orGenerated('PACT_TOKEN_SECRET', secrets.tokenSecret),
    PACT_MASTER_KEY: orGenerated('PACT_MASTER_KEY', secrets.masterKey),
  };
}
