import type { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * `extract`'s standard output across a supervised batch child (src/cli/extract-supervisor.ts).
 *
 * The child never writes to the user's stdout: it writes into a pipe to the supervisor and, for each
 * finished file, reports how many bytes of its output have been written (counted by `CountedOutput`,
 * taken after the write's callback). The supervisor relays the pipe (`ConfirmedRelay`) only up to the
 * last reported offset. A child that dies natively (SIGABRT, the OOM killer) while a long line is
 * still going out leaves a tail nobody confirmed: it is dropped, and the restarted child writes that
 * file's line again, whole — the reader never sees a line cut short and run into the next.
 */

/** A stream's writes, counted in bytes; `written` advances only once a write has completed. */
export class CountedOutput {
  /** Bytes whose write has completed (for a pipe: handed to the kernel, not merely queued here). */
  written = 0;
  private queued = 0;

  constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {}

  /**
   * Write the chunks in order; resolves when the last has been written, so a caller that awaits each
   * result's line holds at most one line here however slow the reader. A failed write (the reader has
   * gone: EPIPE) is left to the stream's 'error' handler (src/cli/main.ts ends the run quietly).
   */
  write(...chunks: (string | Uint8Array)[]): Promise<void> {
    return new Promise((resolve) => {
      chunks.forEach((chunk, k) => {
        this.queued += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
        const end = this.queued;
        const last = k === chunks.length - 1;
        this.stream.write(chunk, (error?: Error | null) => {
          if (!error) this.written = end;
          if (last) resolve();
        });
      });
    });
  }
}

/**
 * Copies a child's output to `sink` as far as the child has confirmed it (`confirm(offset)`), holding
 * what came after. When the sink is full (a slow reader), the child's pipe is paused: the child's own
 * write then waits, so neither process buffers more than about one line.
 */
export class ConfirmedRelay {
  private held: Buffer[] = [];
  private received = 0;
  private relayed = 0;
  private confirmed = 0;
  private paused = false;
  private relayedSinceCollection = 0;

  constructor(
    private readonly source: Readable,
    private readonly sink: NodeJS.WritableStream = process.stdout,
  ) {
    source.on('data', (chunk: Buffer) => {
      this.held.push(chunk);
      this.received += chunk.length;
      this.flush();
    });
  }

  /** The child has written its output up to byte `offset`: relay it. */
  confirm(offset: number): void {
    this.confirmed = Math.max(this.confirmed, offset);
    this.flush();
  }

  /** After the child has closed its output: the bytes received past the last confirmation, dropped. */
  dropUnconfirmed(): number {
    this.held = [];
    return this.received - this.relayed;
  }

  private flush(): void {
    while (this.relayed < this.confirmed && this.held.length > 0) {
      const chunk = this.held[0];
      const take = Math.min(chunk.length, this.confirmed - this.relayed);
      if (take === chunk.length) this.held.shift();
      else this.held[0] = chunk.subarray(take);
      this.relayed += take;
      this.relayedSinceCollection += take;
      const collect = this.relayedSinceCollection >= RELAYED_PER_COLLECTION;
      if (collect) this.relayedSinceCollection = 0;
      const out = take === chunk.length ? chunk : chunk.subarray(0, take);
      if (!this.sink.write(out, collect ? collectYoung : undefined)) this.pauseUntilDrained();
    }
  }

  private pauseUntilDrained(): void {
    if (this.paused) return;
    this.paused = true;
    this.source.pause();
    this.sink.once('drain', () => {
      this.paused = false;
      this.source.resume();
    });
  }
}

/**
 * The relayed chunks (≈ 0.5 MB a line, 64 KB each, memory outside V8's heap) are garbage once written,
 * but the supervisor's heap barely grows, so V8 would collect them only at its external-memory trigger,
 * tens of MB later (measured over 40 seed.docx: the supervisor's peak RSS 68 MB; 58 with a young-generation
 * collection every 8 MB relayed, 52 every 2 MB — a scavenge of this small heap costs well under 1 ms).
 */
const RELAYED_PER_COLLECTION = 2 * 2 ** 20;

let minorCollection: (() => void) | null | undefined;

function collectYoung(): void {
  if (minorCollection === undefined) {
    // V8's gc() is only given to contexts made after --expose-gc; the main context stays as it was.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as ((options: { type: 'minor' }) => void) | undefined;
    minorCollection = gc ? () => gc({ type: 'minor' }) : null;
  }
  minorCollection?.();
}

/** Resolves once everything written to `stream` so far has gone out (a slow reader has taken it). */
export function drained(stream: NodeJS.WritableStream = process.stdout): Promise<void> {
  // Write callbacks come in order: an empty write's comes after every earlier write's.
  return new Promise((resolve) => stream.write('', () => resolve()));
}
