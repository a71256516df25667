// Read-only and operational endpoints:
//   GET /entities/{id}   one listed entity by its id, public (yente) id or FtM referent: yente's
//                        FtM shape (server/ftm_json.h EntityToFtm; referents add the party's other
//                        listings) merged over EntityToJson's fields (core/json.h), the internal
//                        id as "listing_id"; 404 if not in the snapshot
//   GET /lists           the loaded sources (SourceInfoToJson, file paths reduced to file names)
//   GET /healthz         liveness, no key needed
//   GET /readyz          readiness (a snapshot is loaded), no key needed; with a PostgreSQL --db
//                        also the other live servers' snapshots (ClusterJson): "cluster.status"
//                        is "differ" when one serves another snapshot. Readiness stays 200 then
//                        (docs/SCALE.md says why)
//   GET /metrics         Prometheus text format
//   POST /admin/reload   admin key: reload the configured --list files and swap atomically
//                        (409 list_shrunk if a source lost more than half its entities;
//                        ?max_shrink=F sets that share, 1 accepts anything; a bad F is 400)
#include "core/clock.h"
#include "core/json.h"
#include "lists/shrink_check.h"
#include "lists/source_json.h"
#include "lists/staleness.h"
#include "server/ftm_json.h"
#include "server/http_json.h"
#include "server/process_metrics.h"
#include "server/routes.h"
#include "server/yente_catalog.h"

