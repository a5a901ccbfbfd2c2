import { CircuitBreaker } from './circuit-breaker';

describe(CircuitBreaker.name, () => {
  let now = 0;
  const setup = (): CircuitBreaker => {
    now = 1_000;
    return new CircuitBreaker({ failureThreshold: 3, cooldownMs: 500 }, () => now);
  };

  it('stays closed below the threshold, and a success resets the count', () => {
    const breaker = setup();
    breaker.failed();
    breaker.failed();
    breaker.succeeded();
    breaker.failed();
    breaker.failed();
    expect(breaker.current()).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('opens after consecutive failures and refuses calls during the cool-down', () => {
    const breaker = setup();
    for (let i = 0; i < 3; i++) breaker.failed();
    expect(breaker.current()).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    now += 200;
    expect(breaker.msUntilProbe()).toBe(300);
    expect(breaker.wouldAdmit()).toBe(false);
  });

  it('lets exactly one probe through after the cool-down; its success closes the circuit', () => {
    const breaker = setup();
    for (let i = 0; i < 3; i++) breaker.failed();
    now += 500;
    expect(breaker.current()).toBe('half_open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.succeeded();
    expect(breaker.current()).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('reopens for a new cool-down when the probe fails', () => {
    const breaker = setup();
    for (let i = 0; i < 3; i++) breaker.failed();
    now += 500;
    breaker.tryAcquire();
    breaker.failed();
    expect(breaker.current()).toBe('open');
    expect(breaker.msUntilProbe()).toBe(500);
  });

  it('says which failure opened the circuit: the one at the threshold and a failed probe, not those after', () => {
    const breaker = setup();
    expect([breaker.failed(), breaker.failed(), breaker.failed(), breaker.failed()]).toEqual([
      false,
      false,
      true,
      false,
    ]);
    now += 500;
    breaker.tryAcquire();
    expect(breaker.failed()).toBe(true);
  });

  it('frees the probe slot when the probe ends without a verdict', () => {
    const breaker = setup();
    for (let i = 0; i < 3; i++) breaker.failed();
    now += 500;
    breaker.tryAcquire();
    breaker.released();
    expect(breaker.tryAcquire()).toBe(true);
  });
});
