import { stopSharedOffice } from '../fixtures/producers/office-fixtures.js';

/**
 * vitest globalSetup: at the end of the run, stop the fixtures' shared LibreOffice (office-fixtures.ts) unless a
 * process of another run still uses it (then its heartbeat ends it ~30 s after that run's last conversion).
 */
export default function setup(): () => void {
  return () => {
    stopSharedOffice();
  };
}
