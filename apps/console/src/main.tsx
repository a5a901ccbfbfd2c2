import { lazy, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout } from './components/layout';
import { SessionProvider } from './session/session-provider';
import './styles.css';

// Each page is its own chunk: the first load (sign-in) carries React, the router and the session
// only; the charts library comes with the pages that draw charts.
const OverviewPage = lazy(() => import('./pages/overview-page'));
const TeamsPage = lazy(() => import('./pages/teams-page'));
const TeamPage = lazy(() => import('./team/team-page'));
const OperationsPage = lazy(() => import('./operations/operations-page'));
const NotFoundPage = lazy(() => import('./pages/not-found-page'));

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <SessionProvider>
      <BrowserRouter basename="/console">
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<OverviewPage />} />
            <Route path="teams" element={<TeamsPage />} />
            <Route path="teams/:teamId" element={<TeamPage />} />
            <Route path="operations" element={<OperationsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  </StrictMode>,
);
