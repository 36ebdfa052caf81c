import { Type } from 'typebox';

/**
 * The query of a list that takes no filters: any parameter is unknown, a 400 naming it on the JSON API
 * and a notice on the staff page (docs/architecture.md, HTTP shapes).
 */
export const noFiltersQuery = Type.Object({}, { additionalProperties: false });
