/**
 * JSON Schemas for every demo-airline route. HTML bodies are declared as strings and redirects as
 * empty bodies, so Fastify validates what comes in and documents what goes out.
 */

const htmlPage = { type: 'string', description: 'an HTML page' } as const;
const noBody = { type: 'null', description: 'no body; see the Location header' } as const;

/** The fields a browser posts from form#loginFormId (the button's name/value comes along too). */
export const loginBodySchema = {
  type: 'object',
  required: ['loginId', 'lastName', 'password'],
  additionalProperties: false,
  properties: {
    loginId: { type: 'string', maxLength: 128 },
    lastName: { type: 'string', maxLength: 128 },
    password: { type: 'string', maxLength: 256 },
    _button_login: { type: 'string', maxLength: 32 },
  },
} as const;

export interface LoginBody {
  loginId: string;
  lastName: string;
  password: string;
  _button_login?: string;
}

export const flightQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    originAirport: { type: 'string', pattern: '^[A-Za-z]{0,3}$' },
    destinationAirport: { type: 'string', pattern: '^[A-Za-z]{0,3}$' },
    departDate: { type: 'string', maxLength: 10 },
  },
} as const;

export interface FlightQuery {
  originAirport?: string;
  destinationAirport?: string;
  departDate?: string;
}

export const routeSchemas = {
  health: {
    response: {
      200: {
        type: 'object',
        required: ['ok', 'site'],
        additionalProperties: false,
        properties: { ok: { type: 'boolean' }, site: { type: 'string' } },
      },
    },
  },
  root: { response: { 303: noBody } },
  loginPage: { response: { 200: htmlPage } },
  loginSubmit: {
    body: loginBodySchema,
    response: { 303: noBody, 400: htmlPage, 401: htmlPage },
  },
  logout: { response: { 303: noBody } },
  home: { response: { 200: htmlPage, 303: noBody } },
  findFlights: { querystring: flightQuerySchema, response: { 200: htmlPage, 303: noBody } },
} as const;
