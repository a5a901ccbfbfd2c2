import { MaxLength, validateSync } from 'class-validator';
import { MaxCharacters } from './max-characters.validator';

class Bounded {
  @MaxCharacters(4)
  text!: unknown;
}

class Reference {
  @MaxLength(4)
  text!: unknown;
}

const errorsOf = (dto: Bounded | Reference, text: unknown) =>
  validateSync(Object.assign(dto, { text })).map((e) => e.constraints);

describe(MaxCharacters.name, () => {
  it.each([
    ['four letters', 'abcd'],
    ['five letters', 'abcde'],
    ['four emoji (surrogate pairs)', '😀😀😀😀'],
    ['five emoji', '😀😀😀😀😀'],
    ['four emoji with variation selectors (12 units)', '❤️❤️❤️❤️'.replace(/❤/g, '😀')],
    ['a lone surrogate', '\ud800abc'],
    ['an empty string', ''],
    ['a number', 1234],
  ])('decides %s exactly as MaxLength does, with its message', (_case, text) => {
    expect(errorsOf(new Bounded(), text)).toEqual(errorsOf(new Reference(), text));
  });

  it('refuses a huge string without counting its characters', () => {
    const huge = '😀'.repeat(4 * 1024 * 1024);
    const started = performance.now();
    expect(errorsOf(new Bounded(), huge)).toEqual([
      { maxLength: 'text must be shorter than or equal to 4 characters' },
    ]);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
