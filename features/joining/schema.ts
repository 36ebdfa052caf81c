import { Type, type Static } from 'typebox';
import { levers, pactGoals } from '../../domain/vocabulary';
import { joinRequestStatuses, type JoinRequestData } from '../../domain/joining';
import { vocabularyKey } from '../../http/vocabulary-schema';
import { contactProperties, detailProperties } from '../partners/schema';

/**
 * `POST /pact/join` (README.md, Joining the pact): the shape of `POST /api/partners` (without the
 * responsible staff member, which staff choose) plus the intent and the invitation code it came with.
 */
export const joinInputSchema = Type.Object(
  {
    ...detailProperties,
    contacts: Type.Array(Type.Object(contactProperties, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 2,
    }),
    intent: Type.Object(
      {
        levers: Type.Array(vocabularyKey(levers), { minItems: 1, maxItems: levers.keys.length, uniqueItems: true }),
        goals: Type.Array(vocabularyKey(pactGoals), {
          minItems: 1,
          maxItems: pactGoals.keys.length,
          uniqueItems: true,
        }),
        summary: Type.String({ minLength: 10, maxLength: 5000, pattern: '\\S' }),
      },
      { additionalProperties: false },
    ),
    ref: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{4,64}$' })),
  },
  { additionalProperties: false },
);
export type JoinInput = Static<typeof joinInputSchema>;

/** The schema's value is what a join request keeps: checked by the compiler both ways. */
export const joinInputIsData: JoinInput extends JoinRequestData
  ? JoinRequestData extends JoinInput
    ? true
    : never
  : never = true;

/** `POST /api/join-requests/:id/reject`. */
export const rejectJoinSchema = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 2000, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const joinRequestParams = Type.Object(
  { id: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }) },
  { additionalProperties: false },
);

/** `GET /api/join-requests`: an unknown filter is a 400 naming it. */
export const joinRequestListQuery = Type.Object(
  { status: Type.Optional(Type.Enum([...joinRequestStatuses], { type: 'string' })) },
  { additionalProperties: false },
);
