import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import type { Team } from '../api/types';
import { Dialog } from '../components/dialog';
import { FormActions } from '../components/form-actions';
import { ErrorNotice } from '../components/states';
import { useAction } from '../components/use-action';

export function CreateTeamDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const navigate = useNavigate();
  const create = useAction(async () => {
    const team = await api<Team>('POST', '/teams', { body: { name: name.trim() } });
    navigate(`/teams/${team.id}`);
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    void create.run();
  }

  return (
    <Dialog title="Create a team" onClose={onClose}>
      <form onSubmit={submit}>
        <label htmlFor="team-name">Team name</label>
        <input
          id="team-name"
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoFocus
        />
        {create.error !== undefined && <ErrorNotice error={create.error} />}
        <FormActions onCancel={onClose} submitLabel="Create team" disabled={create.busy || name.trim() === ''} />
      </form>
    </Dialog>
  );
}
