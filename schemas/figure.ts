import { z } from 'zod';

/**
 * A number as written in the document. Money is decimal: `value` is a canonical decimal string
 * (no exponent, no float), `decimals` the written precision ("951.90" → 2, "20" → 0).
 * `comparator` carries one-sided and approximate statements:
 *   "95%以上" → ">=" 95, "930余处" → ">=" 930 (approx), "约51.53亿元" → "~", "≥50个" → ">=".
 */
export const ComparatorSchema = z.enum(['=', '>=', '<=', '>', '<', '~']);
export type Comparator = z.infer<typeof ComparatorSchema>;

export const FigureSchema = z.object({
  /** Canonical decimal string, e.g. "951.90" keeps its trailing zero. */
  value: z.string().regex(/^-?\d+(\.\d+)?$/),
  /** Written number of decimals. */
  decimals: z.number().int().min(0),
  /** Unit as written ("万元", "%", "个", "㎡"), null when none. */
  unit: z.string().nullable(),
  comparator: ComparatorSchema,
  /** True for 约/余/多/近/左右 and similar hedges. */
  approximate: z.boolean(),
  /** Qualifier words as written (以上, 余, 约 …). */
  qualifiers: z.array(z.string()).readonly(),
  /** The exact source text the figure was read from. */
  text: z.string(),
}).readonly();
export type Figure = z.infer<typeof FigureSchema>;
