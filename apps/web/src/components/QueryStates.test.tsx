import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import '../app/i18n';
import { ApiError } from '../lib/api';
import { QueryStates, type QueryLike } from './QueryStates';
import { queryLike } from './QueryStates.fixtures';
import { SubmitButton } from './SubmitButton';

const query = queryLike;

const render = (q: QueryLike<string[]>) =>
  renderToStaticMarkup(
    <QueryStates query={q} loadingLabel="loading rows" isEmpty={(rows) => rows.length === 0} empty={<p>none</p>}>
      {(rows) => (
        <ul>
          {rows.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </QueryStates>,
  );

describe('QueryStates', () => {
  it('while loading: the spinner with words, announced politely, and nothing else', () => {
    const html = render(query({ isPending: true }));
    expect(html).toContain('role="status"');
    expect(html).toContain('loading rows');
    expect(html).not.toContain('<ul>');
  });

  it('on failure: the server’s message as an alert, with «try again»', () => {
    const error = new ApiError(503, 'UNAVAILABLE', 'The service is resting.');
    const html = render(query({ isError: true, error }));
    expect(html).toContain('role="alert"');
    expect(html).toContain('The service is resting.');
    expect(html).toContain('<button');
  });

  it('with nothing to show: the empty state; with data: the data', () => {
    expect(render(query({ data: [] }))).toBe('<p>none</p>');
    expect(render(query({ data: ['a', 'b'] }))).toBe('<ul><li>a</li><li>b</li></ul>');
  });
});

describe('SubmitButton', () => {
  it('is busy, aria-disabled and shows a spinner while pending; a plain submit button otherwise', () => {
    const busy = renderToStaticMarkup(<SubmitButton pending>Save</SubmitButton>);
    expect(busy).toMatch(/type="submit"/);
    expect(busy).toMatch(/aria-disabled="true"/);
    expect(busy).toMatch(/aria-busy="true"/);
    expect(busy).toContain('spinner');
    const idle = renderToStaticMarkup(<SubmitButton pending={false}>Save</SubmitButton>);
    expect(idle).toMatch(/aria-disabled="false"/);
    expect(idle).not.toContain('spinner');
  });

  it('ignores a click while pending (no second submission), and passes it on otherwise', () => {
    const element = SubmitButton({ pending: true, children: 'Save', onClick: () => clicks.push('clicked') });
    const clicks: string[] = [];
    let prevented = false;
    const event = { preventDefault: () => (prevented = true) } as never;
    (element.props as { onClick: (e: never) => void }).onClick(event);
    expect(prevented).toBe(true);
    expect(clicks).toEqual([]);
    const idle = SubmitButton({ pending: false, children: 'Save', onClick: () => clicks.push('clicked') });
    (idle.props as { onClick: (e: never) => void }).onClick(event);
    expect(clicks).toEqual(['clicked']);
  });
});
