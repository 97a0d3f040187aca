/**
 * The applicants' ratings (issue 11 §10): the rating section of a closed request (the citizen's
 * receipt shows it), the staff's ratings page, and the strings.
 */
export { RatingSection } from './components/RatingSection';
export { messages } from './messages';
export { workspaceMessages } from './workspace-messages';
export { feedbackRoutes } from './routes';
