import { castOf, goesAsFarAs, type Organisation } from './cast';
import { changeConsent, changesOfMind } from './consents';
import { Inbox } from './inbox';
import { advance, inTurn, type Level, onboardingOf, partnerOf } from './journeys';
import { holdMeeting } from './meeting';
import { PactApi } from './pact-api';
import { peopleOf } from './people';
import { initiatives, proposedInIntent, supporterId } from './portfolio';
import { joinThroughReferral } from './referrals';
import { reportPeriods } from './reports';
import { runRound } from './round';

export interface DemoTarget {
  /** The app's base URL, and the staff API token. */
  url: string;
  apiToken: string;
  /** The Mailpit that receives the system's mail (its REST API). */
  mailpitUrl: string;
  /** Where the API takes replies by email. */
  inbound: { host: string; port: number };
  /** Tests only: added to every organisation's name (castOf). */
  tag?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** How many journeys move at once: enough to finish in minutes, few enough for a laptop. */
const width = 6;

/**
 * Loads the demo pact through the system's own doors: the staff API, the links in the emails in
 * Mailpit, the public join form, and replies to the inbound SMTP port. Every step looks first at what
 * exists (a partner, a join request, a request still pending) or creates with an idempotency key, so
 * running it again, also after it was stopped half-way, creates nothing twice.
 */
export async function loadDemoPact(target: DemoTarget): Promise<void> {
  const log = target.log ?? (() => undefined);
  const api = new PactApi(target.url, target.apiToken);
  const inbox = new Inbox(target.mailpitUrl, target.inbound);
  const cast = castOf(target.tag);
  const named = (name: string) => cast.find((o) => o.name === (target.tag ? `${name} ${target.tag}` : name))!;
  try {
    const direct = cast.filter((o) => !o.referredBy);
    log(`onboarding ${direct.length} organisations and answering their requests through their links`);
    await inTurn(direct, width, async (organisation) => {
      if (!(await partnerOf(api, peopleOf(organisation).id))) await onboard(api, organisation);
      const proposes = organisation === named(proposedInIntent.organisation);
      await advance(api, inbox, organisation, stopBeforeProject(organisation), {
        ...(proposes ? { initiatives: [proposedInIntent.initiative] } : {}),
      });
    });

    const referred = cast.filter((o) => o.referredBy);
    log(`${referred.length} organisations join through a partner's invitation link`);
    await inTurn(referred, width, async (organisation) => {
      await joinThroughReferral(api, inbox, organisation);
      await advance(api, inbox, organisation, stopBeforeProject(organisation));
    });

    log('partners change their mind about being listed publicly, on their consent page');
    for (const change of changesOfMind) await changeConsent(api, inbox, named(change.organisation), change.listed);

    log('the portfolio: initiatives with their supporters, and a prioritisation round');
    const formalised = cast.filter((o) => goesAsFarAs(o, 'formalised'));
    const ids: string[] = [];
    for (const initiative of initiatives)
      ids.push(
        await api.create('/api/initiatives', {
          title: initiative.title,
          description: initiative.description,
          levers: initiative.levers,
          kind: 'proposal',
          partnerIds: initiative.supporters.map((name) => supporterId(name, target.tag)),
          idempotencyKey: initiative.key,
        }),
      );
    const winners = ids.filter((_, i) => initiatives[i]!.wins);
    await runRound(api, inbox, ids, winners, formalised);

    log('projects from the prioritised initiatives; their partners confirm taking part');
    for (const [i, id] of winners.entries()) {
      const { status } = (await api.get<{ status: string }>(`/api/initiatives/${id}`))!;
      if (status === 'prioritised')
        await api.create('/api/projects', { initiativeId: id, idempotencyKey: `demo-project-${i + 1}` });
    }
    // All at once: a project runs (and its partners move on) only once every partner has answered.
    const inProjects = cast.filter((o) => goesAsFarAs(o, 'project'));
    await inTurn(inProjects, inProjects.length, (organisation) => advance(api, inbox, organisation, 'project'));

    log('a learning-network meeting: answers on its page and by email');
    await holdMeeting(api, inbox, formalised);

    const reporting = cast.filter((o) => goesAsFarAs(o, 'reporting'));
    log(`${reporting.length} partners report on their first periods (a few minutes: one report a period)`);
    await inTurn(reporting, width, (organisation) => reportPeriods(api, inbox, organisation));
  } finally {
    inbox.close();
  }
}

/** Formalised at most: a partner enters its project once the round has chosen the projects. */
const stopBeforeProject = (organisation: Organisation): Level =>
  goesAsFarAs(organisation, 'formalised') ? 'formalised' : (organisation.reach as Level);

async function onboard(api: PactApi, organisation: Organisation): Promise<void> {
  const response = await api.fetch('/api/partners', {
    method: 'POST',
    body: JSON.stringify(onboardingOf(organisation)),
  });
  // 409: an earlier run onboarded it just before it was stopped.
  if (response.status !== 201 && response.status !== 409)
    throw new Error(`onboarding ${organisation.name} failed: ${response.status} ${await response.text()}`);
}
