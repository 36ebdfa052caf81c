import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireStaff } from '../../auth/plugin';
import { roles } from '../../auth/schema';
import { AuthError, createUser, listUsers, staffNameMaxLength } from '../../auth/users';
import { ApiError } from '../../http/api-error';
import type { AppDeps } from '../../features/deps';
import { oneLineText } from '../../http/one-line-text';

/** POST /api/users: a new staff account (auth/users.ts checks the password's strength). */
const newUserSchema = Type.Object(
  {
    email: Type.String({ format: 'email' }),
    name: oneLineText(1, staffNameMaxLength),
    role: Type.Enum(roles, { type: 'string' }),
    password: Type.String({ maxLength: 200 }),
  },
  { additionalProperties: false },
);

/** Staff accounts, managed by administrators only (the CLI `npm run pact -- user add` does the same). */
export async function userRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', requireStaff(deps, ['admin']));

  app.get('/api/users', async () => ({ users: await listUsers(deps.db) }));

  app.post('/api/users', { schema: { body: newUserSchema } }, async (request, reply) => {
    try {
      return reply.status(201).send({ user: await createUser(deps.db, request.body) });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      throw new ApiError(error.code === 'duplicate_email' ? 409 : 400, error.code, error.message);
    }
  });
}
