import { expect } from 'vitest';
import { matchFindings } from '../ocr/helpers.js';

type Keyed = { rule: string; values: unknown[] };

/** A finding as `rule [values]`: what two runs of one content must share. */
export const findingKey = (f: Keyed) => `${f.rule} ${JSON.stringify(f.values)}`;

/**
 * `got` states the reference run's findings (same rule, same values): none missing, none extra, and
 * at least `atLeast` of them matched (so two empty runs never pass).
 */
export function expectSameFindings(reference: { findings: readonly Keyed[] }, got: { findings: readonly Keyed[] }, atLeast = 31): void {
  const m = matchFindings(reference.findings, got.findings);
  expect({ missed: m.missed.map(findingKey), extra: m.extra.map(findingKey) }).toEqual({ missed: [], extra: [] });
  expect(m.found.length).toBeGreaterThanOrEqual(atLeast);
}
