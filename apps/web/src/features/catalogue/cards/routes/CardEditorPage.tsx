import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearch } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, Notice } from '../../../../components/Notice';
import { PageQueryStates } from '../../../../components/PageQueryStates';
import { PageHeader } from '../../../../components/PageHeader';
import { useSession } from '../../../identity';
import { AUTHOR_ROLES, agenciesQuery, cardQuery } from '../api';
import { CardEditor } from '../components/CardEditor';

/** `/staff/catalogue/new` and `/staff/catalogue/$cardId/edit`: the service card editor. */
export function CardEditorPage() {
  const { t } = useTranslation();
  const params = useParams({ strict: false });
  const cardId = typeof params.cardId === 'string' ? params.cardId : undefined;
  return (
    <div className="stack-lg">
      <p className="breadcrumb">
        <Link to="/staff/catalogue">{t('catalogueCards.cardEditorPage.back')}</Link>
      </p>
      {cardId ? <EditCard cardId={cardId} /> : <NewCard />}
    </div>
  );
}

function NewCard() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const agencies = useQuery(agenciesQuery);
  const ids = [
    ...new Set(
      (session?.roles ?? []).filter((g) => (AUTHOR_ROLES as readonly string[]).includes(g.role)).map((g) => g.agencyId),
    ),
  ];
  const nameOf = (id: string) => {
    const a = agencies.data?.find((x) => x.id === id);
    if (a) return i18n.language === 'en' && a.nameEn ? a.nameEn : a.nameFa;
    return session?.agency?.id === id ? session.agency.name : id;
  };
  const authorAgencies = ids.map((id) => ({ id, name: nameOf(id) })).sort((a, b) => a.name.localeCompare(b.name, 'fa'));
  return (
    <>
      <PageHeader title={t('catalogueCards.cardEditorPage.title')} lead={t('catalogueCards.cardEditorPage.lead')} />
      {ids.length === 0 ? (
        <Notice tone="info" role="status">
          <p>{t('catalogueCards.cardEditorPage.noAuthorRole')}</p>
        </Notice>
      ) : agencies.isPending ? (
        <Loading />
      ) : (
        <CardEditor authorAgencies={authorAgencies} />
      )}
    </>
  );
}

function EditCard({ cardId }: { cardId: string }) {
  const { t } = useTranslation();
  const search = useSearch({ strict: false });
  const card = useQuery({ ...cardQuery(cardId), staleTime: 0 });
  const savedRef = useRef<HTMLDivElement>(null);
  const [acted, setActed] = useState(false);
  const justSaved = search.saved === true && card.isSuccess && !acted;
  useEffect(() => {
    if (justSaved) savedRef.current?.focus();
  }, [justSaved]);

  const title = t('catalogueCards.cardEditorPage.editTitle');
  return (
    <PageQueryStates
      query={card}
      loadingTitle={title}
      loadingLabel={t('catalogueCards.cardEditorPage.loading')}
      failedTitle={title}
      errorTitle={t('catalogueCards.cardEditorPage.loadError')}
    >
      {(data) => {
        const cardTitle = typeof data.content.title === 'string' ? data.content.title : undefined;
        return (
          <>
            <PageHeader title={title} lead={cardTitle ?? t('catalogueCards.cardEditorPage.lead')} />
            {justSaved ? (
              <div ref={savedRef} tabIndex={-1}>
                <Notice tone="success" role="status">
                  <p>{t('catalogueCards.cardEditorPage.saved')}</p>
                </Notice>
              </div>
            ) : null}
            {/* Keyed by card: another card (or a reload after a conflict) starts a fresh form. */}
            <CardEditor key={data.id} card={data} onAct={() => setActed(true)} />
          </>
        );
      }}
    </PageQueryStates>
  );
}
