/** The workflow editor feature's public surface: its page and its strings (nothing else is used by other features). */
export { messages } from './messages';
export { workflowRoutes } from './routes';
