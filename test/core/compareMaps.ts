/** Two versions of a map for compare mode's tests (the unit tests and the browser suite). */

/** The map as it was (HEAD~1): a lane and a stage the map no longer has, three touchpoints since removed. */
export const BEFORE = `journeymap: 1
title: Admin locked out
lanes:
  - { id: cust, name: Tenant admin, kind: customer }
  - { id: desk, name: Service desk, kind: frontstage }
  - { id: legacy, name: Fax office, kind: backstage }
stages:
  - id: discover
    name: Discover
    touchpoints:
      - { id: locked-out, lane: cust, name: Sees account locked, channel: web, feels: -2 }
      - { id: read-faq, lane: cust, name: Reads the FAQ, channel: web, feels: -3 }
      - { id: calls, lane: cust, name: Calls the desk, channel: phone, feels: -1 }
  - id: contact
    name: Contact
    touchpoints:
      - id: desk-verify
        lane: desk
        name: Agent verifies identity
        metrics:
          fcr: { value: 64%, target: 80% }
      - { id: fax-form, lane: legacy, name: Faxes the unlock form }
      - { id: back-in, lane: cust, name: Signs in again, feels: 1 }
  - id: survey
    name: Survey
    touchpoints:
      - { id: rates, lane: cust, name: Rates the help, feels: 0 }
`;

/** The map now: one touchpoint added, three changed (feels and a pain, name and metric, feels), three removed. */
export const AFTER = `journeymap: 1
title: Admin locked out
lanes:
  - { id: cust, name: Tenant admin, kind: customer }
  - { id: desk, name: Service desk, kind: frontstage }
stages:
  - id: discover
    name: Discover
    touchpoints:
      - { id: locked-out, lane: cust, name: Sees account locked, channel: web, feels: -1, pains: [No hint how long the lock lasts] }
      - { id: calls, lane: cust, name: Calls the desk, channel: phone, feels: -1 }
      - { id: chatbot, lane: cust, name: Asks the chat assistant, channel: chat, feels: 1 }
  - id: contact
    name: Contact
    touchpoints:
      - id: desk-verify
        lane: desk
        name: Agent checks identity
        metrics:
          fcr: { value: 82%, target: 80% }
      - { id: back-in, lane: cust, name: Signs in again, feels: 2 }
`;
