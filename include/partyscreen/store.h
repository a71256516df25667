// The store, all of it: the customer register, the hash-chained audit trail, review decisions,
// archived snapshots and list diffs, and (delta) re-screening, persisted in SQLite or PostgreSQL.
// Each concern has its own header under partyscreen/store/, with its contract (ownership, thread
// safety, durability) at the top; include the one you need, or this one for all of them:
//   database.h      Database::Open, schema versions, CurrentUserName, UtcNowIso
//   customers.h     Customer, Alert, CustomerRegister (import, upsert, delete, list)
//   audit.h         AuditRecord, AuditLog (append, verify, export)
//   audit_writer.h  AuditWriter: batched, thread-safe audit commits for screening surfaces
//   reviews.h       ReviewVerdict, ReviewDecision, ReviewLog
//   snapshots.h     EntitySet, SnapshotArchive, DiffEntitySets
//   rescreen.h      RescreenOptions, RescreenReport, Rescreener (All, Delta)
//   alert_events.h  AlertEvent, AlertEventLog: the outbox of new and reopened alerts, webhook
//   cursors
//   heartbeats.h    ServerHeartbeat, HeartbeatTable: which snapshot each server on the database
//                   serves
#pragma once

#include "partyscreen/store/alert_events.h"
#include "partyscreen/store/alert_queue.h"
#include "partyscreen/store/audit.h"
#include "partyscreen/store/audit_writer.h"
#include "partyscreen/store/customers.h"
#include "partyscreen/store/database.h"
#include "partyscreen/store/heartbeats.h"
#include "partyscreen/store/rescreen.h"
#include "partyscreen/store/reviews.h"
#include "partyscreen/store/sessions.h"
#include "partyscreen/store/snapshots.h"
#include "partyscreen/store/users.h"
