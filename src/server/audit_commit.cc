// The audit trail as the server writes it: every screening committed before it is answered.
#include <iostream>

#include "server/http_json.h"
#include "server/routes.h"

namespace partyscreen::server {

AuditRecord AuditOf(const RequestContext& ctx, const Query& q, const ScreenOptions& o,
                    const std::vector<Hit>& hits, const char* kind) {
  return ScreeningAuditRecord(ctx.caller.key_name, q, *ctx.engine->screener, o, hits, kind);
}

Status ServerState::CommitAudit(std::vector<AuditRecord> records) {
  if (!audit || records.empty()) return Status::Ok();
  const size_t n = records.size();
  const auto timeout =
      std::chrono::milliseconds(static_cast<long long>(options.audit_timeout_seconds * 1000));
  Status s = audit->AppendDurable(std::move(records), timeout);
  if (s.ok()) return s;
  metrics.RecordAuditFailure();
  std::lock_guard lock(audit_log_mu_);
  audit_unlogged_ += n;
  if (Clock::now() - audit_logged_ >= std::chrono::seconds(1)) {
    std::cerr << "partyscreen: ERROR: audit write failed, " << audit_unlogged_
              << " screening(s) refused with 503: " << s.ToString() << "\n";
    audit_logged_ = Clock::now();
    audit_unlogged_ = 0;
  }
  return s;
}

void SendAuditFailure(httplib::Response& res, const Status& status) {
  (void)status;  // logged by CommitAudit; the client learns only that it was not recorded
  res.set_header("Retry-After", "5");
  SendError(res, 503, "audit_unavailable",
            "the screening could not be recorded in the audit trail, so it is not answered; "
            "retry later");
}

}  // namespace partyscreen::server
