/**
 * Whether the process is draining for shutdown: readiness turns 503 at once so load balancers
 * stop sending traffic while open requests (or in-flight jobs) finish.
 */
export class LifecycleState {
  private drainingSince: number | null = null;

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  startDraining(): void {
    this.drainingSince ??= Date.now();
  }
}
