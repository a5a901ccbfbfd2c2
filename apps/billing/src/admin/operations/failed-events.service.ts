import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { InvalidRequestError, NotFoundError, USAGE_EVENTS_QUEUE } from '@switchyard/contracts';
import type { AdminPrincipal } from '@switchyard/admin';
import type { Job, Queue } from 'bullmq';
import { canSeeTeam } from '../auth/team-access.util';

export interface FailedEventView {
  jobId: string;
  teamId: string | null;
  requestId: string | null;
  failedReason: string;
  attemptsMade: number;
  failedAt: Date | null;
  data: unknown;
}

/** Jobs kept in BullMQ's failed set (permanent faults, or retries used up): list and replay. */
@Injectable()
export class FailedEventsService {
  constructor(@InjectQueue(USAGE_EVENTS_QUEUE) private readonly queue: Queue) {}

  /** A team-scoped operator sees only its team's events (the page is filtered after it is read). */
  async list(
    principal: AdminPrincipal,
    page: { offset: number; limit: number },
  ): Promise<{ total: number; events: FailedEventView[] }> {
    const [total, jobs] = await Promise.all([
      this.queue.getFailedCount(),
      this.queue.getFailed(page.offset, page.offset + page.limit - 1),
    ]);
    const events = jobs.filter((job) => job && canSeeTeam(principal, teamOf(job))).map(view);
    return { total: principal.teamId === null ? total : events.length, events };
  }

  /** How many failed events the principal may see (a team-scoped one: its team's, read from the whole set). */
  async count(principal: AdminPrincipal): Promise<number> {
    if (principal.teamId === null) return this.queue.getFailedCount();
    const jobs = await this.queue.getFailed(0, -1);
    return jobs.filter((job) => job && canSeeTeam(principal, teamOf(job))).length;
  }

  /** Moves the job back to waiting; billing applies it once (the ledger ignores an already-billed request). */
  async replay(principal: AdminPrincipal, jobId: string): Promise<FailedEventView> {
    const job = await this.queue.getJob(jobId);
    if (!job || !canSeeTeam(principal, teamOf(job)))
      throw new NotFoundError(`No billing event with job id ${jobId}.`, 'job_id');
    if (!(await job.isFailed())) throw new InvalidRequestError(`Job ${jobId} is not in the failed set.`, 'job_id');
    await job.retry('failed');
    return view(job);
  }
}

function teamOf(job: Job): string | null {
  const teamId = (job.data as { teamId?: unknown } | null)?.teamId;
  return typeof teamId === 'string' ? teamId : null;
}

function view(job: Job): FailedEventView {
  const requestId = (job.data as { requestId?: unknown } | null)?.requestId;
  return {
    jobId: job.id ?? '',
    teamId: teamOf(job),
    requestId: typeof requestId === 'string' ? requestId : null,
    failedReason: job.failedReason,
    attemptsMade: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    data: job.data,
  };
}