namespace partyscreen::server {

namespace {

using nlohmann::json;

std::string BaseName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

json SnapshotSummary(const Engine& engine) {
  json sources = json::array();
  for (const SourceInfo& s : engine.snapshot().sources) {
    json j = SourceInfoToJson(s);
    j["path"] = BaseName(s.path);
    json files = json::array();
    for (const std::string& f : s.files) files.push_back(BaseName(f));
    j["files"] = std::move(files);
    sources.push_back(std::move(j));
  }
  return {{"snapshot", engine.snapshot().hash},
          {"engine_version", EngineVersion()},
          {"entities", engine.snapshot().entities.size()},
          {"issues", engine.snapshot().issues.size()},
          {"generation", engine.generation},
          {"loaded_unix_seconds", engine.loaded_unix_seconds},
          {"load_seconds", engine.load_seconds},
          {"sources", std::move(sources)}};
}

json EntityResponse(const Engine& engine, const Entity& e) {
  json out = EntityToJson(e);
  out["listing_id"] = e.id;
  json ftm = EntityToFtm(e);
  const Snapshot& snapshot = engine.snapshot();
  const auto index = static_cast<uint32_t>(&e - snapshot.entities.data());
  for (uint32_t listing : engine.parties->Of(index).listings)
    if (listing != index) ftm["referents"].push_back(PublicId(snapshot.entities[listing]));
  for (auto& [key, value] : ftm.items()) out[key] = std::move(value);
  out["snapshot"] = snapshot.hash;
  return out;
}

SnapshotGauge GaugeOf(const Engine& engine) {
  SnapshotGauge g{engine.snapshot().hash,
                  EngineVersion(),
                  engine.snapshot().entities.size(),
                  engine.loaded_unix_seconds,
                  engine.load_seconds,
                  engine.generation,
                  {}};
  for (const ListAge& a : ListAges(engine.snapshot(), kDefaultMaxListAgeDays, UnixSeconds()))
    if (a.age_days >= 0) g.list_age_seconds.emplace_back(a.source, a.age_days * 86400);
  return g;
}

// /readyz's "cluster": this server against the live servers of its last heartbeat round
// (server/heartbeat.h). status: "same" (every other live server serves this snapshot), "differ"
// (at least one does not: listed in "differing"), "alone" (no other live server), "unknown" (the
// last round failed or none has run: "error" says why).
json ClusterJson(const ClusterView& view, const Engine& engine) {
  const std::string& mine = engine.snapshot().hash;
  json servers = json::array(), differing = json::array();
  for (const ServerHeartbeat& b : view.others) {
    servers.push_back({{"server_id", b.server_id},
                       {"snapshot", b.snapshot},
                       {"same_snapshot", b.snapshot == mine},
                       {"loaded_unix_seconds", b.loaded_unix_seconds},
                       {"generation", b.generation},
                       {"engine_version", b.engine},
                       {"listen", b.listen},
                       {"heartbeat_age_seconds", b.age_seconds}});
    if (b.snapshot != mine) differing.push_back(b.server_id);
  }
  std::string status = !view.error.empty() || !view.known ? "unknown"
                       : !differing.empty()               ? "differ"
                       : view.others.empty()              ? "alone"
                                                          : "same";
  json out{
      {"status", status},
      {"server_id", view.server_id},
      {"snapshot", mine},
      {"loaded_unix_seconds", engine.loaded_unix_seconds},
      {"servers", std::move(servers)},
      {"differing", differing},
      {"live_seconds", view.live_seconds},
      {"checked_age_seconds", view.checked_unix > 0 ? UnixSeconds() - view.checked_unix : -1.0}};
  if (!view.error.empty()) out["error"] = view.error;
  if (status == "differ") {
    std::string ids;
    for (const json& id : differing) ids += (ids.empty() ? "" : ", ") + id.get<std::string>();
    out["warning"] = "server(s) " + ids + " serve another list snapshot than this one (" +
                     mine.substr(0, 16) +
                     "): reload them (POST /admin/reload) or check their lists";
  }
  return out;
}

}  // namespace

void RegisterAdminRoutes(httplib::Server& http, ServerState& state) {
  http.Get(
      R"(/entities/(.+))",
      Guard(state, "/entities/{id}", Access::kKey,
            [](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
              const std::string id = req.matches[1];
              const Entity* e = ctx.engine->catalog->Find(id);
              if (e == nullptr)
                return SendError(res, 404, "not_found", "no entity '" + id + "' in the snapshot");
              SendJson(res, 200, EntityResponse(*ctx.engine, *e));
            }));
  http.Get("/lists",
           Guard(state, "/lists", Access::kKey,
                 [](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
                   SendJson(res, 200, SnapshotSummary(*ctx.engine));
                 }));
  http.Get("/healthz",
           Guard(state, "/healthz", Access::kPublic,
                 [](const httplib::Request&, httplib::Response& res, const RequestContext&) {
                   SendJson(res, 200, {{"status", "ok"}});
                 }));
  http.Get(
      "/readyz",
      Guard(state, "/readyz", Access::kPublic,
            [&state](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
              // Ready, with a warning when the lists are old (lists/staleness.h).
              const std::vector<ListAge> ages =
                  ListAges(ctx.engine->snapshot(), state.options.max_list_age_days, UnixSeconds());
              nlohmann::json lists = nlohmann::json::array();
              for (const ListAge& a : ages)
                lists.push_back({{"source", a.source},
                                 {"format", a.format},
                                 {"published", a.published},
                                 {"age_days", a.age_days},
                                 {"stale", a.stale}});
              nlohmann::json body{{"status", "ready"},
                                  {"snapshot", ctx.engine->snapshot().hash},
                                  {"entities", ctx.engine->snapshot().entities.size()},
                                  {"lists", std::move(lists)}};
              const std::string warning = StalenessWarning(ages, state.options.lists.empty(),
                                                           state.options.max_list_age_days);
              if (!warning.empty()) body["warning"] = warning;
              if (const ClusterView view = state.cluster.Read(); view.enabled)
                body["cluster"] = ClusterJson(view, *ctx.engine);
              SendJson(res, 200, body);
            }));
  http.Get("/metrics", Guard(state, "/metrics", Access::kKey,
                             [&state](const httplib::Request&, httplib::Response& res,
                                      const RequestContext& ctx) {
                               res.status = 200;
                               std::string text = state.metrics.Render(GaugeOf(*ctx.engine));
                               text += RenderProcessMetrics();
                               if (state.access_log)
                                 text +=
                                     "# HELP partyscreen_access_log_failures_total Access-log "
                                     "lines that could not be written.\n"
                                     "# TYPE partyscreen_access_log_failures_total counter\n"
                                     "partyscreen_access_log_failures_total " +
                                     std::to_string(state.access_log->failures()) + "\n";
                               res.set_content(text, "text/plain; version=0.0.4");
                             }));
  http.Post(
      "/admin/reload",
      GuardWithBody(
          state, "/admin/reload", Access::kAdmin,
          [&state](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
            // Shrink check (issue 12): a list that lost more than half a source is refused. It
            // runs inside the reload, on the snapshot the reload loaded (one parse, not two).
            const Result<ShrinkPolicy> policy =
                ReloadShrinkPolicy(req.get_param_value("max_shrink"));
            if (!policy.ok()) return SendError(res, 400, "bad_request", policy.status().message());
            Status refused;
            Result<std::shared_ptr<const Engine>> next = state.engines.Reload(
                state.options.lists, [&](const Snapshot& serving, const Snapshot& loaded) {
                  refused = CheckSnapshotShrink(serving, loaded, *policy);
                  return refused;
                });
            if (!refused.ok())
              return SendError(res, 409, "list_shrunk", RedactPaths(refused.message()));
            state.metrics.RecordReload(next.ok());
            if (!next.ok()) {
              if (next.status().code() == Status::Code::kUnsupported)
                return SendError(res, 409, "reload_in_progress", next.status().message());
              json body = ErrorBody("reload_failed", next.status().message());
              body["serving"] = ctx.engine->snapshot().hash;
              return SendJson(res, 500, body);
            }
            json out = SnapshotSummary(**next);
            out["previous_snapshot"] = ctx.engine->snapshot().hash;
            out["reloaded_by"] = ctx.caller.key_name;
            SendJson(res, 200, out);
          }));
}

}  // namespace partyscreen::server
