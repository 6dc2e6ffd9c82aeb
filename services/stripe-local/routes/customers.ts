import type { ApiContext } from '../context'
import { createCustomer, updateCustomer } from '../customers'
import { findStored } from '../errors'

/** The params a customer is made of: `expand` only shapes the answer. */
const fieldsOf = ({ expand: _expand, ...given }: Record<string, unknown>) => given

/** `POST /v1/customers` */
export function create({ double, params }: ApiContext) {
  const customer = createCustomer(fieldsOf(params))
  double.state.customers[customer.id] = customer
  double.state.save()
  return customer
}

/** `GET /v1/customers/:id` */
export function retrieve({ double, id }: ApiContext) {
  return findStored(double.state.customers, 'customer', id, 'id')
}

/** `POST /v1/customers/:id`: changes only the fields given, and merges `metadata`. */
export function update({ double, params, id }: ApiContext) {
  const customer = updateCustomer(
    findStored(double.state.customers, 'customer', id, 'id'),
    fieldsOf(params),
  )
  double.state.save()
  return customer
}

/** `DELETE /v1/customers/:id`: Stripe answers a deleted customer with `deleted: true`. */
export function remove({ double, id }: ApiContext) {
  findStored(double.state.customers, 'customer', id, 'id')
  delete double.state.customers[id]
  double.state.save()
  return { id, object: 'customer', deleted: true }
}
