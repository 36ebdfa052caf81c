import { Feed } from 'feed';
import type { Language } from '../../domain/vocabulary';
import type { PublicSnapshot } from '../../features/public/queries';
import { licenceName, licenceUrl, publicWording } from './public-wording';

/**
 * `/pact/feed.atom`, written with the `feed` library: a listed partner's partnership formalised, a
 * project started or closed (one with a listed partner), a meeting held (its title and date only), a
 * prioritisation round's result (the list of initiatives in order of importance).
 */
export function renderAtomFeed(snapshot: PublicSnapshot, publicUrl: string, lang: Language): string {
  const w = publicWording[lang];
  const suffix = lang === 'nl' ? '' : `?lang=${lang}`;
  const items = [
    ...snapshot.partners
      .filter((p) => p.formalisedAt)
      .map((p) => ({
        id: `${publicUrl}/pact/partners/${encodeURIComponent(p.id)}#formalised`,
        link: `${publicUrl}/pact/partners/${encodeURIComponent(p.id)}${suffix}`,
        title: w.feedFormalised(p.name),
        date: new Date(p.formalisedAt!),
      })),
    ...snapshot.projects.map((p) => ({
      id: `${publicUrl}/pact/projects/${encodeURIComponent(p.id)}#started`,
      link: `${publicUrl}/pact/projects/${encodeURIComponent(p.id)}${suffix}`,
      title: w.feedProjectStarted(p.title),
      date: new Date(p.startedAt),
    })),
    ...snapshot.projects
      .filter((p) => p.closedAt)
      .map((p) => ({
        id: `${publicUrl}/pact/projects/${encodeURIComponent(p.id)}#closed`,
        link: `${publicUrl}/pact/projects/${encodeURIComponent(p.id)}${suffix}`,
        title: w.feedProjectClosed(p.title),
        date: new Date(p.closedAt!),
      })),
    ...snapshot.rounds.map((r) => ({
      id: `${publicUrl}/pact#round-${encodeURIComponent(r.id)}`,
      link: `${publicUrl}/pact${suffix}#initiatives`,
      title: w.feedRoundResult(r.title),
      date: new Date(r.closedAt),
    })),
    ...snapshot.meetings.map((m) => ({
      id: `${publicUrl}/pact#meeting-${encodeURIComponent(m.id)}`,
      link: `${publicUrl}/pact${suffix}`,
      title: w.feedMeetingHeld(m.title),
      date: new Date(m.heldAt),
    })),
  ]
    .sort((a, b) => b.date.getTime() - a.date.getTime())
    .slice(0, 100);
  const feed = new Feed({
    id: `${publicUrl}/pact`,
    title: w.feedTitle,
    link: `${publicUrl}/pact${suffix}`,
    language: lang,
    updated: items[0]?.date ?? new Date(snapshot.generatedAt),
    feedLinks: { atom: `${publicUrl}/pact/feed.atom${suffix}` },
    copyright: `${licenceName} ${licenceUrl}`,
    generator: false,
    author: { name: w.siteName, link: `${publicUrl}/pact` },
  });
  for (const item of items) feed.addItem(item);
  return feed.atom1();
}
