import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { ActorType, ContactRole, Language, Lever, Sector } from '../domain/vocabulary';
import type { JourneyStage, JourneyStatus, RequestKind, RequestStatus } from '../domain/journey';
import type { AuthTables } from '../auth/schema';
import type { StoredTopic } from '../domain/request-topics';
import type { MeetingStatus, RsvpAnswer, RsvpChannel } from '../domain/meetings';
import type {
  Characteristic,
  InitiativeKind,
  InitiativeOrigin,
  InitiativePartnerRole,
  InitiativeStatus,
  Precondition,
} from '../domain/initiatives';
import type { PublicListingVia } from '../domain/public-listing';
import type { JoinRequestData, JoinRequestStatus } from '../domain/joining';
import type { StoredAnswer } from '../domain/request-answers';
import type {
  BallotChannel,
  BallotStatus,
  RankedInitiative,
  RoundClosedBy,
  RoundStatus,
} from '../domain/prioritisation';
import type { ImportLineStatus, ImportStatus } from '../domain/partner-import';

/** The app's database as Kysely sees it; the migrations in db/migrations create exactly this. */
export interface Database extends AuthTables {
  partners: PartnersTable;
  contacts: ContactsTable;
  journeys: JourneysTable;
  journey_events: JourneyEventsTable;
  requests: RequestsTable;
  email_outbox: EmailOutboxTable;
  indicators: IndicatorsTable;
  indicator_values: IndicatorValuesTable;
  indicator_totals: IndicatorTotalsTable;
  projects: ProjectsTable;
  project_partners: ProjectPartnersTable;
  data_keys: DataKeysTable;
  erasures: ErasuresTable;
  written_texts: WrittenTextsTable;
  meetings: MeetingsTable;
  meeting_invitees: MeetingInviteesTable;
  meeting_actions: MeetingActionsTable;
  revoked_links: RevokedLinksTable;
  payload_reads: PayloadReadsTable;
  shared_cache: SharedCacheTable;
  initiatives: InitiativesTable;
  lexicon_terms: LexiconTermsTable;
  lexicon_versions: LexiconVersionsTable;
  initiative_partners: InitiativePartnersTable;
  public_listing_changes: PublicListingChangesTable;
  join_requests: JoinRequestsTable;
  consent_links: ConsentLinksTable;
  prioritisation_rounds: PrioritisationRoundsTable;
  round_initiatives: RoundInitiativesTable;
  ballots: BallotsTable;
  map_positions: MapPositionsTable;
  public_figures: PublicFiguresTable;
  rate_limits: RateLimitsTable;
  partner_imports: PartnerImportsTable;
  partner_import_lines: PartnerImportLinesTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, T, T>;
/** pg sends a JS array as a Postgres array, so a JSON array column is written as JSON text. */
type JsonArray<T> = ColumnType<T[], string, string>;

/** A partner organisation (partnerorganisatie). `id` is a readable slug of its name. */
export interface PartnersTable {
  id: string;
  name: string;
  actor_type: ActorType;
  sector: Sector;
  language: Language;
  created_at: CreatedAt;
  /** The staff account responsible for this partner: escalations and nudges go to them (else PACT_STAFF_EMAIL). */
  responsible_user_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The partner agreed to be listed on the public pages (`public_listing_changes` holds who and when). */
  public_listing: ColumnType<boolean, boolean | undefined, boolean>;
  /** The partner's invitation link code (`/pact/join?ref=<code>`), made when it is formalised. */
  referral_code: ColumnType<string | null, string | null | undefined, string | null>;
  /** The partner whose invitation link this partner joined through. */
  referred_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ContactsTable {
  id: Generated<number>;
  partner_id: string;
  name: string;
  email: string;
  role: ContactRole;
  language: Language;
}

/** Read model of each journey, kept up to date by activities so pages never query Temporal in bulk. */
export interface JourneysTable {
  partner_id: string;
  workflow_id: string;
  stage: JourneyStage;
  status: JourneyStatus;
  /** When the director countersigned: the partnership is formalised. */
  formalised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: Timestamp;
}

/** Append-only timeline of a journey; the idempotency key makes an activity retry a no-op. */
export interface JourneyEventsTable {
  id: Generated<number>;
  partner_id: string;
  idempotency_key: string;
  type: string;
  summary: string;
  data: Json<Record<string, unknown>>;
  occurred_at: CreatedAt;
}

/** A form or sign-off asked of one person; the link's token is stored only as its SHA-256 hash. */
export interface RequestsTable {
  id: string;
  partner_id: string;
  workflow_id: string;
  kind: RequestKind;
  recipient_email: string;
  recipient_name: string;
  recipient_language: ColumnType<Language, Language | undefined, Language>;
  status: ColumnType<RequestStatus, RequestStatus | undefined, RequestStatus>;
  /** SHA-256 of the link's token; the token itself is never stored (security/request-tokens.ts). */
  token_hash: string;
  token_generation: ColumnType<number, number | undefined, number>;
  /** SHA-256 of the reply address's token; null on requests opened before reply tokens existed. */
  reply_token_hash: ColumnType<string | null, string | undefined, string>;
  /** What is asked, without what people wrote: that is in `written_texts` (db/request-topic-texts.ts). */
  topic: Json<StoredTopic>;
  reminders_sent: ColumnType<number, number | undefined, number>;
  escalated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The answer, with what people wrote joined back in: of the type of the request's topic (`topic`). */
  answer: ColumnType<StoredAnswer | null, StoredAnswer | null | undefined, StoredAnswer | null>;
  due_at: Timestamp;
  expires_at: Timestamp;
  created_at: CreatedAt;
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** A report request's period label and start, from `topic` (Postgres computes them; migration 029). */
  report_period: GeneratedAlways<string | null>;
  report_period_start: GeneratedAlways<string | null>;
}

/** A link replaced by a newer one (re-sent, re-addressed), by the SHA-256 of its token: it answers 410, not 404. */
export interface RevokedLinksTable {
  token_hash: string;
  request_id: string;
  revoked_at: CreatedAt;
}

/** What a person wrote (a comment, a narrative, a reason), kept out of workflow histories (db/written-texts.ts). */
export interface WrittenTextsTable {
  id: string;
  partner_id: string;
  request_id: string | null;
  texts: Json<Record<string, string>>;
  created_at: CreatedAt;
}

export type EmailStatus = 'pending' | 'sent' | 'failed';

/** Every email passes through here: one row per idempotency key, so a retry never sends twice. */
export interface EmailOutboxTable {
  id: Generated<number>;
  idempotency_key: string;
  to_address: string;
  reply_to: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  status: ColumnType<EmailStatus, EmailStatus | undefined, EmailStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  message_id: string | null;
  /** METHOD of the invitation's calendar part (REQUEST, CANCEL); null for emails without one. */
  calendar_method: ColumnType<string | null, string | null | undefined, string | null>;
  /** The partners whose people the email names or goes to: erasure finds the row by these. */
  partner_ids: ColumnType<string[], string[], string[]>;
  created_at: CreatedAt;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Monitoring indicators are data, not code: staff can add one without a release. */
export interface IndicatorsTable {
  key: string;
  label_nl: string;
  label_en: string;
  label_fr: string;
  levers: JsonArray<Lever>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  position: number;
}

/** One reported value per partner, period and indicator, so values can be aggregated. */
export interface IndicatorValuesTable {
  partner_id: string;
  period: string;
  indicator: string;
  value: number;
  request_id: string;
  period_start: Timestamp;
  period_end: Timestamp;
  submitted_at: CreatedAt;
  /** The relative labels (`p3`, `p3+p4`) a value was reported under before calendar periods; null since. */
  original_period: ColumnType<string | null, string | null | undefined, never>;
}

/**
 * Running totals of `indicator_values` per period, indicator, sector and actor type, kept by
 * storeReport in the values' transaction: the monitoring summary reads these, not every value.
 */
export interface IndicatorTotalsTable {
  period: string;
  indicator: string;
  sector: Sector;
  actor_type: ActorType;
  /** numeric, which pg returns as an exact decimal string. */
  total: ColumnType<string, string | number, string | number>;
  /** How many partners reported the indicator for the period: one value each. */
  partners: number;
}

/** `closed`: a running project ended with an outcome (evaluation, score, what was learned). */
export type ProjectStatus = 'inviting' | 'running' | 'cancelled' | 'closed';
/** `left_out`: the invitation was cancelled or terminated (the journey withdrawn, the data erased). */
export type ProjectPartnerStatus = 'invited' | 'confirmed' | 'declined' | 'expired' | 'left_out';

/** A joint prototype project (gemeenschappelijk initiatief) of several partners. */
export interface ProjectsTable {
  /** Opaque (a uuid); projects from before have their title's slug. */
  id: string;
  /** Stops creating the same project twice: given by the form or the API, else the title's slug. */
  idempotency_key: string;
  title: string;
  description: string;
  levers: JsonArray<Lever>;
  status: ColumnType<ProjectStatus, ProjectStatus | undefined, ProjectStatus>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** The portfolio's initiative it started from, if any. */
  initiative_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Its outcome, once staff closed it (a running project only): evaluation, score 1..5, what was learned. */
  closed_at: NullableTimestamp;
  evaluation: ColumnType<string | null, string | null | undefined, string | null>;
  score: ColumnType<number | null, number | null | undefined, number | null>;
  learned: ColumnType<string | null, string | null | undefined, string | null>;
  /** The staff account's email that closed it. */
  closed_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ProjectPartnersTable {
  project_id: string;
  partner_id: string;
  status: ColumnType<ProjectPartnerStatus, ProjectPartnerStatus | undefined, ProjectPartnerStatus>;
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When the partner confirmed its part (the map's "takes part in" begins). */
  joined_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When its part ended: the project cancelled, or the partner left out after confirming. */
  left_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Where the map's layout placed a node (features/map): pinned once placed. */
export interface MapPositionsTable {
  /** `partner:<id>`, `project:<id>`, `initiative:<id>`, `meeting:<id>`, `lever:<key>`, `sector:<key>`. */
  node_id: string;
  x: number;
  y: number;
  placed_at: CreatedAt;
}

/**
 * The payload codec's data keys (privacy/data-keys.ts): `owner` is a partner id or '_global'; the key
 * is AES-256-GCM-wrapped by PACT_MASTER_KEY, and null once the partner's data is erased.
 */
export interface DataKeysTable {
  /** `<owner>.<version>`, written in every encrypted payload's metadata. */
  id: string;
  owner: string;
  version: number;
  wrapped_key: Buffer | null;
  created_at: CreatedAt;
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** One row per erasure of a partner's personal data: who asked, when, why; no personal data. */
export interface ErasuresTable {
  id: Generated<number>;
  partner_id: string;
  erased_by: string;
  reason: string;
  requested_at: CreatedAt;
  completed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/**
 * Every export of a partner's data and every use of the codec endpoint: who, when, how many
 * payloads, and whether they were decoded (docs/privacy.md, "Who read what"). No personal data.
 */
export interface PayloadReadsTable {
  id: Generated<number>;
  /** `staff user <id>`, `api-token (bootstrap)` (auth/plugin.ts, actorReference). */
  read_by: string;
  action: 'export' | 'codec_decode';
  partner_id: string | null;
  contact_id: number | null;
  payloads: number;
  decoded: boolean;
  read_at: CreatedAt;
}

/** A computed value every API process shares (db/shared-cache.ts). */
export interface SharedCacheTable {
  key: string;
  /** What the value was computed from (e.g. the time of the last change it reflects): another version recomputes. */
  version: string;
  /** Written as JSON text: pg would send a JS array as a Postgres array. */
  value: ColumnType<unknown, string, string>;
  computed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** A follow-up meeting (opvolgbijeenkomst); its workflow `meeting-<id>` carries none of this text. */
export interface MeetingsTable {
  /** Opaque (a uuid); meetings from before have `<title>-<first day>`. */
  id: string;
  /** Stops planning the same meeting twice: given by the form or the API, else `<title>-<day>`. */
  idempotency_key: string;
  title: string;
  sector: Sector | null;
  levers: JsonArray<Lever>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: string;
  online_url: string | null;
  agenda: string;
  status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>;
  /** The invitation's iCalendar SEQUENCE: one more with each change of time or place. */
  sequence: ColumnType<number, number | undefined, number>;
  minutes: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** One invited contact and their one current answer; the tokens are stored only as SHA-256 hashes. */
export interface MeetingInviteesTable {
  id: Generated<number>;
  meeting_id: string;
  partner_id: string;
  contact_id: number;
  token_hash: string;
  reply_token_hash: string;
  /** Bumped when the invitee's address is corrected: the tokens of older generations stop working. */
  token_generation: ColumnType<number, number | undefined, number>;
  answer: ColumnType<RsvpAnswer | null, RsvpAnswer | null | undefined, RsvpAnswer | null>;
  answer_via: ColumnType<RsvpChannel | null, RsvpChannel | null | undefined, RsvpChannel | null>;
  /** The note with the answer, in `written_texts` (erased with the partner). */
  answer_texts_id: ColumnType<string | null, string | null | undefined, string | null>;
  answered_at: NullableTimestamp;
  /** SEQUENCE and DTSTAMP of the calendar reply that gave the answer: an older reply is stale. */
  calendar_sequence: ColumnType<number | null, number | null | undefined, number | null>;
  calendar_dtstamp: NullableTimestamp;
  attended: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
}

/** An action agreed at a meeting: a request to its owner partner's coordinator (`request_id`). */
export interface MeetingActionsTable {
  id: string;
  meeting_id: string;
  owner_partner_id: string;
  description: string;
  due_at: Timestamp;
  request_id: string | null;
  created_at: CreatedAt;
}

/** A common initiative in the portfolio (issue 24): an existing practice or a proposal. */
export interface InitiativesTable {
  /** Opaque (a uuid), never a small number that could be taken for a ballot's position. */
  id: string;
  /** Stops adding the same initiative twice (a form's hidden key, or the origin's own key). */
  idempotency_key: string;
  title: string;
  description: string;
  kind: InitiativeKind;
  origin: InitiativeOrigin;
  /** The meeting (origin `minutes`) or partner (`intent`, `join`) it came from. */
  origin_ref: string | null;
  levers: JsonArray<Lever>;
  characteristics: ColumnType<Characteristic[], string | undefined, string>;
  preconditions: ColumnType<Precondition[], string | undefined, string>;
  status: ColumnType<InitiativeStatus, InitiativeStatus | undefined, InitiativeStatus>;
  /** Its place in the pact's list of initiatives in order of importance (1 first); set when a round closes. */
  priority_rank: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A partner that proposes or supports an initiative, since when (the map's edge). */
export interface InitiativePartnersTable {
  initiative_id: string;
  partner_id: string;
  role: InitiativePartnerRole;
  since: CreatedAt;
}

/** Each change of a partner's consent to be listed publicly: who, how and when (issue 25). */
export interface PublicListingChangesTable {
  id: Generated<number>;
  partner_id: string;
  listed: boolean;
  via: PublicListingVia;
  /** A staff account's email, or `partner` when the partner's own link or signature gave it. */
  recorded_by: string;
  recorded_at: CreatedAt;
  /** The request whose answer gave it (the commitment signature): recorded once per answer. */
  request_id: ColumnType<string | null, string | null | undefined, never>;
}

/** A partner's personal link to give or withdraw consent (`/c/<token>`); the token only as its SHA-256. */
export interface ConsentLinksTable {
  partner_id: string;
  /** Random; the token is derived from it with the token secret (security/consent-tokens.ts). */
  nonce: string;
  token_hash: string;
  created_at: CreatedAt;
}

/** An organisation's request to join from the public form (db/migrations/016_join_requests.ts). */
export interface JoinRequestsTable {
  id: string;
  status: ColumnType<JoinRequestStatus, JoinRequestStatus | undefined, JoinRequestStatus>;
  /** The form as sent: personal data, null once erased (a rejection). */
  data: ColumnType<JoinRequestData | null, JoinRequestData | null, JoinRequestData | null>;
  confirm_token_hash: ColumnType<string | null, string | null, string | null>;
  expires_at: Timestamp;
  ref_code: ColumnType<string | null, string | null | undefined, string | null>;
  confirmed_at: NullableTimestamp;
  partner_id: ColumnType<string | null, string | null | undefined, string | null>;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: NullableTimestamp;
  reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

/** A prioritisation round (issue 24); its workflow `round-<id>` carries ids only. */
export interface PrioritisationRoundsTable {
  /** Opaque (a uuid). */
  id: string;
  idempotency_key: string;
  title: string;
  closes_at: Timestamp;
  /** N: the most initiatives a ballot may rank. */
  max_ranked: number;
  /** K: how many of the result become `prioritised`. */
  prioritise_top: number;
  /** The invitee choice as staff made it. */
  invitees: ColumnType<Record<string, unknown>, string, string>;
  status: ColumnType<RoundStatus, RoundStatus | undefined, RoundStatus>;
  closed_at: NullableTimestamp;
  closed_by: ColumnType<RoundClosedBy | null, RoundClosedBy | null | undefined, RoundClosedBy | null>;
  /** The Borda count in rank order, once closed. */
  result: ColumnType<RankedInitiative[] | null, string | null | undefined, string | null>;
  /** Ballots sent and answered, kept from the close on (migration 030); null while open. */
  ballots_sent: ColumnType<number | null, never, number | null>;
  ballots_answered: ColumnType<number | null, never, number | null>;
  created_at: CreatedAt;
}

/** An initiative of a round with its number in the ballot email (1…n). */
export interface RoundInitiativesTable {
  round_id: string;
  initiative_id: string;
  number: number;
}

/** One partner's ballot: its coordinator's tokens (SHA-256 only) and the last ranking given. */
export interface BallotsTable {
  id: Generated<number>;
  round_id: string;
  partner_id: string;
  contact_id: number;
  token_hash: string;
  reply_token_hash: string;
  token_generation: ColumnType<number, number | undefined, number>;
  /** Initiative ids, first choice first. */
  ranking: ColumnType<string[] | null, string | null | undefined, string | null>;
  answer_via: ColumnType<BallotChannel | null, BallotChannel | null | undefined, BallotChannel | null>;
  answered_at: NullableTimestamp;
  status: ColumnType<BallotStatus, BallotStatus | undefined, BallotStatus>;
  reminded_at: NullableTimestamp;
  reminders: ColumnType<number, number | undefined, number>;
}

export type PrioritisationRound = Selectable<PrioritisationRoundsTable>;
export type Ballot = Selectable<BallotsTable>;
/**
 * A closed period's public figures as first published (features/public/queries.ts): each cell with the
 * partners it covers, and the cells hidden then. Later publications hide more, never less.
 */
export interface PublicFiguresTable {
  period: string;
  period_start: Timestamp;
  period_end: Timestamp;
  /** Written as JSON text (a JS array would go as a Postgres array). */
  cells: ColumnType<{ key: string; value: number; partners: string[] }[], string, string>;
  hidden: Json<Record<string, 'small' | 'secondary' | 'withdrawn'>>;
  frozen_at: CreatedAt;
}

/** A CSV import of partners (migration 024); the `partnerImport` workflow onboards its lines. */
export interface PartnerImportsTable {
  id: string;
  /** The staff account that uploaded it (0: the bootstrap token). */
  imported_by: number;
  /** Data lines in the upload. */
  total: number;
  status: ColumnType<ImportStatus, ImportStatus | undefined, ImportStatus>;
  started_at: CreatedAt;
  finished_at: Timestamp | null;
}

/** One line of an import: the uploaded row until the import ends (or its partner is erased), then its result alone. */
export interface PartnerImportLinesTable {
  import_id: string;
  /** The line in the file (the header is line 1). */
  line: number;
  /** The slug of the line's name ('' if none): erasure finds the stored row by it. */
  partner_id: string;
  /** The organisation's name as written on the line. */
  name: string;
  /** The uploaded row, column by column: personal data, null once imported or erased. */
  record: Json<Record<string, string> | null>;
  /** The line's result; null while it waits. */
  status: ImportLineStatus | null;
  result_partner_id: string | null;
  error: string | null;
  /** The CSV columns an invalid line got wrong, as JSON text. */
  columns: ColumnType<string[] | null, string | null, string | null>;
  done_at: Timestamp | null;
}

export type Initiative = Selectable<InitiativesTable>;
export type Meeting = Selectable<MeetingsTable>;
export type MeetingInvitee = Selectable<MeetingInviteesTable>;
export type Partner = Selectable<PartnersTable>;
export type NewPartner = Insertable<PartnersTable>;
export type Contact = Selectable<ContactsTable>;
export type JourneyEvent = Selectable<JourneyEventsTable>;
export type Request = Selectable<RequestsTable>;
export type OutboxEmail = Selectable<EmailOutboxTable>;

/** A term of the pact's lexicon (issue 25): its id is opaque, its slug the anchor on /pact/lexicon. */
export interface LexiconTermsTable {
  id: string;
  slug: string;
  created_at: CreatedAt;
}

/** One version of a term; a change adds the next version, and earlier ones stay readable. */
export interface LexiconVersionsTable {
  term_id: string;
  version: number;
  label_nl: string;
  label_en: string;
  label_fr: string;
  definition_nl: string;
  definition_en: string;
  definition_fr: string;
  /** A note on use: when (not) to use the term, what to say instead. */
  note: string | null;
  related_term_ids: JsonArray<string>;
  /** The staff account's email that recorded this version. */
  recorded_by: string;
  recorded_at: CreatedAt;
}

/** A rate limit's counter for one client in its current window, shared by every API process (db/request-limiter.ts). */
export interface RateLimitsTable {
  /** A hash of the limit's scope and the client key (db/rate-limit-rows.ts). */
  key: string;
  count: number;
  resets_at: Timestamp;
  refused: ColumnType<boolean, boolean | undefined, boolean>;
}
