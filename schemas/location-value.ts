import type { Location } from './location.js';

/**
 * The values of schemas/location.ts the pipeline makes, apart from its zod schemas: the pipeline thread
 * never loads zod (≈ 60 ms CPU and 4 MB of heap at every thread's start), only the contract checks do.
 */

/** What a character a partly broken PDF text layer lost reads as (see damagedGlyphs). */
export const LOST_GLYPH_MARK = '\u25A1';

/** A location (出处) with every field the value does not give null. */
export function location(partial: Partial<Location>): Location {
  return {
    part: null,
    table: null,
    row: null,
    col: null,
    page: null,
    paragraph: null,
    ...partial,
  };
}
