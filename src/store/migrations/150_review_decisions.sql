-- Decisions signed by the login (审核人来自登录账号): the account that made the current decision.
-- reviews.reviewer keeps the display name shown in pages and exports; the history of every
-- decision is in audit_log (action 'decision'), see src/store/decisions.ts.
ALTER TABLE reviews ADD COLUMN reviewer_username text;
