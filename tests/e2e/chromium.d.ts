// Types for scripts/chromium.mjs, so the browser tests type-check without allowJs.
declare module '*/scripts/chromium.mjs' {
  export const CHROMIUM_PATH: string;
  export const CHROMIUM_ARGS: string[];
}
