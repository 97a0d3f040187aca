/** The documents feature's public surface: its pages and its strings. */
export { messages } from './messages';
export { workspaceMessages } from './workspace-messages';
export { documentRoutes } from './routes';
