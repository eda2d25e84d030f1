import { execFileSync } from 'node:child_process';
import { cpus, totalmem, platform, release } from 'node:os';

/** What the figures were measured on: they mean nothing without it. */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  node: string;
  platform: string;
  totalMemoryMb: number;
  /** Versions of the reference tools, null when absent. */
  pdftotext: string | null;
  soffice: string | null;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model?.trim() ?? 'unknown',
    node: process.version,
    platform: `${platform()} ${release()}`,
    totalMemoryMb: Math.round(totalmem() / 2 ** 20),
    pdftotext: toolVersion('pdftotext', ['-v']),
    soffice: toolVersion('soffice', ['--version']),
  };
}

/** First line of a tool's version output, or null when it is not installed. */
export function toolVersion(bin: string, args: string[]): string | null {
  try {
    const out = execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    return out.split('\n')[0].trim() || bin;
  } catch (e) {
    // pdftotext -v prints to stderr and may exit non-zero on old versions.
    const err = e as { code?: string; stderr?: string };
    if (err.code === 'ENOENT') return null;
    const line = (err.stderr ?? '').split('\n')[0].trim();
    return line || null;
  }
}
