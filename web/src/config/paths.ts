/** Every route path of the web client, in one place. */
export const paths = {
  login: '/login',
  changePassword: '/change-password',
  home: '/',
  security: '/account/security',
  units: '/admin/units',
  users: '/admin/users',
  roles: '/admin/roles',
  audit: '/admin/audit',
  /** Served by the API server (Swagger UI), not by the web client. */
  apiDocs: '/api/docs',
} as const;
