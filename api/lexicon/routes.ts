import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireStaff, staffUserOf } from '../../auth/plugin';
import type { AppDeps } from '../../features/deps';
import { addTerm, changeTerm, lexiconTerms, termHistory } from '../../features/lexicon/lexicon';
import { newTermSchema, termChangeSchema } from '../../features/lexicon/schema';
import { ApiError } from '../../http/api-error';
import { idParams } from '../../http/id-params';
import { noFiltersQuery } from '../../http/list-query';

/** Staff API for the pact's lexicon (README.md, "The lexicon"): its terms, each change a new version. */
export async function lexiconRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', requireStaff(deps));

  app.get('/api/lexicon', { schema: { querystring: noFiltersQuery } }, async () => ({
    terms: await lexiconTerms(deps.db),
  }));

  app.post('/api/lexicon', { schema: { body: newTermSchema } }, async (request, reply) => {
    const created = await addTerm(deps.db, request.body, staffUserOf(request).email);
    return reply.status(201).header('location', `/api/lexicon/${created.id}`).send(created);
  });

  app.get('/api/lexicon/:id', { schema: { params: idParams } }, async (request) => {
    const term = await termHistory(deps.db, request.params.id);
    if (!term) throw new ApiError(404, 'term_not_found', `There is no lexicon term "${request.params.id}".`);
    return term;
  });

  app.patch('/api/lexicon/:id', { schema: { params: idParams, body: termChangeSchema } }, async (request) =>
    changeTerm(deps.db, request.params.id, request.body, staffUserOf(request).email),
  );
}
