/** The demo airline's page paths (aa.com's classic login URLs), shared by its routes and pages. */
export const LOGIN_PATH = '/login/loginAccess.do';
export const LOGIN_SUBMIT_PATH = '/login/loginSubmit.do';
export const HOME_PATH = '/homePage.do';
