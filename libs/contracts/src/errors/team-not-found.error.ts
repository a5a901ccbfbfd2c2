import { NotFoundError } from './not-found.error';

/**
 * The team a request addresses does not exist (404, `param: team_id`): the one way every layer
 * says so (an id that is not a UUID, no row, a foreign key that found no team, another team's id
 * under a team-scoped token).
 *
 * The rule for a reference to something missing, foreign-key violations included: named by the
 * path (`/teams/:teamId/...`), it is a 404 (this class, NotFoundError); named by a body field
 * (`{ "teamId": ... }`), it is a 400 InvalidRequestError naming that field, since the request
 * itself is wrong, not the resource it addresses.
 */
export class TeamNotFoundError extends NotFoundError {
  constructor(readonly teamId: string) {
    super(`No team with id ${teamId}.`, 'team_id');
  }
}
