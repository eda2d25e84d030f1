/**
 * Runs every rule's valid/invalid cases (test/rules/cases/<id>.cases.ts) and checks that every
 * registered rule has a cases file and complete meta.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry.js';
import { runCases, type RuleCases } from './tester.js';

const casesDir = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const files = readdirSync(casesDir).filter((f) => f.endsWith('.cases.ts')).sort();
const loaded: RuleCases[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(casesDir, f)).href)) as { default: RuleCases };
  loaded.push(mod.default);
}

describe('rule catalogue', () => {
  it('every registered rule has a cases file named after its id', () => {
    const withCases = new Set(files.map((f) => f.replace(/\.cases\.ts$/, '')));
    expect(RULES.map((r) => r.meta.id).filter((id) => !withCases.has(id))).toEqual([]);
  });
  it('every cases file tests a registered rule with its own id', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const [i, c] of loaded.entries()) {
      expect(`${c.rule.meta.id}.cases.ts`).toBe(files[i]);
      expect(ids.has(c.rule.meta.id), `${c.rule.meta.id} registered in src/rules/registry.ts`).toBe(true);
    }
  });
  it('rule ids are unique kebab-case and meta is complete', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { meta } of RULES) {
      expect(meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(meta.title.zh && meta.title.en && meta.description.zh && meta.description.en).toBeTruthy();
      expect(meta.formula && meta.tolerance && meta.source && meta.catalogue).toBeTruthy();
    }
  });
});

for (const c of loaded) runCases(c);
