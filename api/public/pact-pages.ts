import { leverLabels } from '../../domain/translated-labels';
import { actorTypes, levers as leverVocabulary, sectors as sectorVocabulary } from '../../domain/vocabulary';
import type { Language, Lever } from '../../domain/vocabulary';
import { publicPartnerCount } from '../../features/public/partner-count';
import type { PublicPartner, PublicPeriod, PublicProject, PublicSnapshot } from '../../features/public/queries';
import { html, type Html } from '../html/layout';
import { publicDate, publicHref, publicNumber, publicPage } from './public-layout';
import { licenceName, licenceUrl, publicWording } from './public-wording';

const leverList = (levers: readonly Lever[], lang: Language): string =>
  levers.map((l) => leverLabels[lang][l]).join(', ');

/** How many of these partners a page may say, by the public count rule (the snapshot holds listed partners only). */
const listedCount = (partners: readonly { id: string }[], minPartners: number) =>
  publicPartnerCount(
    partners.map((p) => p.id),
    () => true,
    minPartners,
  );

/** " (n partners)" after a heading over listed partners; nothing below the rule's floor. */
const countSuffix = (partners: readonly { id: string }[], minPartners: number, lang: Language): string => {
  const count = listedCount(partners, minPartners);
  return count === undefined ? '' : ` (${publicWording[lang].partnersCount(count)})`;
};

/** `/pact`: the listed partners, the projects by lever, the prioritised initiatives, the figures. */
export function renderPactPage(snapshot: PublicSnapshot, lang: Language, notice?: string): string {
  const w = publicWording[lang];
  const partnerItem = (p: PublicPartner) =>
    html`<li><a href="${publicHref(`/pact/partners/${encodeURIComponent(p.id)}`, lang)}">${p.name}</a></li>`;
  const partners =
    snapshot.partners.length === 0
      ? html`<p class="muted">${w.noPartners}</p>`
      : actorTypes.keys.map((actorType) => {
          const ofType = snapshot.partners.filter((p) => p.actorType === actorType);
          if (ofType.length === 0) return html``;
          return html`<h3>${w.actorTypes[actorType]}${countSuffix(ofType, snapshot.minPartners, lang)}</h3>
            ${sectorVocabulary.keys.map((sector) => {
              const inSector = ofType.filter((p) => p.sector === sector);
              return inSector.length === 0
                ? html``
                : html`<h4>${w.sectors[sector]}</h4>
                    <ul class="plain">
                      ${inSector.map(partnerItem)}
                    </ul>`;
            })}`;
        });

  const projectItem = (project: PublicProject) =>
    html`<li>
      <a href="${publicHref(`/pact/projects/${encodeURIComponent(project.id)}`, lang)}">${project.title}</a>
    </li>`;
  const groups: [string, PublicProject[]][] = [
    ...leverVocabulary.keys.map((lever): [string, PublicProject[]] => [
      leverLabels[lang][lever],
      snapshot.projects.filter((p) => p.levers.includes(lever)),
    ]),
    [w.withoutLever, snapshot.projects.filter((p) => p.levers.length === 0)],
  ];
  const projects =
    snapshot.projects.length === 0
      ? html`<p class="muted">${w.noProjects}</p>`
      : groups
          .filter(([, list]) => list.length > 0)
          .map(
            ([label, list]) =>
              html`<h3>${label}</h3>
                <ul class="plain">
                  ${list.map(projectItem)}
                </ul>`,
          );

  const initiatives =
    snapshot.initiatives.length === 0
      ? html`<p class="muted">${w.noInitiatives}</p>`
      : html`<ol>
          ${snapshot.initiatives.map(
            (i) =>
              html`<li>${i.title}${i.levers.length ? html` <span class="muted">(${leverList(i.levers, lang)})</span>` : ''}</li>`,
          )}
        </ol>`;

  const body = html`<h1>${w.pactTitle}</h1>
    <p>${w.pactIntro}</p>
    <section aria-labelledby="summary">
      <h2 id="summary">${w.summaryHeading}</h2>
      <ul class="summary">
        ${
          listedCount(snapshot.partners, snapshot.minPartners) === undefined
            ? ''
            : html`<li><strong>${snapshot.partners.length}</strong> ${w.summary.partners}</li>`
        }
        <li><strong>${snapshot.projects.length}</strong> ${w.summary.projects}</li>
        <li><strong>${snapshot.initiatives.length}</strong> ${w.summary.initiatives}</li>
      </ul>
    </section>
    <section aria-labelledby="partners">
      <h2 id="partners">${w.partnersHeading}</h2>
      <p>${w.partnersIntro}</p>
      ${partners}
    </section>
    <section aria-labelledby="projects">
      <h2 id="projects">${w.projectsHeading}</h2>
      <p>${w.projectsIntro}</p>
      ${projects}
    </section>
    <section aria-labelledby="initiatives">
      <h2 id="initiatives">${w.initiativesHeading}</h2>
      <p>${w.initiativesIntro}</p>
      ${initiatives}
    </section>
    <section aria-labelledby="figures">
      <h2 id="figures">${w.figuresHeading}</h2>
      <p>${w.figuresIntro(snapshot.minPartners)}</p>
      ${
        snapshot.periods.length === 0
          ? html`<p class="muted">${w.noFigures}</p>`
          : html`${snapshot.periods.map((period) => figuresTables(snapshot, period, lang))}
            <p class="muted">${w.suppressedNote(snapshot.minPartners)}</p>`
      }
    </section>
    <section aria-labelledby="open-data">
      <h2 id="open-data">${w.openDataHeading}</h2>
      <p>
        ${w.openData} <a href="/pact/data.json">data.json</a>, <a href="/pact/data.csv">data.csv</a>.
        ${w.licence}: <a href="${licenceUrl}" rel="license">${licenceName}</a>.
      </p>
    </section>`;
  return publicPage({ lang, title: w.pactTitle, body, active: 'pact', notice });
}

