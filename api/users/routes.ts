import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../auth/plugin';
import { roles } from '../../auth/schema';
import { AuthError, createUser, listUsers } from '../../auth/users';
import { ApiError } from '../../http/api-error';
import type { AppDeps } from '../../features/deps';
import { oneLineText } from '../../http/one-line-text';

/** Staff accounts, managed by administrators only (the CLI `npm run pact -- user add` does the same). */
export async function userRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.addHook('onRequest', requireStaff(deps, ['admin']));

  app.get('/api/users', async () => ({ users: await listUsers(deps.db) }));

  app.post<{ Body: { email: string; name: string; role: string; password: string } }>(
    '/api/users',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'name', 'role', 'password'],
          properties: {
            email: { type: 'string', format: 'email' },
            name: oneLineText(1, 200),
            role: { type: 'string', enum: roles },
            password: { type: 'string', maxLength: 200 },
          },
        },
      },
    },
    async (request, reply) => {
      try {
        return reply.status(201).send({ user: await createUser(deps.db, request.body) });
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        throw new ApiError(error.code === 'duplicate_email' ? 409 : 400, error.code, error.message);
      }
    },
  );
}
