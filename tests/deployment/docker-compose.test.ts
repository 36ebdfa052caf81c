/**
 * Checks the deployment files by reading them: no Docker engine runs here, so this is
 * what keeps docker-compose.yml, the Dockerfile and deploy/.env.example in line with
 * the configuration contract (README.md, Configuration) and the search attributes (domain/search-attributes.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { mailpitVersion } from '../../dev/mailpit';
import { dynamicConfigValues } from '../../dev/temporal-settings';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

type Service = {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, unknown> | string[];
  ports?: Array<string | number | { published?: string | number; target?: number; host_ip?: string }>;
  expose?: Array<string | number>;
  depends_on?: string[] | Record<string, { condition?: string; required?: boolean }>;
  profiles?: string[];
  healthcheck?: { test?: unknown };
  volumes?: unknown[];
};

const composeText = read('docker-compose.yml');
// Compose resolves `<<` merge keys; so must we.
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const dockerfile = read('Dockerfile');
const envExample = read('deploy/.env.example');

function service(name: string): Service {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** Environment as a map, whichever of compose's two forms it is written in. */
function environment(s: Service): Record<string, string> {
  const env = s.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** `${VAR:-default}` → default, so a published port reads as the number users see. */
const withDefaults = (text: string) => text.replace(/\$\{\w+:-([^}]*)\}/g, '$1');

interface Binding {
  /** The host address it listens on; '' is every interface. */
  hostIp: string;
  published: number;
  target: number;
}

/** What a service publishes on the host: `[ip:]published:target` or the long form. */
function bindings(s: Service): Binding[] {
  return (s.ports ?? []).map((port) => {
    if (typeof port === 'object')
      return {
        hostIp: port.host_ip ?? '',
        published: Number(withDefaults(String(port.published))),
        target: Number(port.target),
      };
    const parts = withDefaults(String(port)).split(':');
    const target = Number(parts.pop()?.split('/')[0]);
    const published = parts.length ? Number(parts.pop()) : target;
    return { hostIp: parts.join(':'), published, target };
  });
}

const commandText = (s: Service) =>
  [s.entrypoint, s.command]
    .flat()
    .filter((part): part is string => typeof part === 'string')
    .join(' ');

function dependsOn(s: Service): Record<string, string> {
  const deps = s.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, d]) => [name, d?.condition ?? 'service_started']));
}

/** Every string anywhere in the compose file, with its path, for file-wide rules. */
function strings(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  }
  return [];
}

const appServices = ['migrate', 'worker', 'api'] as const;

/** The configuration contract (README.md, Configuration) as compose must pass it to the app. */
const contract: Record<string, (value: string) => boolean> = {
  // As the app's own role, never the superuser Temporal uses.
  DATABASE_URL: (v) =>
    /^postgres(ql)?:\/\/\$\{APP_DB_USER:-\w+\}:\$\{APP_DB_PASSWORD:\?[^}]+\}@postgres:5432\/integratiepact$/.test(v),
  TEMPORAL_ADDRESS: (v) => v === 'temporal:7233',
  TEMPORAL_NAMESPACE: (v) => v === 'default',
  TEMPORAL_UI_UPSTREAM: (v) => v === 'http://temporal-ui:8080',
  SMTP_URL: (v) => /^\$\{SMTP_URL:\?[^}]+\}$/.test(v),
  PUBLIC_URL: (v) => v === '${PUBLIC_URL:-http://localhost:3000}',
  PORT: (v) => v === '3000',
  INTERNAL_PORT: (v) => v === '3001',
  INTERNAL_HOST: (v) => v === '0.0.0.0',
  INBOUND_DOMAIN: (v) => /^\$\{INBOUND_DOMAIN(:-[^}]*)?\}$/.test(v),
  INBOUND_SMTP_PORT: (v) => v === '2525',
  INBOUND_REQUIRE_AUTH: (v) => v === '${INBOUND_REQUIRE_AUTH:-0}',
  INBOUND_AUTHSERV_ID: (v) => v === '${INBOUND_AUTHSERV_ID:-}',
  PACT_API_TOKEN: (v) => /^\$\{PACT_API_TOKEN:\?[^}]+\}$/.test(v),
  PACT_TOKEN_SECRET: (v) => /^\$\{PACT_TOKEN_SECRET:\?[^}]+\}$/.test(v),
  MAIL_RELAY_SECRET: (v) => /^\$\{MAIL_RELAY_SECRET:\?[^}]+\}$/.test(v),
  PACT_MASTER_KEY: (v) => /^\$\{PACT_MASTER_KEY:\?[^}]+\}$/.test(v),
  MAIL_FROM: (v) => /^\$\{MAIL_FROM(:-[^}]*)?\}$/.test(v),
  MAIL_FROM_NAME: (v) => /^\$\{MAIL_FROM_NAME(:-[^}]*)?\}$/.test(v),
  PACT_STAFF_EMAIL: (v) => /^\$\{PACT_STAFF_EMAIL(:-[^}]*)?\}$/.test(v),
  PACT_DIRECTOR_EMAIL: (v) => /^\$\{PACT_DIRECTOR_EMAIL(:-[^}]*)?\}$/.test(v),
  PACT_REMINDER_AFTER: (v) => v === '${PACT_REMINDER_AFTER:-7d}',
  PACT_REMINDER_EVERY: (v) => v === '${PACT_REMINDER_EVERY:-7d}',
  PACT_MAX_REMINDERS: (v) => v === '${PACT_MAX_REMINDERS:-3}',
  PACT_ESCALATE_AFTER: (v) => v === '${PACT_ESCALATE_AFTER:-21d}',
  PACT_EXPIRE_AFTER: (v) => v === '${PACT_EXPIRE_AFTER:-30d}',
  PACT_REPORT_EVERY: (v) => v === '${PACT_REPORT_EVERY:-3mo}',
  PACT_COMMITMENT_TERM: (v) => v === '${PACT_COMMITMENT_TERM:-2y}',
  PACT_MEETING_REMINDER_BEFORE: (v) => v === '${PACT_MEETING_REMINDER_BEFORE:-1d}',
  TRUST_PROXY: (v) => v === '${TRUST_PROXY:-}',
  PACT_SESSION_IDLE_TIMEOUT: (v) => v === '${PACT_SESSION_IDLE_TIMEOUT:-8h}',
};

