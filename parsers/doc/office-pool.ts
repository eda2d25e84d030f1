import { availableParallelism } from 'node:os';
import { InputError } from '../../src/errors.js';
import { OfficeCrashed, OfficeServer, type OfficeServerOptions } from './office-server.js';

/**
 * A pool of long-lived LibreOffice servers, safe under concurrency: each conversion takes a free
 * server (waiting for one when all are busy), so a server only ever has one job. A server that
 * crashes during a conversion is restarted and the file tried once more on the fresh instance;
 * crashing that one too, the file is what crashes it (DOC_CONVERSION_FAILED). A hung conversion
 * is killed at its time limit (TransientError: the queue retries the file) and the server restarts
 * for the next file. So a killed or hung LibreOffice costs one file a retry, never the batch.
 */
export interface OfficePoolOptions extends OfficeServerOptions {
  /** Servers (LibreOffice processes) at most; default SELFEVAL_DOC_CONVERTERS, or 1. */
  size?: number;
}

export class OfficePool {
  private readonly servers: OfficeServer[] = [];
  private readonly idle: OfficeServer[] = [];
  private readonly waiting: Array<(s: OfficeServer) => void> = [];
  private readonly size: number;
  private closed = false;

  constructor(private readonly options: OfficePoolOptions) {
    this.size = Math.max(1, Math.min(options.size ?? defaultPoolSize(), availableParallelism() * 2));
  }

  /** The servers started so far (for tests and figures). */
  get instances(): readonly OfficeServer[] {
    return this.servers;
  }

  async convert(bytes: Uint8Array, timeoutMs: number, filter?: string): Promise<Uint8Array> {
    for (let attempt = 1; ; attempt++) {
      const server = await this.acquire();
      try {
        return await server.convert(bytes, timeoutMs, filter);
      } catch (e) {
        if (!(e instanceof OfficeCrashed)) throw e;
        if (attempt >= 2) {
          throw new InputError('DOC_CONVERSION_FAILED', 'LibreOffice 转换该文件时两次崩溃（文件可能已损坏或为恶意构造） / LibreOffice crashed twice converting the document');
        }
      } finally {
        this.release(server);
      }
    }
  }

  private acquire(): Promise<OfficeServer> {
    if (this.closed) return Promise.reject(new Error('office pool closed'));
    const free = this.idle.pop();
    if (free) return Promise.resolve(free);
    if (this.servers.length < this.size) {
      const server = new OfficeServer(this.options);
      this.servers.push(server);
      return Promise.resolve(server);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(server: OfficeServer): void {
    const next = this.waiting.shift();
    if (next) next(server);
    else this.idle.push(server);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.servers.map((s) => s.close()));
    this.servers.length = 0;
    this.idle.length = 0;
  }
}

function defaultPoolSize(): number {
  const n = Number(process.env.SELFEVAL_DOC_CONVERTERS);
  return Number.isInteger(n) && n > 0 ? n : 1;
}
