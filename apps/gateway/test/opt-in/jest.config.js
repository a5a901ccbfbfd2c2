// Opt-in specs (outside `npm test`): they need a tool the repo does not install, e.g. Claude Code.
// `CLAUDE_CODE_BIN=/path/to/claude npx jest -c apps/gateway/test/opt-in/jest.config.js`
const root = require('../../../../jest.config.js');
const e2e = root.projects.find((project) => project.displayName === 'e2e');

module.exports = {
  ...root,
  rootDir: '../../../..',
  projects: [{ ...e2e, displayName: 'opt-in', testMatch: ['<rootDir>/apps/gateway/test/opt-in/*.opt-in-spec.ts'] }],
};
