/**
 * Characters of work between two reads of the clock: about 6 µs of ordinary text, and at worst
 * (unique 341-character CJK words, about 3 µs a character) under a millisecond.
 */
const CHECK_EVERY_CHARS = 256;

/**
 * A stretch of CPU time that long work runs in before it gives the event loop back. The work
 * reports how many characters it got through; the clock is read only every CHECK_EVERY_CHARS of
 * them, so a slice costs nothing measurable on a short prompt.
 */
export class TimeSlice {
  /** A slice that never ends: the work runs to completion, and the clock is never read. */
  static readonly UNBOUNDED = new TimeSlice(Number.POSITIVE_INFINITY);

  private untilCheck: number;

  private constructor(private readonly endsAt: number) {
    this.untilCheck = endsAt === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : CHECK_EVERY_CHARS;
  }

  /** A slice starting now and lasting `ms` milliseconds. */
  static lasting(ms: number): TimeSlice {
    return new TimeSlice(performance.now() + ms);
  }

  /** Records `chars` characters of work done; true once the slice is over. */
  spend(chars: number): boolean {
    this.untilCheck -= chars;
    if (this.untilCheck > 0) return false;
    this.untilCheck = CHECK_EVERY_CHARS;
    return performance.now() >= this.endsAt;
  }

  /** Whether the slice is over, reading the clock now (for loops whose steps cost nanoseconds). */
  over(): boolean {
    return this.endsAt !== Number.POSITIVE_INFINITY && performance.now() >= this.endsAt;
  }
}
