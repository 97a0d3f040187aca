/** The platform's status (health, simulators) as a card for the staff home, and its strings. No pages of its own. */
export { SystemStatusCard } from './components/SystemStatusCard';
export { messages } from './messages';
