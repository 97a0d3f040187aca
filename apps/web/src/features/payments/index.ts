/**
 * Paying a service's fee through the payment gateway (ADR 0037): for the apply page, the pay step and
 * the payment the gateway sent the browser back with; the citizen's payments page (ADR 0040) and the
 * link to it; the strings.
 */
export { PaymentStep, PAY_BUTTON_ID } from './components/PaymentStep';
export { PaymentsLink } from './components/PaymentsLink';
export { paymentRoutes } from './routes';
export { forgetPayment, isUsable, paymentQuery, rememberedPayment } from './api';
export { messages } from './messages';
