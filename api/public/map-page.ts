import type { FastifyInstance } from 'fastify';
import type { MapEdgeKind } from '../../db/map/pact-graph';
import { leverLabels } from '../../domain/translated-labels';
import type { Language, Lever } from '../../domain/vocabulary';
import type { AppDeps } from '../../features/deps';
import { publicMapView, type ViewNode } from '../../features/map/map-view';
import { askedLanguage, chooseLanguage } from '../html/language-picker';
import { html } from '../html/layout';
import { publicPage } from './public-layout';
import { mapStyles } from '../html/styles';
import { looseNodes, relationTable } from '../map/map-page';
import { mapLegend, mapSvg, type MapDrawingWords } from '../map/map-svg';

interface PublicMapWords extends MapDrawingWords {
  title: string;
  intro: string;
  tableCaption: string;
  from_: string;
  relation: string;
  to_: string;
  since: string;
  until: string;
  change: string;
  loose: string;
  empty: string;
}

const kindsNl = {
  partner: 'partner',
  project: 'project',
  initiative: 'initiatief',
  meeting: 'bijeenkomst',
  lever: 'hefboom',
  sector: 'sector',
};
const relationsOf = (r: Record<MapEdgeKind, string>) => r;

/** The public map's words in the partners' three languages. */
const words: Record<Language, PublicMapWords> = {
  nl: {
    title: 'De kaart van het pact',
    intro:
      'De geformaliseerde partners die ermee instemmen om publiek vermeld te worden, de projecten waaraan ze deelnemen, en de zes hefbomen.',
    kinds: kindsNl,
    relations: relationsOf({
      takes_part_in: 'neemt deel aan',
      proposes: 'stelt voor',
      supports: 'steunt',
      attended: 'was aanwezig op',
      works_on: 'werkt aan',
      brought_in: 'bracht aan',
    }),
    appeared: 'verschenen',
    ended: 'geëindigd',
    legend: 'Legende',
    partnersCount: (n) => `${n} partners`,
    tableCaption: 'De kaart als tabel',
    from_: 'Van',
    relation: 'Relatie',
    to_: 'Naar',
    since: 'Sinds',
    until: 'Tot',
    change: 'Wijziging',
    loose: 'Nog zonder project',
    empty: 'Nog geen partners op de publieke kaart.',
  },
  en: {
    title: 'The map of the pact',
    intro:
      'The formalised partners that agreed to be listed publicly, the projects they take part in, and the six levers.',
    kinds: {
      partner: 'partner',
      project: 'project',
      initiative: 'initiative',
      meeting: 'meeting',
      lever: 'lever',
      sector: 'sector',
    },
    relations: relationsOf({
      takes_part_in: 'takes part in',
      proposes: 'proposes',
      supports: 'supports',
      attended: 'attended',
      works_on: 'works on',
      brought_in: 'brought in',
    }),
    appeared: 'appeared',
    ended: 'ended',
    legend: 'Legend',
    partnersCount: (n) => `${n} partners`,
    tableCaption: 'The map as a table',
    from_: 'From',
    relation: 'Relation',
    to_: 'To',
    since: 'Since',
    until: 'Until',
    change: 'Change',
    loose: 'Not in a project yet',
    empty: 'No partners on the public map yet.',
  },
  fr: {
    title: 'La carte du pacte',
    intro:
      'Les partenaires formalisés qui acceptent d’être cités publiquement, les projets auxquels ils participent et les six leviers.',
    kinds: {
      partner: 'partenaire',
      project: 'projet',
      initiative: 'initiative',
      meeting: 'réunion',
      lever: 'levier',
      sector: 'secteur',
    },
    relations: relationsOf({
      takes_part_in: 'participe à',
      proposes: 'propose',
      supports: 'soutient',
      attended: 'a participé à',
      works_on: 'travaille sur',
      brought_in: 'a amené',
    }),
    appeared: 'apparu',
    ended: 'terminé',
    legend: 'Légende',
    partnersCount: (n) => `${n} partenaires`,
    tableCaption: 'La carte sous forme de tableau',
    from_: 'De',
    relation: 'Relation',
    to_: 'Vers',
    since: 'Depuis',
    until: 'Jusqu’à',
    change: 'Changement',
    loose: 'Pas encore dans un projet',
    empty: 'Pas encore de partenaires sur la carte publique.',
  },
};

/**
 * `/pact/map`: the pact now, as the public pages show it (features/map/map-view.ts, `publicMapView`):
 * consenting formalised partners, their projects and the levers; counts of listed partners, from PUBLIC_MIN_PARTNERS on.
 */
export async function publicMapRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/pact/map', async (request, reply) => {
    const lang = chooseLanguage(['nl', 'en', 'fr'] as const, askedLanguage(request));
    const w = words[lang];
    const view = await publicMapView(deps.db, deps.config.publicMinPartners);
    const leverLabel = (key: string) => leverLabels[lang][key as Lever] ?? key;
    const kinds: ViewNode['kind'][] = ['partner', 'project', 'lever'];
    const body = html`<h1>${w.title}</h1>
      <p>${w.intro}</p>
      ${view.nodes.some((n) => n.kind === 'partner') ? '' : html`<p class="notice">${w.empty}</p>`}
      <div class="map-layout">
        <div>${mapSvg(view, w, { title: w.title, description: w.intro, leverLabel })}${mapLegend(w, kinds, ['takes_part_in', 'works_on'], false)}</div>
        <div class="map-table">${relationTable(view, w, leverLabel, false)} ${looseNodes(view, w, leverLabel)}</div>
      </div>`;
    return reply
      .type('text/html; charset=utf-8')
      .send(
        publicPage({ lang, title: w.title, body, active: 'map', extraStyles: `main{max-width:72rem}${mapStyles}` }),
      );
  });
}
