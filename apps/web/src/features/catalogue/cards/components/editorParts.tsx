import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../../components/ConfirmDialog';
import { fieldId, placePath, type CardProblem } from '../cardForm';
import { SECTIONS, sectionId, sectionTitle } from './sections';

/*
 * The parts of the card editor around its sections: the in-page index, the error summary (the
 * server's problems placed at their controls) and the choice of agency for a new card.
 */

export interface SummaryEntry {
  id: string;
  label: string;
  message: string;
}

/** Focuses a control by id: an input itself, or the first control (or button) of a group. */
export function focusControl(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  const target =
    element instanceof HTMLFieldSetElement
      ? (element.querySelector<HTMLElement>('input:checked, input, select, textarea, button') ?? element)
      : element;
  target.focus();
  target.scrollIntoView({ block: 'center' });
}

/** What the error summary calls a control: its label or legend, after the row it is in («مدرک ۲ — عنوان مدرک»). */
function labelOf(element: HTMLElement): string {
  const own =
    element instanceof HTMLFieldSetElement
      ? element.querySelector(':scope > legend')
      : document.querySelector(`label[for="${CSS.escape(element.id)}"]`);
  const text = (node: Element | null) => {
    if (!node) return '';
    const copy = node.cloneNode(true) as Element;
    copy.querySelectorAll('.field__optional, .visually-hidden, .cf-required').forEach((n) => n.remove());
    return (copy.textContent ?? '').trim();
  };
  const parts = [text(own)];
  let row = element.parentElement?.closest('fieldset.cf-row') ?? null;
  while (row) {
    parts.unshift(text(row.querySelector(':scope > legend')));
    row = row.parentElement?.closest('fieldset.cf-row') ?? null;
  }
  return parts.filter(Boolean).join(' — ');
}

/** The error summary's content: problems placed at their controls, in the order of the page, and the rest. */
export interface Summary {
  entries: SummaryEntry[];
  other: string[];
  incomplete: boolean;
}

/** Places the server's problems at the controls on the page (one per control), in the order of the page. */
export function placeProblems(problems: readonly CardProblem[]) {
  const placed: Record<string, string> = {};
  const other: string[] = [];
  const entries: SummaryEntry[] = [];
  for (const p of problems) {
    const at = p.path ? placePath(p.path, (x) => document.getElementById(fieldId(x)) !== null) : null;
    if (!at) {
      other.push(p.message);
      continue;
    }
    if (placed[at]) continue;
    placed[at] = p.message;
    const element = document.getElementById(fieldId(at))!;
    entries.push({ id: fieldId(at), label: labelOf(element), message: p.message });
  }
  // In the order of the page.
  entries.sort((a, b) => {
    const ea = document.getElementById(a.id);
    const eb = document.getElementById(b.id);
    if (!ea || !eb) return 0;
    return ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  return { placed, entries, other };
}

/** The in-page index of the sections: each link moves focus to its section's heading. */
export function SectionIndex() {
  const { t } = useTranslation();
  return (
    <nav className="cf-index card" aria-labelledby="cf-index-title">
      <h2 id="cf-index-title" className="cf-index__title">
        {t('catalogueCards.cardEditorPage.sections')}
      </h2>
      <ol className="cf-index__list">
        {SECTIONS.map((k) => (
          <li key={k}>
            <a
              href={`#${sectionId(k)}`}
              onClick={(event) => {
                event.preventDefault();
                const heading = document.getElementById(`${sectionId(k)}-title`);
                heading?.focus();
                heading?.scrollIntoView({ block: 'start' });
              }}
            >
              {sectionTitle(t, k)}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The refused fields, each a link that focuses its control, and the problems not at a field. */
export function ErrorSummaryPanel({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--danger error-summary" role="alert" aria-labelledby="cf-summary-title">
      <div>
        <p id="cf-summary-title" className="notice__title">
          {summary.incomplete
            ? t('catalogueCards.cardEditorPage.incompleteTitle')
            : t('catalogueCards.cardEditorPage.summaryTitle')}
        </p>
        {summary.incomplete ? <p>{t('catalogueCards.cardEditorPage.summaryTitle')}</p> : null}
        <ul className="error-summary__list">
          {summary.entries.map((e) => (
            <li key={e.id}>
              <a
                href={`#${e.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  focusControl(e.id);
                }}
              >
                {e.label}: {e.message}
              </a>
            </li>
          ))}
          {summary.other.map((m, i) => (
            <li key={`other-${i}`}>{m}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** For a new card: the agency it is drafted for (among those the person may draft for). */
export function AgencyChoice({
  agencyId,
  error,
  agencies,
  onChange,
}: {
  agencyId: string;
  error: string | undefined;
  agencies: ReadonlyArray<{ id: string; name: string }>;
  onChange: (agencyId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <div className="field" data-invalid={error ? true : undefined}>
        <label htmlFor="cf-agencyId" className="field__label">
          {t('catalogueTerms.field.agency')}
        </label>
        <p id="cf-agencyId-help" className="field__help">
          {t('catalogueCards.cardEditorPage.agencyHelp')}
        </p>
        {error ? (
          <p id="cf-agencyId-error" className="field__error">
            {error}
          </p>
        ) : null}
        <select
          id="cf-agencyId"
          className="input"
          value={agencyId}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'cf-agencyId-help cf-agencyId-error' : 'cf-agencyId-help'}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{t('catalogueCards.form.choose')}</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** Asks before sending the card for review: to the parent agency, or to the central reviewers. */
export function SubmitCardDialog({
  open,
  toParent,
  parentName,
  onConfirm,
  onClose,
}: {
  open: boolean;
  toParent: boolean;
  parentName: string | undefined;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog open={open} onClose={onClose} title={t('catalogueCards.cardEditorPage.submitTitle')} confirmLabel={t('catalogueCards.cardEditorPage.submitConfirm')} onConfirm={onConfirm}>
      <p>
        {toParent
          ? t('catalogueCards.cardEditorPage.submitBodyParent')
          : t('catalogueCards.cardEditorPage.submitBodyCentral')}
      </p>
      {parentName ? <p>{t('catalogueCards.cardEditorPage.parentAgency', { name: parentName })}</p> : null}
    </ConfirmDialog>
  );
}

/** Asks before dropping the reader's changes for the newer version someone else saved. */
export function ReloadCardDialog({
  open,
  onConfirm,
  onClose,
}: {
  open: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog open={open} onClose={onClose} title={t('catalogueCards.cardEditorPage.reload')} confirmLabel={t('catalogueCards.cardEditorPage.reload')} danger onConfirm={onConfirm}>
      <p>{t('catalogueCards.cardEditorPage.reloadConfirm')}</p>
    </ConfirmDialog>
  );
}