describe('docker-compose.yml', () => {
  test('has every service of the deployment', () => {
    for (const name of [
      'postgres',
      'temporal',
      'temporal-history',
      'temporal-matching',
      'temporal-worker',
      'temporal-setup',
      'temporal-ui',
      'mailpit',
      'migrate',
      'worker',
      'api',
    ]) {
      expect(services).toHaveProperty([name]);
    }
  });

  test('uses the official images', () => {
    expect(service('postgres').image).toBe('postgres:16');
    expect(service('temporal').image).toMatch(/^temporalio\/(server|auto-setup):/);
    expect(service('temporal-setup').image).toMatch(/^temporalio\/admin-tools:/);
    expect(service('temporal-ui').image).toMatch(/^temporalio\/ui:/);
    expect(service('mailpit').image).toMatch(/^axllent\/mailpit(:|$)/);
  });

  test('keeps Postgres data in a volume and reports when it is ready', () => {
    const pg = service('postgres');
    expect((pg.volumes ?? []).some((v) => String(v).endsWith(':/var/lib/postgresql/data'))).toBe(true);
    expect(JSON.stringify(pg.healthcheck?.test)).toContain('pg_isready');
    expect(environment(pg).POSTGRES_DB).toBe('integratiepact');
  });

  test('publishes nothing beyond the loopback: the app and its inbound SMTP port are for the proxy and MTA on the host', () => {
    expect(service('api').ports).toContain('127.0.0.1:${PORT:-3000}:3000');
    expect(bindings(service('api'))).toEqual([
      { hostIp: '127.0.0.1', published: 3000, target: 3000 },
      { hostIp: '127.0.0.1', published: 2525, target: 2525 },
    ]);
    const open = Object.entries(services).flatMap(([name, s]) =>
      bindings(s)
        .filter((b) => !['127.0.0.1', '[::1]'].includes(b.hostIp))
        .map((b) => `${name}:${b.published}`),
    );
    expect(open).toEqual([]);
  });

  test('gives each service only the secrets it uses', () => {
    const secrets = [
      'POSTGRES_PASSWORD',
      'APP_DB_PASSWORD',
      'SMTP_URL',
      'PACT_API_TOKEN',
      'PACT_TOKEN_SECRET',
      'MAIL_RELAY_SECRET',
      'PACT_MASTER_KEY',
    ];
    const secretsOf = (s: Service) =>
      [
        ...new Set(
          Object.values(environment(s)).flatMap((value) =>
            [...value.matchAll(/\$\{(\w+)/g)].map((m) => m[1]!).filter((name) => secrets.includes(name)),
          ),
        ),
      ].sort();
    const appSecrets = ['APP_DB_PASSWORD', 'MAIL_RELAY_SECRET', 'PACT_MASTER_KEY', 'PACT_TOKEN_SECRET'];
    expect(Object.fromEntries(Object.entries(services).map(([name, s]) => [name, secretsOf(s)]))).toEqual({
      // The superuser's password for Postgres itself and Temporal; the app role's, to create it.
      postgres: ['APP_DB_PASSWORD', 'POSTGRES_PASSWORD'],
      'temporal-schema': ['POSTGRES_PASSWORD'],
      temporal: ['POSTGRES_PASSWORD'],
      'temporal-history': ['POSTGRES_PASSWORD'],
      'temporal-matching': ['POSTGRES_PASSWORD'],
      'temporal-worker': ['POSTGRES_PASSWORD'],
      'temporal-setup': [],
      'temporal-ui': [],
      mailpit: [],
      migrate: ['APP_DB_PASSWORD'],
      // The worker sends through the api's mail relay: no SMTP credentials; no bootstrap token.
      worker: appSecrets,
      api: [...appSecrets, 'PACT_API_TOKEN', 'SMTP_URL'].sort(),
    });
  });

  test('the app connects as its own role, which owns its database only; Temporal keeps the superuser', () => {
    expect(environment(service('postgres'))).toMatchObject({
      APP_DB_USER: '${APP_DB_USER:-pact_app}',
      APP_DB_PASSWORD: expect.stringMatching(/^\$\{APP_DB_PASSWORD:\?/),
    });
    expect(environment(service('temporal')).POSTGRES_USER).toBe('${POSTGRES_USER:-integratiepact}');
    for (const name of appServices)
      expect(environment(service(name)).DATABASE_URL).toContain('${APP_DB_USER:-pact_app}');
    const script = read('deploy/postgres/20-app-role.sql');
    expect(script).toMatch(/^\\getenv app_user APP_DB_USER$/m);
    expect(script).toMatch(/^\\getenv app_password APP_DB_PASSWORD$/m);
    expect(script).toMatch(/CREATE ROLE/);
    expect(script).toMatch(/ALTER ROLE :"app_user" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE/);
    expect(script).toMatch(/ALTER DATABASE integratiepact OWNER TO :"app_user";/);
    expect(script).toMatch(/REVOKE ALL ON DATABASE temporal, temporal_visibility FROM PUBLIC;/);
    // Runs after the script that creates Temporal's databases (initdb runs them in name order).
    expect(readdirSync(join(root, 'deploy/postgres')).sort()).toEqual(['10-temporal-databases.sql', '20-app-role.sql']);
  });

  test("disables the Temporal UI's write actions", () => {
    // The name the UI server's docker config reads (temporalio/ui-server v2.42.1, config/docker.yaml).
    expect(environment(service('temporal-ui')).TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
  });

  test('publishes no Temporal gRPC port and no internal listener; UI and inbox on the loopback only', () => {
    expect(bindings(service('temporal'))).toEqual([]);
    expect(Object.values(services).flatMap((s) => bindings(s).filter((b) => b.target === 3001))).toEqual([]);
    expect(bindings(service('temporal-ui'))).toEqual([{ hostIp: '127.0.0.1', published: 8233, target: 8080 }]);
    expect(bindings(service('mailpit'))).toEqual([{ hostIp: '127.0.0.1', published: 8025, target: 8025 }]);
    expect(environment(service('temporal-ui')).TEMPORAL_ADDRESS).toBe('temporal:7233');
    // Served by the api on its own origin, beside the codec endpoint (api/temporal-ui/proxy.ts).
    expect(environment(service('temporal-ui'))).toMatchObject({
      TEMPORAL_UI_PUBLIC_PATH: '/temporal',
      TEMPORAL_CODEC_ENDPOINT: '/codec',
    });
  });

  test("exposes the worker's metrics to the private network only", () => {
    const worker = service('worker');
    expect(environment(worker)).toMatchObject({ WORKER_METRICS_PORT: '9464', INTERNAL_HOST: '0.0.0.0' });
    expect(worker.expose).toEqual(['9464']);
    expect(bindings(worker)).toEqual([]);
  });

  test('runs Mailpit, at a current release, only in the dev profile; without it SMTP_URL is required', () => {
    const mailpit = service('mailpit');
    expect(mailpit.profiles).toEqual(['dev']);
    const [major, minor] = (/^axllent\/mailpit:v(\d+)\.(\d+)\.\d+$/.exec(mailpit.image ?? '') ?? [])
      .slice(1)
      .map(Number);
    expect(major === 1 && minor! >= 33).toBe(true);
    // The same Mailpit as `npm start` and the tests build (dev/mailpit.ts).
    expect(mailpit.image).toBe(`axllent/mailpit:${mailpitVersion}`);
    for (const name of ['api', 'worker']) {
      expect((service(name).depends_on as Record<string, { required?: boolean }>).mailpit?.required).toBe(false);
    }
    for (const [name, s] of Object.entries(services)) {
      if (name !== 'mailpit') expect({ name, profiles: s.profiles }).toEqual({ name, profiles: undefined });
    }
    expect(environment(service('api')).SMTP_URL).toMatch(/^\$\{SMTP_URL:\?[^}]+\}$/);
  });

  /** The contract variables each app service receives: migrate needs only its database. */
  const receives = {
    migrate: ['DATABASE_URL'],
    // The worker sends through the mail relay, and needs no bootstrap token.
    worker: Object.keys(contract).filter((key) => !['SMTP_URL', 'PACT_API_TOKEN'].includes(key)),
    api: Object.keys(contract),
  };
  test.each(appServices)('%s receives the contract variables it uses, and only those', (name) => {
    const env = environment(service(name));
    // The worker alone is also told where the api's mail relay is, and where to serve its metrics.
    expect(
      Object.keys(env)
        .filter((key) => !['MAIL_RELAY_URL', 'WORKER_METRICS_PORT'].includes(key) || name !== 'worker')
        .sort(),
    ).toEqual(receives[name].sort());
    for (const [key, valid] of Object.entries(contract).filter(([key]) => receives[name].includes(key))) {
      expect({ key, value: env[key], valid: env[key] !== undefined && valid(env[key]) }).toEqual({
        key,
        value: env[key],
        valid: true,
      });
    }
  });

  test('holds no literal secret: passwords and tokens come from .env', () => {
    const secretKey = /PASSWORD|PASSWD|PWD|TOKEN|SECRET/i;
    // `${VAR}` or `${VAR:?message}`; a `:-default` would be a literal secret in disguise.
    const reference = /^\$\{[A-Z0-9_]+(:\?[^}]*)?\}$/;
    const offenders: string[] = [];
    for (const [name, s] of Object.entries(services)) {
      for (const [key, value] of Object.entries(environment(s))) {
        if (secretKey.test(key) && !reference.test(value)) offenders.push(`${name}.${key}=${value}`);
        // A password inside a connection URL counts too.
        const userinfo = /^[a-z]+:\/\/(?:\$\{[^}]*\}|[^:/@$])*:((?:\$\{[^}]*\}|[^@$])*)@/.exec(value)?.[1];
        if (userinfo !== undefined && !reference.test(userinfo)) offenders.push(`${name}.${key}=${value}`);
      }
    }
    expect(offenders).toEqual([]);
    expect(environment(service('postgres')).POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  test('registers the search attributes of the list the cluster and the dev server read, in namespace default', () => {
    const setups = Object.entries(services).filter(([, s]) => commandText(s).includes('search-attribute create'));
    expect(setups.map(([name]) => name)).toEqual(['temporal-setup']);
    const setup = service('temporal-setup');
    const script = commandText(setup);
    expect(script).toMatch(/--namespace[ =]default\b/);
    // The list itself is checked against the workflows' attributes in tests/dev/temporal-settings.test.ts.
    const [, mountedAt] = /^\.\/deploy\/temporal\/search-attributes\.txt:([^:]+)/.exec(
      String(setup.volumes?.find((v) => String(v).startsWith('./deploy/temporal/search-attributes.txt:'))),
    ) ?? [undefined, 'not mounted'];
    expect(script).toContain(`< ${mountedAt}`);
    expect(script).toMatch(/register "\$\$name" "\$\$type"/);
    // Rerunning must not fail on attributes that already exist.
    expect(script).toMatch(/already exists/i);
    expect(dependsOn(setup).temporal).toBe('service_healthy');
  });

  test('runs the Temporal server as four services of one image and one configuration, as the cluster does', () => {
    const roles = {
      temporal: 'frontend',
      'temporal-history': 'history',
      'temporal-matching': 'matching',
      'temporal-worker': 'worker',
    };
    for (const [name, role] of Object.entries(roles)) {
      expect({ name, image: service(name).image }).toEqual({ name, image: 'temporalio/server:1.29.1' });
      expect(environment(service(name))).toMatchObject({
        SERVICES: role,
        NUM_HISTORY_SHARDS: '4',
        PUBLIC_FRONTEND_ADDRESS: 'temporal:7233',
        POSTGRES_SEEDS: 'postgres',
      });
      expect(bindings(service(name))).toEqual([]);
    }
  });

  test('gives the Temporal server the settings the dev server of `npm start` and the cluster run with', () => {
    for (const name of ['temporal', 'temporal-history', 'temporal-matching', 'temporal-worker'])
      expect({
        name,
        mounted: service(name).volumes?.some((v) => String(v).startsWith('./deploy/temporal/dynamicconfig.yaml:')),
      }).toEqual({ name, mounted: true });
    // The file they read (dev/temporal-settings.ts): priority dispatch into one write partition.
    expect(dynamicConfigValues()).toMatchObject({
      'matching.useNewMatcher': true,
      'matching.numTaskqueueWritePartitions': 1,
    });
  });

  test.each([
    ['migrate', 'dist/db/migrate.js'],
    ['worker', 'dist/worker/main.js'],
    ['api', 'dist/api/main.js'],
  ])('%s is built from the Dockerfile and runs %s', (name, entry) => {
    const s = service(name);
    const build = typeof s.build === 'string' ? { context: s.build } : s.build;
    expect(build?.context).toBe('.');
    expect(build?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
    expect([s.command].flat()).toEqual(['node', entry]);
  });

  test('migrations run once the database is up; worker and api start after them', () => {
    expect(dependsOn(service('migrate')).postgres).toBe('service_healthy');
    for (const name of ['worker', 'api']) {
      const deps = dependsOn(service(name));
      expect(deps.migrate).toBe('service_completed_successfully');
      expect(deps.temporal).toBeDefined();
      expect(deps['temporal-setup']).toBe('service_completed_successfully');
      expect(deps.mailpit).toBeDefined();
    }
  });

  test('the worker sends its emails through the mail relay on the api’s internal listener, once the api is healthy', () => {
    expect(environment(service('worker')).MAIL_RELAY_URL).toBe('http://api:3001');
    expect(environment(service('api')).MAIL_RELAY_URL).toBeUndefined();
    expect(dependsOn(service('worker')).api).toBe('service_healthy');
  });

  test('leaves no stray $ for compose to interpolate: shell variables are written $$', () => {
    const stray = strings(compose).filter(([, value]) => /\$(?!\{)/.test(value.replace(/\$\$/g, '')));
    expect(stray).toEqual([]);
  });

  test('documents in deploy/.env.example every variable it reads', () => {
    const used = new Set(
      strings(compose).flatMap(([, value]) => [...value.replace(/\$\$/g, '').matchAll(/\$\{(\w+)/g)].map((m) => m[1])),
    );
    const listed = new Set([...envExample.matchAll(/^(\w+)=/gm)].map((m) => m[1]));
    expect([...used].filter((name) => !listed.has(name))).toEqual([]);
    // Secrets stay blank in the example, so a forgotten one stops compose instead of leaking a default.
    expect(envExample).toMatch(/^POSTGRES_PASSWORD=$/m);
    expect(envExample).toMatch(/^APP_DB_PASSWORD=$/m);
    expect(envExample).toMatch(/^PACT_API_TOKEN=$/m);
    expect(envExample).toMatch(/^PACT_TOKEN_SECRET=$/m);
    expect(envExample).toMatch(/^MAIL_RELAY_SECRET=$/m);
    expect(envExample).toMatch(/^PACT_MASTER_KEY=$/m);
  });
});

describe('Dockerfile', () => {
  const stages = dockerfile.split(/^FROM /m).slice(1);

  test('builds in one stage and runs in another, both on a maintained Node LTS (node:24-bookworm-slim)', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.startsWith('node:24-bookworm-slim')).toBe(true);
  });

  test('installs with npm ci and compiles with npm run build', () => {
    const build = stages[0] ?? '';
    expect(build).toMatch(/^RUN npm ci\b(?!.*--omit=dev)/m);
    expect(build).toMatch(/^RUN npm run build\b/m);
  });

  test('runs with production dependencies only, as a non-root user', () => {
    const runtime = stages[stages.length - 1] ?? '';
    expect(runtime).toMatch(/^RUN npm ci\b.*--omit=dev/m);
    expect(runtime).toMatch(/^ENV NODE_ENV=production$/m);
    expect(runtime).toMatch(/^COPY --from=\w+ \/app\/dist /m);
    const user = /^USER (\S+)/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  test('.dockerignore keeps local state and secrets out of the image', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim());
    for (const entry of ['node_modules', '.data', 'dist', '.git', 'tests/artifacts', '.env']) {
      expect(ignored).toContain(entry);
    }
  });
});
