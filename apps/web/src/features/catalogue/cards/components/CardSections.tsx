import { AboutServiceSections } from './SectionsAboutService';
import { DeliverySections } from './SectionsDelivery';
import type { SectionData } from './sections';

export { SECTIONS, sectionId, sectionTitle, type SectionData, type SectionKey } from './sections';

/** Every field of the service identity card, section by section (in the order of `SECTIONS`). */
export function CardSections({ data }: { data: SectionData }) {
  return (
    <>
      <AboutServiceSections data={data} />
      <DeliverySections data={data} />
    </>
  );
}
