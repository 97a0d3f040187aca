/** The holiday calendar's public surface: its page (the year's table and local closures) and its strings. */
export { messages } from './messages';
export { calendarRoutes } from './routes';
