import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRulesDoc } from '../../src/rules/doc.js';
import { RULES } from '../../src/rules/registry.js';

describe('docs/rules.md', () => {
  it('is up to date with the rules’ meta (regenerate: npx tsx scripts/gen-rules-doc.ts)', () => {
    expect(readFileSync('docs/rules.md', 'utf8')).toBe(renderRulesDoc());
  });
  it('documents every registered rule with its formula and source', () => {
    const doc = renderRulesDoc();
    for (const r of RULES) {
      expect(doc).toContain(`## ${r.meta.id}`);
      expect(doc).toContain(r.meta.formula);
    }
  });
});
