import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocx } from '../../parsers/docx.js';
import { diffDocument, layoutDocument, randomReportSpec, writeDocx } from '../fixtures/generator/index.js';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('randomReportSpec', () => {
  it('is deterministic by seed and different across seeds', () => {
    const a = writeDocx(randomReportSpec(42, { projects: 5 }));
    const b = writeDocx(randomReportSpec(42, { projects: 5 }));
    const c = writeDocx(randomReportSpec(43, { projects: 5 }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it('writes the requested number of project tables and narrative paragraphs', () => {
    const spec = randomReportSpec(7, { projects: 20, narrativeParagraphs: 9 });
    const model = parseDocx(writeDocx(spec));
    expect(diffDocument(layoutDocument(spec), model)).toEqual([]);
    expect(model.blocks.filter((b) => b.kind === 'table')).toHaveLength(2 + 20);
    expect(spec.narratives.filter((n) => n.kind === 'project')).toHaveLength(20);
    // filler paragraphs come on top of the fixed sections
    expect(spec.narratives[1].paragraphs.length).toBeGreaterThanOrEqual(9);
    expect(new Set(spec.projects.map((p) => p.name)).size).toBe(20);
  });
});

describe('cli.ts', () => {
  it('writes N distinct reports and a manifest of planted errors', async () => {
    const out = mkdtempSync(join(tmpdir(), 'selfeval-gen-cli-'));
    dirs.push(out);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/fixtures/generator/cli.ts', '--out', out, '--count', '4', '--projects', '2', '--family', 'sichuan', '--seed', '100', '--plant', 'all'], { cwd: root });
    expect(stdout).toMatch(/已生成 4 份报告/);
    const files = readdirSync(out).filter((f) => f.endsWith('.docx')).sort();
    expect(files).toHaveLength(4);
    const bytes = files.map((f) => readFileSync(join(out, f)));
    expect(new Set(bytes.map((b) => b.toString('base64'))).size).toBe(4);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.map((m: { seed: number }) => m.seed)).toEqual([100, 101, 102, 103]);
    expect(manifest.map((m: { planted: { kind: string } }) => m.planted.kind)).toEqual(['total-changed', 'rate-changed', 'score-above-weight', 'narrative-figure-changed']);
    for (const b of bytes) expect(parseDocx(b).blocks.filter((x) => x.kind === 'table')).toHaveLength(2);
  });

  it('rejects a bad option with a message and exit code 2', async () => {
    const err = await run(process.execPath, ['--import', 'tsx', 'test/fixtures/generator/cli.ts', '--out', tmpdir(), '--family', 'nowhere'], { cwd: root }).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/未知模板 --family nowhere/);
  });
});
