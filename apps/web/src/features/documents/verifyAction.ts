import { ApiError } from '../../lib/api';
import type { ServerAction } from '../../lib/staticPage';
import { verifyPdf, type DocumentVerification } from './api';

/*
 * The public verification page's upload, answered on the server (ADR 0018): the PDF the form
 * posted (multipart, read by the API's page layer within 10 MB) goes to the same JSON API the
 * page's other form uses, `POST /documents/verify`, as this visitor (its rate limit applies).
 */

export type VerifyUploadState =
  | { result: DocumentVerification; fileName: string }
  /** No file chosen, or an empty one: said at the file field. */
  | { missingFile: true }
  /** The API refused the file (malformed, encrypted, too large, too many tries): its code and words. */
  | { error: ApiError };

/** `POST /v`: verify the uploaded PDF. */
export const verifyUploadAction: ServerAction = async (_form, _search, files) => {
  const file = files?.pdf;
  if (!file || file.bytes.byteLength === 0)
    return { state: { missingFile: true } satisfies VerifyUploadState, status: 400 };
  try {
    const result = await verifyPdf(file.bytes);
    return { state: { result, fileName: file.name } satisfies VerifyUploadState };
  } catch (caught) {
    if (!(caught instanceof ApiError)) throw caught;
    return { state: { error: caught } satisfies VerifyUploadState, status: caught.status >= 400 ? caught.status : 400 };
  }
};
