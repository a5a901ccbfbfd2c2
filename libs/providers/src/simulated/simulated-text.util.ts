import type { ChatMessage } from '@switchyard/contracts';
import { intBetween, pick, type Random } from './deterministic-random.util';

const WORDS = [
  'gateway',
  'signal',
  'river',
  'harbor',
  'lantern',
  'orbit',
  'meadow',
  'engine',
  'ledger',
  'compass',
  'timber',
  'canyon',
  'beacon',
  'quiet',
  'steady',
  'bright',
  'careful',
  'simple',
  'rapid',
  'gentle',
  'route',
  'switch',
  'model',
  'token',
  'answer',
  'pattern',
  'result',
  'request',
  'stream',
  'credit',
  'measure',
  'balance',
  'follow',
  'carry',
  'gather',
  'build',
  'check',
  'shape',
  'reach',
  'hold',
  'every',
  'each',
  'often',
  'always',
  'rarely',
  'together',
  'along',
  'within',
  'beyond',
  'across',
  'clear',
  'useful',
  'small',
  'large',
  'early',
  'later',
  'plain',
  'exact',
  'common',
  'local',
];

export const SAMPLE_CITIES = ['Paris', 'Lisbon', 'Nairobi', 'Osaka', 'Toronto', 'Melbourne', 'Bogotá', 'Oslo'];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function sentence(random: Random): string {
  const count = intBetween(random, 6, 12);
  const words = Array.from({ length: count }, () => pick(random, WORDS));
  return `${capitalise(words.join(' '))}.`;
}

export function phrase(random: Random, wordCount: number): string {
  return Array.from({ length: wordCount }, () => pick(random, WORDS)).join(' ');
}

/** The text of a message, images left out. */
export function messageText(message: ChatMessage | undefined): string {
  const content = message?.content;
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' ? part.text : '')).join(' ');
}

/** The first words of the last user message: what the answer says it is about. */
export function topicOf(messages: readonly ChatMessage[]): string {
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const words = messageText(lastUser).replace(/\s+/g, ' ').trim().split(' ').filter(Boolean).slice(0, 8);
  const topic = words.join(' ');
  return topic.length > 60 ? `${topic.slice(0, 60)}…` : topic;
}

export function composeAnswer(random: Random, topic: string): string {
  const opening = topic ? `You asked about "${topic}".` : 'Here is a simulated answer.';
  const body = Array.from({ length: intBetween(random, 2, 4) }, () => sentence(random));
  return [opening, ...body].join(' ');
}

/** The answer after a tool ran: it quotes the tool's result so callers can see it was read. */
export function composeToolFollowUp(random: Random, toolName: string, toolResult: string): string {
  const flat = toolResult.replace(/\s+/g, ' ').trim();
  const excerpt = flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
  return [`The ${toolName} tool returned ${excerpt || 'nothing'}.`, sentence(random), sentence(random)].join(' ');
}
