import { mergeConfig } from 'vitest/config';
import base from '../vitest.config.js';

/** vitest.config.ts plus the per-file CPU probe (test/support/cpu-probe.ts), for bench/suite-cost.ts. */
export default mergeConfig(base, { test: { setupFiles: ['test/support/cpu-probe.ts'] } });
