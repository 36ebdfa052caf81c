import { toCsv } from '../monitoring/reports-csv';
import type { PortfolioInitiative } from './queries';

/** GET /api/initiatives.csv: the portfolio, one row per initiative; lists joined by `;`. */
export function initiativesCsv(initiatives: PortfolioInitiative[]): string {
  const header = [
    'id',
    'title',
    'kind',
    'status',
    'priority_rank',
    'origin',
    'origin_ref',
    'levers',
    'characteristics',
    'preconditions',
    'proposers',
    'supporters',
    'project_id',
    'project_status',
    'project_score',
    'created_at',
    'description',
  ];
  const partnersAs = (i: PortfolioInitiative, role: string) =>
    i.partners
      .filter((p) => p.role === role)
      .map((p) => p.id)
      .join(';');
  return toCsv(
    header,
    initiatives.map((i) => [
      i.id,
      i.title,
      i.kind,
      i.status,
      i.priority_rank ?? '',
      i.origin,
      i.origin_ref ?? '',
      i.levers.join(';'),
      i.characteristics.join(';'),
      i.preconditions.join(';'),
      partnersAs(i, 'proposer'),
      partnersAs(i, 'supporter'),
      i.project?.id ?? '',
      i.project?.status ?? '',
      i.project?.score ?? '',
      i.created_at,
      i.description,
    ]),
  );
}
