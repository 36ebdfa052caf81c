import { type Static, Type } from 'typebox';
import { characteristics, initiativeKinds, initiativeStatuses, preconditions } from '../../domain/initiatives';
import { initiativeTitleMaxLength } from '../../domain/initiatives';
import { levers } from '../../domain/vocabulary';
import { idempotencyKeySchema } from '../../http/idempotency-key';
import { oneLineText } from '../../http/one-line-text';
import { vocabularyKey } from '../../http/vocabulary-schema';

/** The title of an initiative: one line, 3 to 200 characters. */
export const initiativeTitle = oneLineText(3, initiativeTitleMaxLength);
const description = Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' });
const leverList = Type.Array(vocabularyKey(levers), { minItems: 1, uniqueItems: true });
const characteristicList = Type.Array(vocabularyKey({ keys: characteristics }), { uniqueItems: true });
const preconditionList = Type.Array(vocabularyKey({ keys: preconditions }), { uniqueItems: true });
const kind = vocabularyKey({ keys: [...initiativeKinds] });
const partnerIds = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 200, uniqueItems: true });

/** POST /api/initiatives, and the staff page's form: staff add an initiative to the portfolio. */
export const initiativeSchema = Type.Object(
  {
    title: initiativeTitle,
    description,
    levers: leverList,
    characteristics: Type.Optional(characteristicList),
    preconditions: Type.Optional(preconditionList),
    kind,
    /** The partners who support it. */
    partnerIds: Type.Optional(partnerIds),
    /** The same key again adds nothing (409 with the initiative's id); without one, the title is the key. */
    idempotencyKey: Type.Optional(idempotencyKeySchema),
  },
  { additionalProperties: false },
);
export type InitiativeBody = Static<typeof initiativeSchema>;

/** The statuses staff set by hand: parking an initiative, or taking a parked one up again. */
export const staffSetStatuses = ['proposed', 'parked'] as const;

/** PATCH /api/initiatives/:id, and the edit form: any of the fields; `partnerIds` replaces the supporters. */
export const initiativeChangeSchema = Type.Object(
  {
    title: Type.Optional(initiativeTitle),
    description: Type.Optional(description),
    levers: Type.Optional(leverList),
    characteristics: Type.Optional(characteristicList),
    preconditions: Type.Optional(preconditionList),
    kind: Type.Optional(kind),
    partnerIds: Type.Optional(partnerIds),
    status: Type.Optional(vocabularyKey({ keys: [...staffSetStatuses] })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type InitiativeChange = Static<typeof initiativeChangeSchema>;

/** GET /api/initiatives: the filters; an unknown one is a 400 naming it. */
export const initiativeFiltersSchema = Type.Object(
  {
    lever: Type.Optional(vocabularyKey(levers)),
    status: Type.Optional(vocabularyKey({ keys: [...initiativeStatuses] })),
  },
  { additionalProperties: false },
);
export type InitiativeFilters = Static<typeof initiativeFiltersSchema>;
