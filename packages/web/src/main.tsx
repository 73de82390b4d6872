import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { signInFromFragment } from './sign-in-from-fragment.ts';
import './styles.css';

// A sign-in link (`#token=...`) is traded for an API token before the app first reads the stored one.
void signInFromFragment().then((link) => {
  createRoot(document.getElementById('root')!).render(<App notice={link.kind === 'failed' ? link.message : null} />);
});
