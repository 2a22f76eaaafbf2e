// How the end-to-end tests and the benchmark start the system Chromium.
// Playwright's own browser download is not used: CHROME_PATH, or Debian's
// /usr/bin/chromium. The flags keep a headless Chromium, run as root on a
// machine without outside network, from opening background connections.

export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];
