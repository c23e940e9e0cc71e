// How a stored phone number reads on screen; apart from the customer form (and its zod) so lists and
// the customer page show phones without loading the form library.
/**
 * A stored phone (E.164, "+13125550187") as people read it: "(312) 555-0187" for a North American
 * number; any other number as stored.
 */
export function displayPhone(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : e164;
}
