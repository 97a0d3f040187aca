import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { ClockIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { capabilitiesQuery, currentYear, YEAR_MAX, YEAR_MIN } from '../api';
import { ClosuresSection } from '../components/ClosuresSection';
import { HolidayTableSection } from '../components/HolidayTableSection';

/**
 * `/staff/calendar?year=1405`: the working-day calendar. The year's official holiday table (the
 * central organisation edits, publishes or imports it; everyone else reads it) and the local
 * closures (an agency administrator adds and removes their agency's, central roles a province's).
 * What the buttons offer follows GET /calendar/capabilities; the server refuses the rest anyway.
 */
export function CalendarPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const search: { year?: number } = useSearch({ strict: false });
  const navigate = useNavigate();
  const year = search.year ?? currentYear();
  const caps = useQuery(capabilitiesQuery);
  const go = (y: number) => void navigate({ to: '/staff/calendar', search: { year: y } });

  return (
    <div className="stack-lg">
      <PageHeader title={t('calendar.page.title')} lead={t('calendar.page.lead')} icon={<ClockIcon />} />
      <nav aria-label={t('calendar.page.yearNav')} className="form-actions">
        <button type="button" className="button button--secondary" disabled={year <= YEAR_MIN} onClick={() => go(year - 1)}>
          {t('calendar.page.prevYear')}
        </button>
        <strong aria-live="polite">
          {t('calendar.page.year')} {format.digits(year)}
        </strong>
        <button type="button" className="button button--secondary" disabled={year >= YEAR_MAX} onClick={() => go(year + 1)}>
          {t('calendar.page.nextYear')}
        </button>
      </nav>
      <HolidayTableSection key={`table-${year}`} year={year} canPublish={caps.data?.publishTable ?? false} />
      <ClosuresSection key={`closures-${year}`} year={year} caps={caps.data} />
    </div>
  );
}
