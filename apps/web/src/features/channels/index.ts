/**
 * Every channel, attributed (issue 11 item 9): the counter operator's page, the in-person desk's
 * walk-in registration, the agency's oversight of counter work, and the strings.
 */
export { channelRoutes } from './routes';
export { ChannelFacts } from './components/ChannelFacts';
export { messages } from './messages';
export { workspaceMessages } from './workspace-messages';
