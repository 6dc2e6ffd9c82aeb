import { Text } from '@react-email/components'
import { EmailButton, EmailLayout, text } from './layout'
import { config } from '../env'

/** To a buyer whose bank debit failed after checkout: nothing was charged, and the items are back on sale. */
export function PaymentFailedEmail() {
  return (
    <EmailLayout
      preview="Your bank did not complete the payment, so nothing was charged"
      heading="Your payment did not go through"
    >
      <Text style={text}>
        Your bank reported that the debit for your recent Restwell order failed, so nothing was
        charged and there is no order. The items we had set aside for you are back on sale.
      </Text>
      <EmailButton href={`${config().siteUrl}/cart`}>Order again</EmailButton>
    </EmailLayout>
  )
}
