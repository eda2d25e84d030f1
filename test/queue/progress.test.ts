import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Progress, formatDuration } from '../../src/progress.js';

function sink() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, cb) { text += chunk; cb(); } }) as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

describe('progress bar', () => {
  it('shows done/total, rate and ETA from the clock', () => {
    let now = 0;
    const out = sink();
    const bar = new Progress(50, { enabled: true, stream: out.stream, now: () => now });
    now = 10_000;
    bar.update(20);
    expect(bar.line()).toMatch(/ 20\/50 {2}2\.0\/s {2}剩余 ETA 15s$/);
    expect(out.text()).toContain('20/50');
  });

  it('writes nothing when disabled (--json, or not a TTY)', () => {
    const out = sink();
    const bar = new Progress(3, { enabled: false, stream: out.stream });
    bar.tick();
    bar.tick();
    bar.finish();
    expect(out.text()).toBe('');
  });

  it('formats durations for people', () => {
    expect(formatDuration(5)).toBe('5s');
    expect(formatDuration(125)).toBe('2m05s');
    expect(formatDuration(7260)).toBe('2h01m');
    expect(formatDuration(NaN)).toBe('--');
  });
});
