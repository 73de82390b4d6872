import { expect } from 'vitest';
import type { UiHarness } from './ui-harness.js';

/** `expect.poll` with room for a page's first requests (its default gives up after one second). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
] as const;

/** What the page reports about horizontal overflow: the widths, and what sticks out (outside `.table-wrap`). */
interface Overflow {
  scrollWidth: number;
  innerWidth: number;
  culprits: string[];
}

// A string, not a function: the test tsconfig has no DOM types, and this runs in the page.
const MEASURE = `(() => {
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.table-wrap') && !el.classList.contains('table-wrap')) continue;
    const r = el.getBoundingClientRect();
    const spills = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible';
    if (r.width > 0 && (r.right > window.innerWidth + 1 || spills)) found.push(el);
  }
  // The innermost offenders name the cause; their ancestors only inherit the overflow.
  const culprits = found.filter((el) => !found.some((other) => other !== el && el.contains(other)));
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, culprits: culprits.slice(0, 8).map(describe) };
})()`;

/** What the focused element is and whether its focus is visible. */
interface Focused {
  tag: string;
  text: string;
  href: string | null;
  id: string;
  focusVisible: boolean;
  outlineStyle: string;
  outlineWidth: number;
  left: number;
}

const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el) return null;
  const s = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.textContent || '').trim(),
    href: el.getAttribute('href'),
    id: el.id,
    focusVisible: el.matches(':focus-visible'),
    outlineStyle: s.outlineStyle,
    outlineWidth: parseFloat(s.outlineWidth) || 0,
    left: el.getBoundingClientRect().left,
  };
})()`;

/**
 * Every page in the nav at 1280 px and at a phone width: no horizontal overflow of the page body (tables may
 * scroll inside `.table-wrap`). Keyboard: Tab from the top reaches the skip link, then the nav links in order,
 * each with a visible focus outline; Enter on the skip link lands in main and Enter on a nav link routes.
 */
export async function layoutFlow(h: UiHarness): Promise<void> {
  const { page } = h;
  // Lists with rows, so tables are measured and not only empty states.
  await h.ensureMappedOrganizations(2);
  await h.open('/coverage');
  const nav = page.getByRole('navigation', { name: 'Pages', exact: true });
  const links = await nav.getByRole('link').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href')!, label: (a.textContent ?? '').trim() })));
  expect(links.map((l) => l.href)).toEqual(['/coverage', '/seats', '/integrations', '/organizations', '/actions', '/bulk', '/mfa', '/audit', '/logs', '/alerts', '/tokens']);

  const failures: string[] = [];
  try {
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      for (const link of links) {
        await page.goto(h.serverUrl + link.href);
        await page.locator('main h1').first().waitFor();
        // Let the page's first requests land: its loading text goes away (or stays, and is measured as is).
        await poll(() => page.locator('main').innerText().then((t) => !/Loading…/.test(t))).toBe(true).catch(() => {});
        const name = link.href.slice(1);
        await h.shot(`layout-${name}-${size.width}`);
        const m = (await page.evaluate(MEASURE)) as Overflow;
        if (m.scrollWidth > m.innerWidth) failures.push(`${link.href} at ${size.width}px: scrollWidth ${m.scrollWidth} > ${m.innerWidth} (${m.culprits.join(', ')})`);
      }
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  expect(failures).toEqual([]);

  // Keyboard from the top of a fresh page: the skip link first, shown when focused.
  await page.goto(h.serverUrl + '/coverage');
  await page.locator('main h1').first().waitFor();
  await page.keyboard.press('Tab');
  const skip = (await page.evaluate(FOCUSED)) as Focused;
  expect(skip).toMatchObject({ tag: 'a', text: 'Skip to content', href: '#main', focusVisible: true });
  expect(skip.outlineStyle).not.toBe('none');
  expect(skip.outlineWidth).toBeGreaterThan(0);
  expect(skip.left).toBeGreaterThanOrEqual(0);
  await h.shot('layout-skip-link');

  // Then each nav link in order, each with a visible outline.
  for (const link of links) {
    await page.keyboard.press('Tab');
    const f = (await page.evaluate(FOCUSED)) as Focused;
    expect(f).toMatchObject({ tag: 'a', href: link.href, text: link.label, focusVisible: true });
    expect(f.outlineStyle).not.toBe('none');
    expect(f.outlineWidth).toBeGreaterThan(0);
  }
  await h.shot('layout-nav-focus');

  // Shift+Tab back to Organizations and Enter routes there, marking it current.
  const back = links.length - links.findIndex((l) => l.href === '/organizations') - 1;
  for (let i = 0; i < back; i++) await page.keyboard.press('Shift+Tab');
  expect(((await page.evaluate(FOCUSED)) as Focused).href).toBe('/organizations');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/organizations');
  expect(await nav.getByRole('link', { name: 'Organizations' }).getAttribute('aria-current')).toBe('page');

  // The skip link jumps past the nav: Enter on it puts focus in main, so the next Tab is in the page.
  await page.goto(h.serverUrl + '/organizations');
  await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await poll(async () => ((await page.evaluate(FOCUSED)) as Focused | null)?.id).toBe('main');
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate("!!document.activeElement?.closest('main')");
  expect(inMain).toBe(true);
  const f = (await page.evaluate(FOCUSED)) as Focused;
  expect(f.focusVisible).toBe(true);
  expect(f.outlineStyle).not.toBe('none');
  await h.shot('layout-main-focus');
}
