import { setUpI18n } from '../lib/i18n';
import { en, fa } from './messages';

// The interface catalogue is composed here, in the app, and given to i18next once at start.
setUpI18n({ fa, en });
