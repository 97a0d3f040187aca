import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyUploadAction, type VerifyUploadState } from './verifyAction';

/** The upload's server side: what it sends to the API, and what the page is given to show. */

const VERDICT = {
  verdict: { code: 'valid', reason: { fa: 'معتبر', en: 'valid' } },
  changedAfterLastSignature: false,
  document: null,
  signatures: [],
};
const sent: Array<{ url: string; init: RequestInit | undefined }> = [];

function answer(status: number, body: unknown) {
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    sent.push({ url, init });
    return Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    );
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  sent.length = 0;
});

const pdf = (bytes: string) => ({
  pdf: { name: 'x.pdf', type: 'application/pdf', bytes: new TextEncoder().encode(bytes) },
});

describe('verifyUploadAction', () => {
  it('sends the PDF as the body of POST /documents/verify and hands the answer to the page', async () => {
    answer(200, VERDICT);
    const result = await verifyUploadAction({ _csrf: 'x' }, {}, pdf('%PDF-1.7 …'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('/api/v1/documents/verify');
    expect(sent[0]!.init?.method).toBe('POST');
    expect((sent[0]!.init?.headers as Record<string, string>)['Content-Type']).toBe('application/pdf');
    expect(new TextDecoder().decode(await (sent[0]!.init?.body as Blob).arrayBuffer())).toBe('%PDF-1.7 …');
    expect(result).toEqual({ state: { result: VERDICT, fileName: 'x.pdf' } satisfies VerifyUploadState });
  });

  it('asks for a file when none or an empty one came, without calling the API', async () => {
    answer(200, VERDICT);
    expect(await verifyUploadAction({}, {}, {})).toEqual({ state: { missingFile: true }, status: 400 });
    expect(await verifyUploadAction({}, {}, pdf(''))).toEqual({ state: { missingFile: true }, status: 400 });
    expect(await verifyUploadAction({}, {})).toEqual({ state: { missingFile: true }, status: 400 });
    expect(sent).toEqual([]);
  });

  it('gives the API’s refusal (code, words, status) to the page', async () => {
    answer(400, {
      error: {
        code: 'VERIFY_PDF_MALFORMED',
        message: 'پرونده فرستاده‌شده یک PDF خوانا نیست.',
        details: {},
        requestId: 'r1',
      },
    });
    const result = await verifyUploadAction({}, {}, pdf('not a pdf'));
    expect(result).toMatchObject({
      status: 400,
      state: { error: { code: 'VERIFY_PDF_MALFORMED', message: 'پرونده فرستاده‌شده یک PDF خوانا نیست.' } },
    });
  });
});
