import { Type } from 'typebox';

/** `PUT /api/partners/:id/public-listing` and the staff form: consent given (true) or withdrawn (false). */
export const publicListingSchema = Type.Object({ listed: Type.Boolean() }, { additionalProperties: false });
