import { AdminTokensSection } from './admin-tokens-section';
import { AuditLogSection } from './audit-log-section';
import { FailedEventsSection } from './failed-events-section';

export default function OperationsPage() {
  return (
    <section aria-labelledby="operations-title">
      <h1 id="operations-title">Billing operations</h1>
      <FailedEventsSection />
      <AuditLogSection />
      <AdminTokensSection />
    </section>
  );
}
