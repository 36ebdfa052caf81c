import { Type } from 'typebox';
import { summaryGroupings } from './queries';

/** GET /api/monitoring/summary: how to group the totals, and which period (absent: every period). */
export const summaryQuerySchema = Type.Object(
  {
    groupBy: Type.Optional(Type.Enum(summaryGroupings, { type: 'string' })),
    period: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

/** `/staff/monitoring`: the API's parameters, and the indicator its chart shows. */
export const monitoringPageQuerySchema = Type.Object(
  { ...summaryQuerySchema.properties, indicator: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);
