import { SwitchyardError } from '@switchyard/contracts';

export class TeamNotFoundError extends SwitchyardError {
  constructor(readonly teamId: string) {
    super('not_found', `No team with id ${teamId}.`, { param: 'team_id' });
    this.name = 'TeamNotFoundError';
  }
}
