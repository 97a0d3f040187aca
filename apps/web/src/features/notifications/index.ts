/** What other parts of the app may use of notifications: the unread badge and a request's deliveries. */
export { UnreadBadge } from './components/UnreadBadge';
export { RequestDeliveries } from './components/RequestDeliveries';
export { MessagesLink } from './components/MessagesLink';
