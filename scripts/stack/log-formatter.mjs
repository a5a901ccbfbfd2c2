// How `npm start` shows the apps' log lines to a person at a terminal. The apps keep writing one
// JSON object a line (pino); the stack formats them only when its own stdout is a terminal, so a
// pipe, a file or a log collector still gets the JSON as written. pino-pretty renders the time,
// the coloured level and the other fields; this file decides what a line says: a request as
// method, URL, status and duration, a message behind its Nest context, an error with its message.
import { prettyFactory } from 'pino-pretty';

/** The same on every line of an app (`app` is the label in front of it). */
const SAME_ON_EVERY_LINE = ['pid', 'hostname', 'app'];
/** What a request line's message already says, or a terminal does not need. */
const REQUEST_FIELDS = ['req', 'res', 'responseTime', 'team', 'keyPrefix', 'route', 'clientRequestId'];
/** Nest's boot chatter, a line per module and route: dimmed, so the lines that matter stand out. */
const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);
/** pino-http's messages for a request line; anything else in `msg` is shown as is. */
const REQUEST_OUTCOMES = { 'request completed': '', 'request errored': ' (errored)', 'request aborted': ' (aborted)' };
// Control characters but tab and newline: parts of a line come from clients (a URL, an
// x-request-id), and a terminal obeys the escape sequences JSON kept harmless. C1 ones, which
// JSON leaves as they are, are escaped anywhere in the shown line: the colours use none.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const C1_CONTROL = /[\u0080-\u009f]/g;

const escaped = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
const visible = (text) => String(text).replace(CONTROL, escaped);

const isPinoLine = (value) =>
  value !== null && typeof value === 'object' && typeof value.level === 'number' && typeof value.time === 'number';

/** An `err` as pino serializes it ({ type, message, stack }) or as the apps log it (a string). */
function errorOf(value) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') {
    const [message, ...more] = String(value).split('\n');
    return { message, stack: more.length > 0 ? String(value) : undefined };
  }
  const message = value.message || value.type || JSON.stringify(value);
  return { message: String(message), stack: typeof value.stack === 'string' ? value.stack : undefined };
}

function requestMessage({ req, res, responseTime }, msg) {
  const outcome = REQUEST_OUTCOMES[msg] ?? ` ${msg}`;
  return `${req.method} ${req.url} ${res?.statusCode ?? '-'} ${responseTime ?? '-'} ms${outcome}`;
}

/**
 * What the terminal shows of a line: for pino-pretty, the level, time, message (and `context`
 * beside it, for the colours) and whatever else the line carried; below it, the error's stack.
 */
function displayOf(log) {
  // `detail` is the cause of a 5xx (libs/observability answerWithError), an error by another name.
  const { level, time, context, msg, err, detail, ...fields } = log;
  for (const field of SAME_ON_EVERY_LINE) delete fields[field];
  const isRequest = typeof fields.req === 'object' && fields.req !== null;
  let message = isRequest ? requestMessage(fields, msg) : (msg ?? fields.code ?? '');
  if (isRequest) for (const field of REQUEST_FIELDS) delete fields[field];
  else if (msg === undefined) delete fields.code;
  const error = errorOf(err ?? detail);
  if (error?.message) message = message === '' ? error.message : `${message}: ${error.message}`;
  return { line: { level, time, msg: visible(message), context, ...fields }, stack: stackFrames(error) };
}

/** The stack's lines after those that repeat the error's message ("TypeError: <message>"), which the line shows. */
function stackFrames(error) {
  if (error?.stack === undefined) return [];
  const lines = error.stack.split('\n');
  const repeatsMessage = (line) =>
    line.trim() === '' || (error.message !== '' && (line === error.message || line.endsWith(`: ${error.message}`)));
  while (lines.length > 0 && repeatsMessage(lines[0])) lines.shift();
  return lines.map((frame) => `    ${visible(frame.trimStart())}`);
}

/** Returns `format(line)`: the text to show for one line of an app's output, without a final newline. */
export function createLogFormatter({ colorize }) {
  const pretty = prettyFactory({
    colorize,
    translateTime: 'SYS:HH:MM:ss',
    // The rest of the line's fields as one JSON object after the message, dimmed.
    singleLine: true,
    ignore: 'context',
    // Messages in the terminal's own colour; the levels keep pino-pretty's.
    customColors: 'message:reset',
    useOnlyCustomProps: false,
    customPrettifiers: { time: (time) => time },
    messageFormat: (log, messageKey, _level, { colors }) => {
      const message = log[messageKey];
      if (typeof log.context !== 'string') return message;
      const context = `[${visible(log.context)}]`;
      return BOOT_CONTEXTS.has(log.context)
        ? colors.gray(`${context} ${message}`)
        : `${colors.gray(context)} ${message}`;
    },
  });
  return (line) => {
    let log;
    try {
      log = JSON.parse(line);
    } catch {
      return line;
    }
    if (!isPinoLine(log)) return line;
    const { line: shown, stack } = displayOf(log);
    return [pretty(shown).trimEnd().replace(C1_CONTROL, escaped), ...stack].join('\n');
  };
}
