import { IsInt, IsString, IsUrl, Max, Min } from 'class-validator';
import { ConfigError, validateEnv } from './validate-env';

class ExampleEnv {
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['redis'] })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  NAME!: string;
}

describe(validateEnv.name, () => {
  it('applies defaults and converts numbers', () => {
    const env = validateEnv(ExampleEnv, { NAME: 'x', PORT: '8080' });
    expect(env).toMatchObject({ NAME: 'x', PORT: 8080, REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(Object.isFrozen(env)).toBe(true);
  });

  it('lists every problem at once', () => {
    try {
      validateEnv(ExampleEnv, { PORT: '70000', REDIS_URL: 'http://localhost' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const { problems } = err as ConfigError;
      expect(problems.some((p) => p.startsWith('PORT:'))).toBe(true);
      expect(problems.some((p) => p.startsWith('REDIS_URL:'))).toBe(true);
      expect(problems.some((p) => p.startsWith('NAME:'))).toBe(true);
    }
  });

  it('treats empty strings as unset', () => {
    expect(validateEnv(ExampleEnv, { NAME: 'x', PORT: '' }).PORT).toBe(3000);
  });
});
