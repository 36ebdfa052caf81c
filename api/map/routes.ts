import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff } from '../../auth/plugin';
import type { AppDeps } from '../../features/deps';
import { exportFileName, exportGraph, mapGexf, mapGraphml, mapJson } from '../../features/map/exports';
import { type MapQuery, readMapQuery } from '../../features/map/map-query';
import type { MapGraph } from '../../db/map/pact-graph';
import { ApiError } from '../../http/api-error';

/** A malformed date or an unknown filter is a 400 naming it; nothing else is read. */
function mapQueryOf(request: FastifyRequest): MapQuery {
  const { query, problems } = readMapQuery(request.query as Record<string, unknown>);
  if (problems.length)
    throw new ApiError(400, 'invalid_request', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  return query;
}

/**
 * The map's staff exports, dated: `GET /api/map` (JSON: nodes, and edges with their begin and end),
 * `/api/map.gexf` (Gephi) and `/api/map.graphml` (Kumu, yEd), `?at=` the date (else now) and the map's
 * filters. Each is written as it streams, never held whole.
 */
export async function mapRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.addHook('onRequest', requireStaff(deps));

  const formats: Record<
    string,
    { type: string; extension: string; write: (at: Date, graph: MapGraph) => Generator<string> }
  > = {
    '/api/map': { type: 'application/json; charset=utf-8', extension: 'json', write: mapJson },
    '/api/map.gexf': { type: 'application/gexf+xml; charset=utf-8', extension: 'gexf', write: mapGexf },
    '/api/map.graphml': { type: 'application/graphml+xml; charset=utf-8', extension: 'graphml', write: mapGraphml },
  };
  for (const [path, format] of Object.entries(formats))
    app.get(path, async (request, reply) => {
      const { at, graph } = await exportGraph(deps.db, mapQueryOf(request));
      reply.type(format.type).header('cache-control', 'no-store');
      if (format.extension !== 'json')
        reply.header('content-disposition', `attachment; filename="${exportFileName(at, format.extension)}"`);
      return reply.send(Readable.from(format.write(at, graph)));
    });
}
