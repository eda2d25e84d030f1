import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfirmedRelay, CountedOutput } from '../../src/cli/confirmed-output.js';

/**
 * The supervisor's relay of a batch child's output (src/cli/confirmed-output.ts): only confirmed bytes
 * reach the reader, an unconfirmed tail is dropped, and a reader that does not read pauses the child's
 * pipe instead of growing the supervisor's buffers.
 */
function collecting(highWaterMark = 16 * 1024): { sink: Writable; text: () => string; reading: (on: boolean) => void } {
  const chunks: Buffer[] = [];
  const waiting: (() => void)[] = [];
  let on = true;
  const sink = new Writable({
    highWaterMark,
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      if (on) done();
      else waiting.push(done);
    },
  });
  return {
    sink,
    text: () => Buffer.concat(chunks).toString('utf8'),
    reading: (now) => {
      on = now;
      if (now) for (const done of waiting.splice(0)) done();
    },
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ConfirmedRelay', () => {
  it('relays up to the confirmed offset, waits for bytes confirmed before they arrive, drops the tail', async () => {
    const source = new PassThrough();
    const reader = collecting();
    const relay = new ConfirmedRelay(source, reader.sink);
    const line = '{"file":"a.docx","status":"ok"}\n';
    relay.confirm(Buffer.byteLength(line)); // the report can overtake the bytes (two pipes)
    source.write(line.slice(0, 10));
    await tick();
    expect(reader.text()).toBe(line.slice(0, 10));
    source.write(line.slice(10) + '{"file":"b.docx","sta');
    await tick();
    expect(reader.text()).toBe(line);
    source.end();
    await tick();
    expect(relay.dropUnconfirmed()).toBe(Buffer.byteLength('{"file":"b.docx","sta'));
    expect(reader.text()).toBe(line);
  });

  it('a reader that does not read pauses the source: the relay holds about one line, not the batch', async () => {
    const source = new PassThrough({ highWaterMark: 64 * 1024 });
    const reader = collecting(64 * 1024);
    reader.reading(false);
    const relay = new ConfirmedRelay(source, reader.sink);
    const line = Buffer.alloc(512 * 1024, 'x');
    let offset = 0;
    // The child writes a line and reports it once written (CountedOutput), as src/cli/extract.ts does.
    const child = new CountedOutput(source);
    const writeLines = async (n: number) => {
      for (let k = 0; k < n; k++) {
        await child.write(line);
        offset = child.written;
        relay.confirm(offset);
      }
    };
    const writing = writeLines(20);
    for (let k = 0; k < 20; k++) await tick();
    expect(source.isPaused()).toBe(true);
    // The child is held back by its own write: a couple of lines out of twenty, buffered in the reader's stream.
    expect(offset).toBeLessThanOrEqual(2 * line.length);
    expect(reader.sink.writableLength).toBeLessThanOrEqual(2 * line.length + 64 * 1024);
    reader.reading(true);
    await writing;
    await tick();
    expect(reader.text().length).toBe(20 * line.length);
  });
});
