/**
 * What other features may use of the catalogue (cards, review, the public catalogue, import): a
 * service's channels in words, the pages and the strings.
 */
export { messages } from './messages';
export { catalogueRoutes } from './routes';
export { ChannelsText } from './terms/ChannelsText';
