CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE alerts (customer_id TEXT NOT NULL, entity_id TEXT NOT NULL, score DOUBLE PRECISION NOT NULL, matched_name TEXT NOT NULL, state TEXT NOT NULL, snapshot TEXT NOT NULL, PRIMARY KEY (customer_id, entity_id));
CREATE INDEX alerts_by_entity ON alerts (entity_id);
CREATE INDEX alerts_by_state_score ON alerts (state, score);
CREATE TABLE alert_work (customer_id TEXT NOT NULL, entity_id TEXT NOT NULL, assignee TEXT NOT NULL, escalated BIGINT NOT NULL, pending_decision TEXT NOT NULL, pending_reason TEXT NOT NULL, pending_by TEXT NOT NULL, pending_at TEXT NOT NULL, PRIMARY KEY (customer_id, entity_id));
CREATE TABLE alert_events (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, customer_id TEXT NOT NULL, entity_id TEXT NOT NULL);
CREATE INDEX alert_events_by_alert ON alert_events (customer_id, entity_id);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 100000)
INSERT INTO customers SELECT printf('c%07d', i), printf('Customer %d Trading Co', i) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 100000)
INSERT INTO alerts SELECT printf('c%07d', i), printf('%s:%d', CASE i%3 WHEN 0 THEN 'csl' WHEN 1 THEN 'ofac' ELSE 'un' END, i%5000), 0.8 + (abs(random()) % 2000)/10000.0, 'x', CASE WHEN i%10=0 THEN 'suppressed' ELSE 'open' END, 'h' FROM n;
INSERT INTO alert_events SELECT rowid, '2026-11-01T00:00:00', customer_id, entity_id FROM alerts;
INSERT INTO alert_work SELECT customer_id, entity_id, 'alice', 0, '', '', '', '' FROM alerts WHERE rowid % 50 = 0;
ANALYZE;
