/** What other parts of the app may use of notifications: the unread badge, a request's deliveries, the link to the inbox, the pages and the strings. */
export { UnreadBadge } from './components/UnreadBadge';
export { RequestDeliveries } from './components/RequestDeliveries';
export { MessagesLink } from './components/MessagesLink';
export { messages } from './messages';
export { notificationRoutes } from './routes';
