import { createRoute } from '@tanstack/react-router';
import { citizenAreaRoute } from '../../app/areas';
import { CitizenHomePage } from './routes/CitizenHomePage';

const citizenHomeRoute = createRoute({ getParentRoute: () => citizenAreaRoute, path: '/', component: CitizenHomePage });

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const citizenRoutes = { citizenArea: [citizenHomeRoute] } as const;
