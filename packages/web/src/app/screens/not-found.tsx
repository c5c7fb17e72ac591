import { Page } from '../components/page.js';
import { Link } from '../router.js';

export function NotFoundScreen() {
  return (
    <Page title="Page not found">
      <p>
        There is nothing at this address. <Link to="/">Go to the home page</Link>.
      </p>
    </Page>
  );
}
