import type { Db } from '../../db/connection';
import { inviteesWithContact } from '../../db/meeting-invitees';
import { writtenTexts } from '../../db/written-texts';

/** Every meeting, newest first, with its counts of answers: the staff list and `GET /api/meetings`. */
export async function meetingList(db: Db) {
  const meetings = await db.selectFrom('meetings').selectAll().orderBy('starts_at', 'desc').execute();
  const counts = await db
    .selectFrom('meeting_invitees')
    .select(['meeting_id', 'answer', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy(['meeting_id', 'answer'])
    .execute();
  return meetings.map((m) => {
    const of = (answer: string | null) =>
      Number(counts.find((c) => c.meeting_id === m.id && c.answer === answer)?.count ?? 0);
    return {
      ...m,
      answers: { yes: of('yes'), no: of('no'), maybe: of('maybe'), none: of(null) },
      invited: of('yes') + of('no') + of('maybe') + of(null),
    };
  });
}

/** One meeting with its invitees, each with their current answer, channel and note. */
export async function meetingDetail(db: Db, meetingId: string) {
  const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) return undefined;
  const rows = await inviteesWithContact(db)
    .select([
      'meeting_invitees.answer_via',
      'meeting_invitees.answer_texts_id',
      'meeting_invitees.answered_at',
      'meeting_invitees.attended',
      'contacts.role',
    ])
    .where('meeting_invitees.meeting_id', '=', meetingId)
    .orderBy('partners.name')
    .orderBy('meeting_invitees.id')
    .execute();
  const invitees = await Promise.all(
    rows.map(async ({ answer_texts_id, ...row }) => ({ ...row, note: (await writtenTexts(db, answer_texts_id)).note })),
  );
  const initiatives = await meetingInitiatives(db, meetingId);
  const actions = await db
    .selectFrom('meeting_actions')
    .select(['id', 'owner_partner_id', 'description', 'due_at', 'request_id'])
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .execute();
  return { meeting, invitees, initiatives, actions };
}

export type MeetingDetail = NonNullable<Awaited<ReturnType<typeof meetingDetail>>>;

/** A meeting as JSON: the API's shape of a row. */
export const meetingJson = (m: Awaited<ReturnType<typeof meetingList>>[number] | MeetingDetail['meeting']) => ({
  id: m.id,
  title: m.title,
  sector: m.sector,
  levers: m.levers,
  startsAt: m.starts_at,
  endsAt: m.ends_at,
  place: m.place,
  onlineUrl: m.online_url,
  agenda: m.agenda,
  status: m.status,
  sequence: m.sequence,
});

/** The initiatives proposed at a meeting: in the portfolio, origin `minutes`, with their proposers. */
export async function meetingInitiatives(db: Db, meetingId: string) {
  const rows = await db
    .selectFrom('initiatives')
    .select(['id', 'title', 'description', 'levers', 'status', 'idempotency_key'])
    .where('origin', '=', 'minutes')
    .where('origin_ref', '=', meetingId)
    .orderBy('created_at')
    .orderBy('idempotency_key')
    .execute();
  const partners = rows.length
    ? await db
        .selectFrom('initiative_partners')
        .select(['initiative_id', 'partner_id'])
        .where(
          'initiative_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('since')
        .orderBy('partner_id')
        .execute()
    : [];
  return rows.map(({ idempotency_key: _key, ...row }) => ({
    ...row,
    partnerIds: partners.filter((p) => p.initiative_id === row.id).map((p) => p.partner_id),
  }));
}
