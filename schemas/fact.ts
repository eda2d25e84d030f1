import { z } from 'zod';
import { FigureSchema } from './figure.js';
import { LocationSchema } from './location.js';

/**
 * One value read from the document with its provenance. A blank cell is a Fact with
 * `text: ""` and `figure: null` — never 0. A cell that holds words ("全覆盖") keeps them in
 * `text` with `figure: null`.
 */
export const FactSchema = z.object({
  text: z.string(),
  figure: FigureSchema.nullable(),
  loc: LocationSchema,
});
export type Fact = z.infer<typeof FactSchema>;

/** A text value (names, goals, reasons) with provenance. */
export const TextFactSchema = z.object({
  text: z.string(),
  loc: LocationSchema,
});
export type TextFact = z.infer<typeof TextFactSchema>;
