import { NotFoundError } from './not-found.error';

/**
 * The team a request addresses does not exist (404, `param: team_id`): the one way every layer
 * says so (an id that is not a UUID, no row, a foreign key that found no team, another team's id
 * under a team-scoped token). When it is a 404 and when a 400: see NotFoundError.
 */
export class TeamNotFoundError extends NotFoundError {
  constructor(readonly teamId: string) {
    super(`No team with id ${teamId}.`, 'team_id');
  }
}
