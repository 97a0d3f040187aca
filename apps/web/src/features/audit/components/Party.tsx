import type { AuditParty } from '@dargah/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

/**
 * Who acted, as a record names them: the name (or, for the system and unnamed people, what they
 * are), then a quieter second line that tells apart two of a kind (a username, a masked code).
 */
export function Party({ party }: { party: AuditParty }) {
  const { t } = useTranslation();
  const format = useFormat();
  const kind = t(`audit.actorType.${party.type}`);
  const name = party.name
    ? format.name(party.name)
    : party.type === 'staff' || party.type === 'citizen'
      ? t('audit.unknownName')
      : kind;
  return (
    <span className="party">
      <span className="party__name">{name}</span>
      <span className="party__detail">
        {kind}
        {party.detail ? (
          <>
            {' · '}
            <bdi dir="ltr">{format.digits(party.detail)}</bdi>
          </>
        ) : null}
      </span>
    </span>
  );
}

/** The name to put in a sentence ("only entries by …"). */
export function usePartyName() {
  const { t } = useTranslation();
  const format = useFormat();
  return (party: AuditParty) =>
    party.name ? format.name(party.name) : (party.detail ?? party.id ?? t(`audit.actorType.${party.type}`));
}
