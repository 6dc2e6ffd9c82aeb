// Only app/(site)/checkout/success/page.tsx still imports from here; it moves to ./outbox/deliver on merge.
export { deliverFollowUps } from './outbox/deliver'
