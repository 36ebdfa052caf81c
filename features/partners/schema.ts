import { actorTypes, contactRoles, languages, sectors } from '../../domain/vocabulary';
import { oneLineText } from '../../http/one-line-text';

/** JSON schema of POST /api/partners (README.md, Staff API); Fastify validates every request against it. */
export const partnerInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'actorType', 'sector', 'contacts'],
  properties: {
    name: oneLineText(2, 200),
    actorType: { type: 'string', enum: actorTypes.keys },
    sector: { type: 'string', enum: sectors.keys },
    language: { type: 'string', enum: languages.keys },
    contacts: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'email', 'role'],
        properties: {
          name: oneLineText(1, 200),
          email: { type: 'string', format: 'email', maxLength: 320 },
          role: { type: 'string', enum: contactRoles.keys },
          language: { type: 'string', enum: languages.keys },
        },
      },
    },
    responsibleUserId: { type: ['integer', 'null'], minimum: 1 },
  },
} as const;

/** PATCH /api/partners/:id: the details to change; the others stay. */
export const partnerDetailsSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: partnerInputSchema.properties.name,
    actorType: partnerInputSchema.properties.actorType,
    sector: partnerInputSchema.properties.sector,
    language: partnerInputSchema.properties.language,
    responsibleUserId: partnerInputSchema.properties.responsibleUserId,
  },
} as const;

/** PUT /api/partners/:id/contacts: the partner's contacts as they are to be; `id` keeps (and corrects) a contact. */
export const partnerContactsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['contacts'],
  properties: {
    contacts: {
      type: 'array',
      minItems: 1,
      maxItems: 2,
      items: {
        ...partnerInputSchema.properties.contacts.items,
        properties: {
          id: { type: 'integer', minimum: 1 },
          ...partnerInputSchema.properties.contacts.items.properties,
        },
      },
    },
  },
} as const;

/** GET /api/partners/:id/export: everything about the partner, or about one of its contacts. */
export const exportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { contact: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } },
} as const;

export const partnerListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    stage: { type: 'string' },
    sector: { type: 'string', enum: sectors.keys },
    status: { type: 'string' },
    /** A staff account's id, or `me`: the partners that staff member is responsible for. */
    responsible: { type: 'string', pattern: '^(me|[1-9][0-9]{0,9})$' },
  },
} as const;

export const withdrawSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { type: 'string', minLength: 3, maxLength: 2000, pattern: '\\S' } },
} as const;

export const resolveExpiredSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['action'],
  properties: { action: { type: 'string', enum: ['resend', 'lapse'] } },
} as const;
