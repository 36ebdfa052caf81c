import { stringify } from 'csv-stringify/sync';
import type { PublicSnapshot } from '../../features/public/queries';
import { licenceName, licenceUrl } from './public-wording';

/**
 * `/pact/data.json` and `/pact/data.csv`: the public figures and the list of listed partners, under
 * CC BY 4.0. The CSV holds the same records as the JSON, one line each, `record` saying which.
 */

export interface OpenData {
  licence: { name: string; url: string; attribution: string };
  generatedAt: string;
  /** Every published figure covers at least this many distinct partners. */
  minPartners: number;
  partners: {
    id: string;
    name: string;
    actorType: string;
    sector: string;
    levers: string[];
    formalisedAt: string | null;
    url: string;
  }[];
  figures: {
    period: string;
    periodStart: string;
    periodEnd: string;
    dimension: string;
    group: string | null;
    indicator: string;
    value: number | null;
    suppressed: boolean;
  }[];
}

export function openData(snapshot: PublicSnapshot, publicUrl: string, period?: string): OpenData {
  return {
    licence: { name: licenceName, url: licenceUrl, attribution: 'Integratiepact' },
    generatedAt: snapshot.generatedAt,
    minPartners: snapshot.minPartners,
    partners: snapshot.partners.map((p) => ({
      id: p.id,
      name: p.name,
      actorType: p.actorType,
      sector: p.sector,
      levers: p.levers,
      formalisedAt: p.formalisedAt,
      url: `${publicUrl}/pact/partners/${encodeURIComponent(p.id)}`,
    })),
    figures: snapshot.periods
      .filter((p) => period === undefined || p.period === period)
      .flatMap((p) =>
        p.cells.map((cell) => ({
          period: p.period,
          periodStart: p.start,
          periodEnd: p.end,
          dimension: cell.dimension,
          group: cell.group,
          indicator: cell.indicator,
          value: cell.value,
          suppressed: cell.suppressed,
        })),
      ),
  };
}

export const csvColumns = [
  'record',
  'id',
  'name',
  'actor_type',
  'sector',
  'levers',
  'formalised_at',
  'url',
  'period',
  'period_start',
  'period_end',
  'dimension',
  'group',
  'indicator',
  'value',
  'suppressed',
] as const;

/** The same data as CSV: a first comment line states the licence; lists are joined with `;`. */
export function openDataCsv(data: OpenData): string {
  const rows = [
    ...data.partners.map((p) => ({
      record: 'partner',
      id: p.id,
      name: p.name,
      actor_type: p.actorType,
      sector: p.sector,
      levers: p.levers.join(';'),
      formalised_at: p.formalisedAt ?? '',
      url: p.url,
    })),
    ...data.figures.map((f) => ({
      record: 'figure',
      period: f.period,
      period_start: f.periodStart,
      period_end: f.periodEnd,
      dimension: f.dimension,
      group: f.group ?? '',
      indicator: f.indicator,
      value: f.value === null ? '' : String(f.value),
      suppressed: f.suppressed ? 'true' : 'false',
    })),
  ];
  return (
    `# Integratiepact open data, ${data.generatedAt}. Licence: ${data.licence.name} (${data.licence.url}); attribution: ${data.licence.attribution}. Every published figure covers at least ${data.minPartners} partners.\n` +
    stringify(rows, { header: true, columns: [...csvColumns] })
  );
}