/** One period: a table per dimension, rows the groups, columns the indicators that have a cell. */
function figuresTables(snapshot: PublicSnapshot, period: PublicPeriod, lang: Language): Html {
  const w = publicWording[lang];
  const indicators = snapshot.indicators.filter((i) => period.cells.some((c) => c.indicator === i.key));
  if (indicators.length === 0) return html``;
  const cellText = (dimension: string, group: string | null, indicator: string) => {
    const cell = period.cells.find((c) => c.dimension === dimension && c.group === group && c.indicator === indicator);
    if (!cell) return html`<td class="number">–</td>`;
    return cell.suppressed || cell.value === null
      ? html`<td class="number">${w.suppressed}</td>`
      : html`<td class="number">${publicNumber(cell.value, lang)}</td>`;
  };
  const table = (caption: string, rows: [string, 'all' | 'lever' | 'sector', string | null][]) =>
    html`<div class="figures">
      <table>
        <caption>
          ${caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${w.indicator}</th>
            ${indicators.map((i) => html`<th scope="col">${i.labels[lang]}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            ([label, dimension, group]) =>
              html`<tr>
                <th scope="row">${label}</th>
                ${indicators.map((i) => cellText(dimension, group, i.key))}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  const present = (dimension: string) => (group: string) =>
    period.cells.some((c) => c.dimension === dimension && c.group === group);
  return html`<h3>${w.figuresPeriod(period.period)}</h3>
    ${table(`${w.figuresPeriod(period.period)}: ${w.byLever}`, [
      [w.total, 'all', null],
      ...leverVocabulary.keys
        .filter(present('lever'))
        .map((l): [string, 'lever', string] => [leverLabels[lang][l], 'lever', l]),
    ])}
    ${table(`${w.figuresPeriod(period.period)}: ${w.bySector}`, [
      [w.total, 'all', null],
      ...sectorVocabulary.keys
        .filter(present('sector'))
        .map((s): [string, 'sector', string] => [w.sectors[s], 'sector', s]),
    ])}`;
}

export function renderPartnerPage(partner: PublicPartner, lang: Language, notice?: string) {
  const w = publicWording[lang];
  const body = html`<h1>${partner.name}</h1>
    <dl class="facts">
      <dt>${w.actorType}</dt>
      <dd>${w.actorTypes[partner.actorType]}</dd>
      <dt>${w.sector}</dt>
      <dd>${w.sectors[partner.sector]}</dd>
      <dt>${w.levers}</dt>
      <dd>${partner.levers.length ? leverList(partner.levers, lang) : '–'}</dd>
      ${
        partner.formalisedAt
          ? html`<dt>${w.formalisedOn}</dt>
            <dd>${publicDate(partner.formalisedAt, lang)}</dd>`
          : ''
      }
    </dl>
    <h2>${w.projects}</h2>
    ${
      partner.projects.length === 0
        ? html`<p class="muted">${w.partnerProjectsNone}</p>`
        : html`<ul class="plain">
          ${partner.projects.map(
            (p) =>
              html`<li><a href="${publicHref(`/pact/projects/${encodeURIComponent(p.id)}`, lang)}">${p.title}</a></li>`,
          )}
        </ul>`
    }
    <p><a href="${publicHref('/pact', lang)}">${w.backToPact}</a></p>`;
  return publicPage({ lang, title: partner.name, body, notice });
}

export function renderProjectPage(project: PublicProject, lang: Language, minPartners: number, notice?: string) {
  const w = publicWording[lang];
  const body = html`<h1>${project.title}</h1>
    <dl class="facts">
      <dt>${w.levers}</dt>
      <dd>${project.levers.length ? leverList(project.levers, lang) : '–'}</dd>
      <dt>${w.startedOn}</dt>
      <dd>${publicDate(project.startedAt, lang)}</dd>
    </dl>
    <h2>${w.partners}${countSuffix(project.partners, minPartners, lang)}</h2>
    <ul class="plain">
      ${project.partners.map(
        (p) => html`<li><a href="${publicHref(`/pact/partners/${encodeURIComponent(p.id)}`, lang)}">${p.name}</a></li>`,
      )}
    </ul>
    <p class="muted">${w.projectPartnersNote}</p>
    <p><a href="${publicHref('/pact', lang)}">${w.backToPact}</a></p>`;
  return publicPage({ lang, title: project.title, body, notice });
}

export function renderNotFoundPage(lang: Language) {
  const w = publicWording[lang];
  return publicPage({
    lang,
    title: w.notFoundTitle,
    body: html`<h1>${w.notFoundTitle}</h1>
      <p>${w.notFound}</p>
      <p><a href="${publicHref('/pact', lang)}">${w.backToPact}</a></p>`,
  });
}
