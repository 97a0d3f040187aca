import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import type { RequestDraft } from '../../../lib/contracts';
import { saveDraft } from '../api';
import type { DocumentUploads } from './ApplyDocuments';

/** How long the form rests before the draft is saved. */
const AUTOSAVE_DELAY_MS = 1200;

type DraftState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'failed' }
  | { kind: 'conflict'; current: number | null };

/** The draft's form and documents as the server keeps them. */
const draftBody = (form: Record<string, unknown>, uploads: DocumentUploads) => ({
  form,
  documents: Object.entries(uploads).map(([document, u]) => ({ document: Number(document), uploadId: u.id })),
});

/**
 * Saves the apply page's form and documents as a server draft a moment after each change, naming
 * the row version it replaces: another device's newer save is never silently overwritten (the
 * person chooses to open it or to save over it).
 */
export function useDraftAutosave(serviceId: string, initial: RequestDraft | null, form: Record<string, unknown>, uploads: DocumentUploads) {
  const version = useRef<number | null>(initial?.version ?? null);
  const [state, setState] = useState<DraftState>(initial ? { kind: 'saved', at: initial.updatedAt } : { kind: 'idle' });
  const body = JSON.stringify(draftBody(form, uploads));
  const lastSaved = useRef(initial ? JSON.stringify(draftBody(initial.form, Object.fromEntries(initial.documents.map((d) => [d.document, d])))) : body);
  const paused = useRef(false);

  const save = async (overwriteAt?: number | null) => {
    setState({ kind: 'saving' });
    try {
      const saved = await saveDraft(serviceId, JSON.parse(body) as ReturnType<typeof draftBody>, overwriteAt === undefined ? version.current : overwriteAt);
      version.current = saved.version;
      lastSaved.current = body;
      paused.current = false;
      setState({ kind: 'saved', at: saved.updatedAt });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'DRAFT_CONFLICT') {
        paused.current = true;
        const current = (e.details as { version?: number | null } | undefined)?.version ?? null;
        setState({ kind: 'conflict', current });
      } else setState({ kind: 'failed' });
    }
  };

  useEffect(() => {
    if (paused.current || body === lastSaved.current) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [body]);

  return {
    state,
    overwrite: (current: number | null) => void save(current),
    /** Saves now what is not saved yet (before the browser leaves the page, for the payment gateway). */
    flush: async () => {
      if (!paused.current && body !== lastSaved.current) await save();
    },
  };
}

/** The draft's status under the form: saving, saved (when), failed, or changed on another device with the two ways out. */
export function DraftStatus({ state, onOverwrite, onReload }: { state: DraftState; onOverwrite: (current: number | null) => void; onReload: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div role="status" aria-live="polite" className="text-muted" data-draft-status={state.kind}>
      {state.kind === 'saving' ? t('uploads.draft.saving') : null}
      {state.kind === 'saved' ? t('uploads.draft.saved', { time: format.dateTime(state.at) }) : null}
      {state.kind === 'failed' ? t('uploads.draft.failed') : null}
      {state.kind === 'conflict' ? (
        <span className="stack-sm">
          <span>{t('uploads.draft.conflict')}</span>{' '}
          <button type="button" className="button button--secondary" onClick={onReload}>
            {t('uploads.draft.reload')}
          </button>{' '}
          <button type="button" className="button button--ghost" onClick={() => onOverwrite(state.current)}>
            {t('uploads.draft.overwrite')}
          </button>
        </span>
      ) : null}
    </div>
  );
}
