import { Link } from 'react-router';

export default function NotFoundPage() {
  return (
    <section aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>
        There is no such page in the console. <Link to="/">Back to the overview</Link>.
      </p>
    </section>
  );
}
