import { APPS, appPort } from './stack-env.mjs';

/** What a developer needs once everything listens: URLs, secrets (through `emphasize`), a request to paste. */
export function readyBanner({ env, demoKey, generatedAdminToken, emphasize = (text) => text }) {
  const gatewayUrl = `http://127.0.0.1:${env.GATEWAY_PORT}`;
  const consoleUrl = `http://127.0.0.1:${appPort(
    APPS.find((app) => app.name === 'billing'),
    env,
  )}/console/`;
  const key = demoKey ?? '<an API key>';
  const body = JSON.stringify({ task_type: 'simple_chat', messages: [{ role: 'user', content: 'Say hello' }] });
  const rule = '─'.repeat(72);
  return [
    rule,
    'Switchyard is ready',
    ...APPS.map((app) => `  ${app.name.padEnd(10)} http://127.0.0.1:${appPort(app, env)}${app.baseUrlPath}`),
    '',
    demoKey
      ? emphasize(`Demo API key: ${demoKey}`)
      : 'Demo API key: the one the first run printed (the seed mints one only while Demo has none; set DEMO_API_KEY to choose one).',
    `Console: ${consoleUrl} (sign in with an admin token, e.g. ADMIN_TOKEN below; \`npm run build\` builds it)`,
    generatedAdminToken
      ? emphasize(`ADMIN_TOKEN (made up for this run; set ADMIN_TOKEN to choose one): ${env.ADMIN_TOKEN}`)
      : 'ADMIN_TOKEN: as set in your environment',
    '',
    'Try:',
    `  curl -s ${gatewayUrl}/v1/chat/completions \\`,
    `    -H 'Authorization: Bearer ${key}' -H 'Content-Type: application/json' \\`,
    `    -d '${body}'`,
    `  curl -s ${gatewayUrl}/v1/credits -H 'Authorization: Bearer ${key}'`,
    '',
    'Ctrl-C stops everything.',
    rule,
  ].join('\n');
}
