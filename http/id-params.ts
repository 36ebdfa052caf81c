import { Type } from 'typebox';

/** The path parameter `:id` of a route; its schema types `request.params` (any string is a candidate). */
export const idParams = Type.Object({ id: Type.String() });
