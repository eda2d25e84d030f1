import { z } from 'zod';
import { LocationSchema } from './location.js';

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

/** One participating fact of a finding. */
export const EvidenceSchema = z.object({
  /** Source text of the cell or sentence. */
  text: z.string(),
  /** The figure as a plain number (a percentage as printed: 95 for 95%), or null for text evidence. */
  value: z.number().nullable(),
  location: LocationSchema,
  /** Role of this fact in the rule (e.g. "total", "part", "executed", "budget", "rate"). */
  role: z.string().optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * A discrepancy: the output contract's `discrepancies[]` entry plus the catalogue's extra fields
 * (added fields only — the contract's fields keep their names and meaning).
 */
export const FindingSchema = z.object({
  rule: z.string(),
  severity: SeveritySchema,
  message: z.string(),
  values: z.array(z.number()),
  evidence: z.array(EvidenceSchema),
  /** Stable id: hash of rule + locations + values; the same report gives the same ids. */
  id: z.string(),
  ruleVersion: z.number().int(),
  /** English message (for --lang en). */
  messageEn: z.string(),
  /** Expected vs observed, as decimal strings, with the interval used. */
  expected: z.string().nullable(),
  observed: z.string().nullable(),
  /** Tolerance actually applied, e.g. "±0.015 (3 parts × 0.005)". */
  tolerance: z.string().nullable(),
  /** Inputs the rule needed but the report did not provide. */
  missing: z.array(z.string()),
  /** Template parameters the rule used. */
  params: z.record(z.string(), z.unknown()).nullable(),
  /** Report part the finding is about. */
  part: z.string().nullable(),
});
export type Finding = z.infer<typeof FindingSchema>;
