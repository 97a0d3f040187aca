/**
 * What other features may use of the catalogue (cards, review, the public catalogue, import): a
 * service's channels in words, the pages and the strings (the public ones and the workspace's).
 */
export { messages } from './messages';
export { workspaceMessages } from './workspace-messages';
export { catalogueRoutes } from './routes';
export { ChannelsText } from './terms/ChannelsText';
