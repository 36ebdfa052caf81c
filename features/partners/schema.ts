import { Type, type Static } from 'typebox';
import { journeyStages, journeyStatuses } from '../../domain/journey';
import { actorTypes, contactRoles, languages, sectors } from '../../domain/vocabulary';
import { oneLineText } from '../../http/one-line-text';
import { vocabularyKey } from '../../http/vocabulary-schema';

export const contactProperties = {
  name: oneLineText(1, 200),
  email: Type.String({ format: 'email', maxLength: 320 }),
  role: vocabularyKey(contactRoles),
  language: Type.Optional(vocabularyKey(languages)),
};

export const detailProperties = {
  name: oneLineText(2, 200),
  actorType: vocabularyKey(actorTypes),
  sector: vocabularyKey(sectors),
  language: Type.Optional(vocabularyKey(languages)),
};
/** The staff account that follows the partner; absent: whoever onboards it; null: nobody yet. */
const responsibleUserId = Type.Optional(Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1 }));

/** JSON schema of POST /api/partners (README.md, Staff API); Fastify validates every request against it. */
export const partnerInputSchema = Type.Object(
  {
    ...detailProperties,
    contacts: Type.Array(Type.Object(contactProperties, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 20,
    }),
    responsibleUserId,
  },
  { additionalProperties: false },
);
/** What staff send to onboard a partner: by JSON, the form or a row of a CSV file. */
export type PartnerInput = Static<typeof partnerInputSchema>;
export type ContactInput = PartnerInput['contacts'][number];

/** PATCH /api/partners/:id: the details to change; the others stay. */
export const partnerDetailsSchema = Type.Partial(Type.Object({ ...detailProperties, responsibleUserId }), {
  additionalProperties: false,
  minProperties: 1,
});

/** PUT /api/partners/:id/contacts: the partner's contacts as they are to be; `id` keeps (and corrects) a contact. */
export const partnerContactsSchema = Type.Object(
  {
    contacts: Type.Array(
      Type.Object(
        { id: Type.Optional(Type.Integer({ minimum: 1 })), ...contactProperties },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 2 },
    ),
  },
  { additionalProperties: false },
);

/** GET /api/partners/:id/export: everything about the partner, or about one of its contacts. */
export const exportQuerySchema = Type.Object(
  { contact: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,9}$' })) },
  { additionalProperties: false },
);

/** GET /api/partners: its filters; an unknown or malformed one is a 400 naming it (the staff page ignores it with a notice). */
export const partnerListQuerySchema = Type.Object(
  {
    stage: Type.Optional(Type.Enum(journeyStages, { type: 'string' })),
    sector: Type.Optional(vocabularyKey(sectors)),
    status: Type.Optional(Type.Enum(journeyStatuses, { type: 'string' })),
    /** A staff account's id, or `me`: the partners that staff member is responsible for. */
    responsible: Type.Optional(Type.String({ pattern: '^(me|[1-9][0-9]{0,9})$' })),
  },
  { additionalProperties: false },
);

/** `/staff/partners`: the API's filters, and the page's own (actor type, overdue, a name search, the page number). */
export const partnerPageQuerySchema = Type.Object(
  {
    ...partnerListQuerySchema.properties,
    actorType: Type.Optional(vocabularyKey(actorTypes)),
    overdue: Type.Optional(Type.Literal('1')),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}$' })),
  },
  { additionalProperties: false },
);

/** GET /api/partners/search: part of a name, as staff type it in a planning form's partner field. */
export const partnerSearchQuerySchema = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const withdrawSchema = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 2000, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const resolveExpiredSchema = Type.Object(
  { action: Type.Enum(['resend', 'lapse'], { type: 'string' }) },
  { additionalProperties: false },
);
