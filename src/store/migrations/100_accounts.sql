-- Accounts of the reviewer UI (审核网页账号), their sessions, and the login back-off.
-- Managed with `selfeval user add|passwd|disable`; src/store/accounts.ts, src/store/sessions.ts.

-- One row per person. password_hash is scrypt (node:crypto) in the form scrypt$N$r$p$salt$hash, never plain.
CREATE TABLE users (
  username             text PRIMARY KEY CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$'),
  display_name         text NOT NULL DEFAULT '',
  role                 text NOT NULL CHECK (role IN ('viewer', 'reviewer', 'admin')),
  password_hash        text NOT NULL,
  disabled             boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  password_changed_at  timestamptz NOT NULL DEFAULT now()
);

-- Server-side sessions. The cookie holds a random token; only its SHA-256 is stored, so reading
-- this table does not give anyone a live session.
CREATE TABLE sessions (
  id_hash       text PRIMARY KEY,
  username      text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  via           text NOT NULL CHECK (via IN ('password', 'proxy')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  ip            text,
  user_agent    text
);
CREATE INDEX sessions_username ON sessions (username);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Failed logins per account name ('user:<name>') and per client address ('ip:<addr>'): repeated
-- failures lock the key for a growing time (back-off), whether or not the account exists.
CREATE TABLE login_throttle (
  key              text PRIMARY KEY,
  failures         integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  last_failure_at  timestamptz NOT NULL DEFAULT now()
);
