/**
 * A one-line progress bar on stderr: done/total, rate and ETA. Shown when stderr is a terminal,
 * also when stdout is redirected (`extract --json > out.ndjson` keeps stdout clean and still shows
 * progress); silent when stderr is not a terminal, so logs and scripts see nothing.
 */
export interface ProgressOptions {
  label?: string;
  /** Force on/off; default: on when stderr is a TTY. */
  enabled?: boolean;
  stream?: NodeJS.WriteStream;
  /** Clock (ms), for tests. */
  now?: () => number;
}

export function progressWanted(_json = false): boolean {
  // stdout carries results (NDJSON with --json); the bar is on stderr and clears its line before
  // each result, so it never mixes into them. SELFEVAL_PROGRESS=0 turns it off.
  return Boolean(process.stderr.isTTY) && process.env.SELFEVAL_PROGRESS !== '0';
}

export class Progress {
  private done = 0;
  private lastDraw = 0;
  private readonly started: number;
  readonly enabled: boolean;
  private readonly stream: NodeJS.WriteStream;
  private readonly now: () => number;

  constructor(private total: number, private readonly options: ProgressOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.enabled = options.enabled ?? progressWanted(false);
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
  }

  /** Set the count of finished items (and optionally a new total). */
  update(done: number, total = this.total): void {
    this.done = done;
    this.total = total;
    const t = this.now();
    if (!this.enabled || (t - this.lastDraw < 100 && done < total)) return;
    this.lastDraw = t;
    this.stream.write(`\r${this.line(t)}\x1b[K`);
  }

  tick(n = 1): void {
    this.update(this.done + n);
  }

  /** Clear the bar line (the caller prints its summary after). */
  finish(): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
  }

  /** The bar's text at time `t` (exported for tests). */
  line(t = this.now()): string {
    const width = 24;
    const frac = this.total > 0 ? Math.min(1, this.done / this.total) : 0;
    const filled = Math.round(frac * width);
    const seconds = Math.max(1e-3, (t - this.started) / 1000);
    const rate = this.done / seconds;
    const eta = rate > 0 ? (this.total - this.done) / rate : NaN;
    const label = this.options.label ? `${this.options.label} ` : '';
    return `${label}[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${this.done}/${this.total}  ${rate.toFixed(1)}/s  剩余 ETA ${formatDuration(eta)}`;
  }
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
