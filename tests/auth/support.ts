import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { registerErrorHandling } from '../../api/errors';
import { authRoutes, type AuthRoutesDeps } from '../../auth/routes';
import { requireStaff, staffAuthPlugin, staffUserOf } from '../../auth/plugin';
import { createUser, type StaffUser } from '../../auth/users';
import type { Db } from '../../db/connection';
import { up } from '../../db/migrations/003_staff_accounts';
import type { TestSystem } from '../support/test-system';

/** Runs migration 003 unless the registry already did (once the lead lists it in db/migrations/index.ts). */
export async function ensureAuthTables(db: Db): Promise<Db> {
  const { rows } = await sql<{ found: string | null }>`select to_regclass('staff_users')::text as found`.execute(db);
  if (!rows[0]?.found) await up(db);
  return db;
}

export interface AuthApp {
  url: string;
  app: FastifyInstance;
  db: Db;
  close(): Promise<void>;
}

/**
 * A small app with the auth plugins and guarded routes, on a free port, against the test
 * system's database: `/work` (any staff), `/directors` (director), `/admin-only` (admin).
 */
export async function startAuthApp(system: TestSystem, options: Partial<AuthRoutesDeps> = {}): Promise<AuthApp> {
  const db = await ensureAuthTables(system.db);
  const deps: AuthRoutesDeps = { db: system.db, config: system.config, ...options };
  const app = Fastify();
  registerErrorHandling(app);
  await app.register(staffAuthPlugin(deps));
  await app.register(authRoutes, deps);
  const whoAmI = async (request: Parameters<typeof staffUserOf>[0]) => ({ user: staffUserOf(request) });
  app.get('/work', { onRequest: requireStaff(deps) }, whoAmI);
  app.post('/work', { onRequest: app.requireRole() }, whoAmI);
  app.get('/directors', { preHandler: app.requireRole('director') }, whoAmI);
  app.get('/admin-only', { onRequest: app.requireRole('admin') }, whoAmI);
  // Real HTTP: app.inject cannot load light-my-request's ESM cookie package under jest on Node 20.
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return { url, app, db, close: () => app.close() };
}

let counter = 0;
/** A fresh account with a known password; emails are unique per call. */
export async function addUser(
  db: Db,
  role: StaffUser['role'],
  password = 'correct horse battery staple',
): Promise<StaffUser & { password: string }> {
  counter += 1;
  const user = await createUser(db, {
    email: `${role}-${counter}-${Date.now()}@integratiepact.example`,
    name: `Test ${role} ${counter}`,
    role,
    password,
  });
  return { ...user, password };
}

/** The `name=value` part of a Set-Cookie header, to send back as a Cookie header. */
export const cookieFrom = (setCookie: string | null): string => (setCookie ?? '').split(';')[0] ?? '';
