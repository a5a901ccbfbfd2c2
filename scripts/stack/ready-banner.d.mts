// Types for the specs (TypeScript) that import ready-banner.mjs (plain JavaScript, run by node).
/** The banner npm start prints once everything listens. */
export function readyBanner(options: {
  env: Record<string, string>;
  demoKey: string | null;
  generatedAdminToken: boolean;
  emphasize?: (text: string) => string;
}): string;
