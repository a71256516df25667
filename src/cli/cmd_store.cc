// The store commands: customers (import/update/delete/list/show), audit (verify/export), review,
// diff and rescreen. Each opens the database given by --db (default $PARTYSCREEN_DB or
// ./partyscreen.db, created on first use).
#include <cstdlib>
#include <filesystem>
#include <future>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/common.h"
#include "core/atomic_file.h"
#include "core/strings.h"
#include "normalize/country.h"
#include "partyscreen/store.h"

namespace partyscreen::cli {

namespace {

std::string DefaultDbPath() {
  const char* env = std::getenv("PARTYSCREEN_DB");
  return env && *env ? env : "partyscreen.db";
}

void AddDbOption(CLI::App* cmd, std::string& db) {
  db = DefaultDbPath();
  cmd->add_option("--db", db,
                  "Database: a SQLite file (created on first use) or a postgresql:// URL")
      ->capture_default_str();
}

// Commands that only read open with DbAccess::kReadOnly (a read-only file or role is enough).
std::unique_ptr<Database> OpenDbOrReport(const std::string& location,
                                         DbAccess access = DbAccess::kReadWrite) {
  auto db = Database::Open(location, access);
  if (!db.ok()) {
    PrintError(db.status().ToString());
    return nullptr;
  }
  return std::move(db).value();
}

bool LooksLikeHash(const std::string& s) {
  return s.size() >= 6 && s.size() <= 64 &&
         s.find_first_not_of("0123456789abcdef") == std::string::npos &&
         !std::filesystem::exists(s);
}

// OLD/NEW of `diff` and `rescreen --since-snapshot`: a stored snapshot hash (or prefix), or list
// specs (comma-separated). Prints the error and returns nullopt on failure.
std::optional<EntitySet> ResolveEntitySet(const std::string& spec, const std::string& db_location) {
  if (LooksLikeHash(spec)) {
    auto db = OpenDbOrReport(db_location, DbAccess::kReadOnly);
    if (!db) return std::nullopt;
    auto set = SnapshotArchive(*db).Load(spec);
    if (!set.ok()) {
      PrintError(set.status().ToString());
      return std::nullopt;
    }
    if (!set->has_value()) {
      PrintError("no snapshot " + spec + " in " + db_location +
                 " (snapshots are stored when used for a rescreen)");
      return std::nullopt;
    }
    return std::move(**set);
  }
  auto snap = LoadListsOrReport(Split(spec, ","));
  if (!snap) return std::nullopt;
  // Files already used for a re-screen are in the database's snapshot archive: read from there
  // (cheaper than serialising every entity again, and exactly what was screened against).
  if (std::filesystem::exists(db_location)) {
    if (auto db = Database::Open(db_location, DbAccess::kReadOnly); db.ok()) {
      if (auto set = SnapshotArchive(**db).Load(snap->hash); set.ok() && set->has_value())
        return std::move(**set);
    }
  }
  return EntitySetOf(*snap);
}

nlohmann::json AlertChangeJson(const AlertChange& a) {
  return {{"customer_id", a.customer_id},
          {"entity_id", a.entity_id},
          {"score", a.score},
          {"state", std::string(AlertStateName(a.state))}};
}

nlohmann::json CustomerRecordJson(const CustomerRecord& r) {
  nlohmann::json j = nlohmann::json::parse(CustomerToJson(r.customer));
  j["content_hash"] = r.content_hash;
  j["updated_at"] = r.updated_at;
  j["screened_snapshot"] = r.screened_snapshot;
  j["screened_at"] = r.screened_at;
  j["screened_engine"] = r.screened_engine;
  j["alerts"] = nlohmann::json::array();
  for (const Alert& a : r.alerts)
    j["alerts"].push_back({{"entity_id", a.entity_id},
                           {"score", a.score},
                           {"matched_name", a.matched_name},
                           {"state", std::string(AlertStateName(a.state))},
                           {"snapshot", a.snapshot}});
  return j;
}

void RegisterCustomers(CLI::App& app, CliContext& ctx) {
  CLI::App* group =
      app.add_subcommand("customers", "The customer register: import, update, delete, list, show");
  group->require_subcommand(1);

  {
    struct Args {
      std::string db, file;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd =
        group->add_subcommand("import", "Import customers from CSV (with header) or JSON lines");
    cmd->add_option("file", a->file,
                    "CSV (id,name,schema,country,birth_date,identifiers) or JSON lines")
        ->required();
    AddDbOption(cmd, a->db);
    cmd->callback([a, &ctx] {
      auto db = OpenDbOrReport(a->db);
      if (!db) return void(ctx.exit_code = 1);
      auto r = CustomerRegister(*db).ImportFile(a->file);
      if (!r.ok()) {
        PrintError(r.status().ToString());
        return void(ctx.exit_code = 1);
      }
      for (const ImportIssue& i : r->issues)
        std::cerr << a->file << " line " << i.line << ": " << i.reason << " (skipped)\n";
      std::cout << "imported " << r->imported << " customer(s), " << r->unchanged << " unchanged, "
                << r->issues.size() << " row(s) skipped; " << r->register_index << "\n";
      if (!r->issues.empty()) ctx.exit_code = 3;
    });
  }
  {
    struct Args {
      std::string db, id;
      std::optional<std::string> name, schema, country, birth_date, identifiers;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd = group->add_subcommand("update", "Change fields of one customer (or add it)");
    cmd->add_option("id", a->id, "Customer id")->required();
    cmd->add_option("--name", a->name);
    cmd->add_option("--schema", a->schema);
    cmd->add_option("--country", a->country);
    cmd->add_option("--birth-date", a->birth_date);
    cmd->add_option("--identifiers", a->identifiers, "JSON array or Type:Value;Type:Value");
    AddDbOption(cmd, a->db);
    cmd->callback([a, &ctx] {
      auto db = OpenDbOrReport(a->db);
      if (!db) return void(ctx.exit_code = 1);
      CustomerRegister reg(*db);
      auto existing = reg.Get(a->id);
      if (!existing.ok()) {
        PrintError(existing.status().ToString());
        return void(ctx.exit_code = 1);
      }
      nlohmann::json j = existing->has_value()
                             ? nlohmann::json::parse(CustomerToJson((*existing)->customer))
                             : nlohmann::json{{"id", a->id}};
      if (a->name) j["name"] = *a->name;
      if (a->schema) j["schema"] = *a->schema;
      if (a->country) j["country"] = *a->country;
      if (a->birth_date) j["birth_date"] = *a->birth_date;
      if (a->identifiers) j["identifiers"] = *a->identifiers;
      auto c = CustomerFromJson(j.dump());
      if (!c.ok()) {
        PrintError(c.status().ToString());
        return void(ctx.exit_code = 2);
      }
      auto r = reg.Upsert({*c});
      if (!r.ok()) {
        PrintError(r.status().ToString());
        return void(ctx.exit_code = 1);
      }
      std::cout << (r->imported ? (existing->has_value() ? "updated " : "added ") : "unchanged ")
                << a->id << "\n";
    });
  }
  {
    struct Args {
      std::string db, id;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd = group->add_subcommand("delete", "Delete one customer and its alerts");
    cmd->add_option("id", a->id, "Customer id")->required();
    AddDbOption(cmd, a->db);
    cmd->callback([a, &ctx] {
      auto db = OpenDbOrReport(a->db);
      if (!db) return void(ctx.exit_code = 1);
      auto r = CustomerRegister(*db).Delete(a->id);
      if (!r.ok()) {
        PrintError(r.status().ToString());
        return void(ctx.exit_code = 1);
      }
      if (!*r) {
        PrintError("no customer with id " + a->id);
        return void(ctx.exit_code = 1);
      }
      std::cout << "deleted " << a->id << "\n";
    });
  }
  {
    struct Args {
      std::string db, after;
      size_t limit = 100;
      bool json = false;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd = group->add_subcommand("list", "List customers by id");
    cmd->add_option("--after", a->after, "Start after this id");
    cmd->add_option("--limit", a->limit, "At most this many")->capture_default_str();
    cmd->add_flag("--json", a->json, "JSON lines");
    AddDbOption(cmd, a->db);
    cmd->callback([a, &ctx] {
      auto db = OpenDbOrReport(a->db, DbAccess::kReadOnly);
      if (!db) return void(ctx.exit_code = 1);
      auto r = CustomerRegister(*db).List(a->after, a->limit);
      if (!r.ok()) {
        PrintError(r.status().ToString());
        return void(ctx.exit_code = 1);
      }
      for (const CustomerRecord& c : *r) {
        if (a->json) {
          std::cout << CustomerRecordJson(c).dump() << "\n";
        } else {
          std::cout << c.customer.id << "\t" << c.customer.name << "\t"
                    << SchemaName(c.customer.schema) << "\t" << c.customer.country << "\t"
                    << (c.screened_snapshot.empty()
                            ? "not screened"
                            : "screened " + c.screened_snapshot.substr(0, 12))
                    << "\n";
        }
      }
    });
  }
  {
    struct Args {
      std::string db, id;
      bool json = false;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd = group->add_subcommand(
        "show", "Show one customer with its latest screening state and alerts");
    cmd->add_option("id", a->id, "Customer id")->required();
    cmd->add_flag("--json", a->json, "JSON");
    AddDbOption(cmd, a->db);
    cmd->callback([a, &ctx] {
      auto db = OpenDbOrReport(a->db, DbAccess::kReadOnly);
      if (!db) return void(ctx.exit_code = 1);
      auto r = CustomerRegister(*db).Get(a->id);
      if (!r.ok()) {
        PrintError(r.status().ToString());
        return void(ctx.exit_code = 1);
      }
      if (!r->has_value()) {
        PrintError("no customer with id " + a->id);
        return void(ctx.exit_code = 1);
      }
      const CustomerRecord& c = **r;
      if (a->json) {
        std::cout << CustomerRecordJson(c).dump(2) << "\n";
        return;
      }
      std::cout << c.customer.id << "  " << c.customer.name << "\n  schema "
                << SchemaName(c.customer.schema) << ", country "
                << (c.customer.country.empty() ? "-" : c.customer.country) << ", birth date "
                << (c.customer.birth_date.empty() ? "-" : c.customer.birth_date) << "\n  updated "
                << c.updated_at << ", screened "
                << (c.screened_snapshot.empty()
                        ? "never (or changed since)"
                        : c.screened_at + " against " + c.screened_snapshot.substr(0, 12) + " by " +
                              (c.screened_engine.empty() ? "an unknown engine" : c.screened_engine))
                << "\n";
      if (c.alerts.empty()) std::cout << "  no alerts\n";
      for (const Alert& al : c.alerts)
        std::cout << "  " << std::fixed << std::setprecision(3) << al.score << "  " << al.entity_id
                  << "  " << al.matched_name << "  [" << AlertStateName(al.state) << "]\n";
    });
  }
}

void RegisterAudit(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("audit", "The hash-chained audit trail: verify, export");
  group->require_subcommand(1);
  {
    auto db_loc = std::make_shared<std::string>();
    CLI::App* cmd =
        group->add_subcommand("verify", "Check the hash chain; names the first bad record");
    AddDbOption(cmd, *db_loc);
    cmd->callback([db_loc, &ctx] {
      auto db = OpenDbOrReport(*db_loc, DbAccess::kReadOnly);
      if (!db) return void(ctx.exit_code = 1);
      auto v = AuditLog(*db).Verify();
      if (!v.ok()) {
        PrintError(v.status().ToString());
        return void(ctx.exit_code = 1);
      }
      if (v->ok) {
        std::cout << "audit trail intact: " << v->records << " record(s)\n";
      } else {
        std::cout << "audit trail BROKEN at record " << v->first_bad_seq << ": " << v->problem
                  << "\n";
        ctx.exit_code = 4;
      }
    });
  }
  {
    struct Args {
      std::string db, from, to, out;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd =
        group->add_subcommand("export", "Write audit records as JSON lines (from <= time < to)");
    cmd->add_option("--from", a->from, "ISO time, inclusive (e.g. 2026-11-01 or 2026-11-01T08:00)");
    cmd->add_option("--to", a->to, "ISO time, exclusive");
    cmd->add_option("--out,-o", a->out, "Output file (default: stdout)");
    AddDbOption(cmd, a->db);
    cmd->callback([a, &ctx] {
      auto db = OpenDbOrReport(a->db, DbAccess::kReadOnly);
      if (!db) return void(ctx.exit_code = 1);
      std::unique_ptr<AtomicFile> file;  // --out: written aside, renamed when complete
      if (!a->out.empty()) {
        auto created = AtomicFile::Create(a->out);
        if (!created.ok()) {
          PrintError(created.status().ToString());
          return void(ctx.exit_code = 1);
        }
        file = std::move(created).value();
      }
      auto n = AuditLog(*db).Export(a->from, a->to, file ? file->stream() : std::cout);
      if (!n.ok()) {
        PrintError(n.status().ToString());
        return void(ctx.exit_code = 1);
      }
      if (file) {
        if (Status s = file->Commit(); !s.ok()) {
          PrintError(s.ToString());
          return void(ctx.exit_code = 1);
        }
      }
      std::cerr << "exported " << *n << " record(s)\n";
    });
  }
}

void RegisterReview(CLI::App& app, CliContext& ctx) {
  struct Args {
    std::string db, customer, entity, decision, reason, reviewer;
    std::vector<std::string> lists;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("review", "Record a review decision on an alert (audited)");
  cmd->add_option("--customer", a->customer, "Customer id")->required();
  cmd->add_option("--entity", a->entity, "Listed entity id (e.g. ofac:12345)")->required();
  cmd->add_option("--decision", a->decision, "false_positive or true_match")->required();
  cmd->add_option("--reason", a->reason, "Why")->required();
  cmd->add_option("--reviewer", a->reviewer, "Who decided (default: the current user)");
  cmd->add_option("--list,-l", a->lists, "Lists holding the entity (default: bundled snapshot)");
  AddDbOption(cmd, a->db);
  cmd->callback([a, &ctx] {
    auto decision = ParseReviewVerdict(a->decision);
    if (!decision) {
      PrintError("--decision: expected false_positive or true_match, got '" + a->decision + "'");
      return void(ctx.exit_code = 2);
    }
    auto snap = LoadListsOrReport(a->lists);
    if (!snap) return void(ctx.exit_code = 1);
    const Entity* entity = snap->Find(a->entity);
    if (!entity) {
      PrintError("no entity " + a->entity + " in the loaded lists (snapshot " +
                 snap->hash.substr(0, 12) + ")");
      return void(ctx.exit_code = 1);
    }
    auto db = OpenDbOrReport(a->db);
    if (!db) return void(ctx.exit_code = 1);
    Status s = ReviewLog(*db).Record({a->customer, a->entity, *decision, a->reason, a->reviewer},
                                     *entity, snap->hash);
    if (!s.ok()) {
      PrintError(s.ToString());
      return void(ctx.exit_code = 1);
    }
    std::cout << "recorded " << a->decision << " for " << a->customer << " / " << a->entity << "\n";
  });
}

void PrintDiffText(const ListDiff& d) {
  std::cout << "old " << d.old_snapshot.substr(0, 12) << " -> new " << d.new_snapshot.substr(0, 12)
            << ": " << d.added.size() << " added, " << d.removed.size() << " removed, "
            << d.changed.size() << " changed\n";
  for (const ArchivedEntity& e : d.added) std::cout << "+ " << e.id << "  " << e.name << "\n";
  for (const ArchivedEntity& e : d.removed) std::cout << "- " << e.id << "  " << e.name << "\n";
  for (const EntityChange& c : d.changed) {
    std::vector<std::string> fields;
    for (const FieldChange& f : c.fields) fields.push_back(f.field);
    std::cout << "~ " << c.id << "  " << c.name << "  (" << Join(fields, ", ") << ")\n";
  }
}

nlohmann::json DiffJson(const ListDiff& d) {
  auto parse = [](const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json::parse(s);
  };
  nlohmann::json j{{"old", d.old_snapshot}, {"new", d.new_snapshot}};
  j["added"] = nlohmann::json::array();
  j["removed"] = nlohmann::json::array();
  j["changed"] = nlohmann::json::array();
  for (const ArchivedEntity& e : d.added) j["added"].push_back(parse(e.json));
  for (const ArchivedEntity& e : d.removed) j["removed"].push_back(parse(e.json));
  for (const EntityChange& c : d.changed) {
    nlohmann::json fields = nlohmann::json::object();
    for (const FieldChange& f : c.fields)
      fields[f.field] = {{"before", parse(f.before)}, {"after", parse(f.after)}};
    j["changed"].push_back({{"id", c.id}, {"name", c.name}, {"fields", std::move(fields)}});
  }
  return j;
}

void RegisterDiff(CLI::App& app, CliContext& ctx) {
  struct Args {
    std::string db, old_spec, new_spec;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd =
      app.add_subcommand("diff", "Entities added, removed and changed between two list versions");
  cmd->add_option("old", a->old_spec,
                  "List spec(s) (FORMAT:PATH, comma-separated) or a stored snapshot hash")
      ->required();
  cmd->add_option("new", a->new_spec, "List spec(s) or a stored snapshot hash")->required();
  cmd->add_flag("--json", a->json, "Print JSON (with before/after of every changed field)");
  AddDbOption(cmd, a->db);
  cmd->callback([a, &ctx] {
    auto before = ResolveEntitySet(a->old_spec, a->db);
    if (!before) return void(ctx.exit_code = 1);
    auto after = ResolveEntitySet(a->new_spec, a->db);
    if (!after) return void(ctx.exit_code = 1);
    const ListDiff d = DiffEntitySets(*before, *after);
    if (a->json) {
      std::cout << DiffJson(d).dump(2) << "\n";
    } else {
      PrintDiffText(d);
    }
  });
}

void RegisterRescreen(CLI::App& app, CliContext& ctx) {
  struct Args {
    std::string db, since;
    bool all = false, json = false, no_audit = false;
    std::vector<std::string> lists;
    double threshold = -1;
    size_t threads = 0;
    size_t chunk = RescreenOptions().customers_per_chunk;
    double max_shrink = RescreenOptions().max_shrink;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "rescreen", "Re-screen the customer register (all, or only what a list change affects)");
  auto* all = cmd->add_flag("--all", a->all, "Screen every customer against the current lists");
  auto* since = cmd->add_option(
      "--since-snapshot", a->since,
      "Delta: screen against what changed since this snapshot (hash in the db, or list specs)");
  all->excludes(since);
  cmd->add_option("--list,-l", a->lists, "Current lists (default: bundled snapshot)");
  cmd->add_option("--threshold,-t", a->threshold, "Minimum score (default: the engine's default)")
      ->check(CLI::Range(0.0, 1.0).description("a score from 0 to 1, e.g. 0.8"));
  cmd->add_option("--threads", a->threads, "Worker threads (default: all cores)");
  cmd->add_option("--chunk", a->chunk,
                  "Customers committed per transaction (a crash loses at most one chunk)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--json", a->json, "Print the report as JSON");
  cmd->add_flag("--no-audit", a->no_audit, "Do not write audit records (not recommended)");
  cmd->add_option("--max-shrink", a->max_shrink,
                  "Refuse lists in which a source lost more than this share of its entities "
                  "since the previous snapshot (1 = accept anything)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  AddDbOption(cmd, a->db);
  cmd->callback([a, &ctx] {
    if (!a->all && a->since.empty()) {
      PrintError("rescreen: give --all or --since-snapshot OLD");
      return void(ctx.exit_code = 2);
    }
    // The base list version is read while the current one is loaded and indexed.
    std::future<std::optional<EntitySet>> base_loading;
    if (!a->since.empty())
      base_loading =
          std::async(std::launch::async, [a] { return ResolveEntitySet(a->since, a->db); });
    auto screener = BuildScreenerOrReport(a->lists);
    std::optional<EntitySet> base;
    if (base_loading.valid()) {
      base = base_loading.get();
      if (!base) return void(ctx.exit_code = 1);
    }
    if (!screener) return void(ctx.exit_code = 1);
    auto db = OpenDbOrReport(a->db);
    if (!db) return void(ctx.exit_code = 1);
    RescreenOptions opt;
    if (a->threshold >= 0) opt.threshold = a->threshold;
    opt.threads = a->threads;
    opt.customers_per_chunk = a->chunk;
    opt.audit = !a->no_audit;
    opt.max_shrink = a->max_shrink;
    Rescreener rescreener(*db, *screener);
    auto r = base ? rescreener.Delta(*base, opt) : rescreener.All(opt);
    if (!r.ok()) {
      PrintError(r.status().ToString());
      return void(ctx.exit_code = 1);
    }
    if (a->json) {
      nlohmann::json j{{"run", r->run_id},
                       {"resumed", r->resumed},
                       {"snapshot", r->snapshot},
                       {"base_snapshot", r->base_snapshot},
                       {"engine", EngineVersion()},
                       {"threshold", opt.threshold},
                       {"customers_screened", r->customers_screened},
                       {"customers_rescored", r->customers_rescored},
                       {"customers_indexed", r->customers_indexed},
                       {"customers_carried_forward", r->customers_carried_forward},
                       {"entities_searched", r->entities_searched},
                       {"matches_found", r->matches_found},
                       {"added_entities", r->added_entities},
                       {"removed_entities", r->removed_entities},
                       {"changed_entities", r->changed_entities},
                       {"seconds", r->seconds}};
      if (base) j["register_index"] = r->register_index;
      if (base) {
        const DeltaTimings& t = r->timings;
        j["timings"] = {{"diff", t.diff},
                        {"load", t.load},
                        {"screen_stale", t.screen_stale},
                        {"index", t.index},
                        {"index_read", t.index_read},
                        {"find", t.find},
                        {"commit", t.commit},
                        {"finish", t.finish}};
      }
      j["new_alerts"] = nlohmann::json::array();
      j["cleared_alerts"] = nlohmann::json::array();
      for (const AlertChange& c : r->new_alerts) j["new_alerts"].push_back(AlertChangeJson(c));
      for (const AlertChange& c : r->cleared_alerts)
        j["cleared_alerts"].push_back(AlertChangeJson(c));
      std::cout << j.dump(2) << "\n";
      return;
    }
    std::cout << (base ? "delta re-screen" : "full re-screen") << (r->resumed ? " (resumed)" : "")
              << " against " << r->snapshot.substr(0, 12) << ", engine " << EngineVersion()
              << ", threshold " << opt.threshold << ": " << r->customers_screened << " screened";
    if (base)
      std::cout << ", " << r->customers_rescored << " affected and " << r->customers_carried_forward
                << " carried forward (" << r->matches_found << " matches) for " << r->added_entities
                << " added / " << r->changed_entities << " changed / " << r->removed_entities
                << " removed entities since " << r->base_snapshot.substr(0, 12);
    std::cout << "; " << r->new_alerts.size() << " new alert(s), " << r->cleared_alerts.size()
              << " cleared, in " << std::fixed << std::setprecision(2) << r->seconds << " s\n";
    if (base) std::cout << "register index: " << r->register_index << "\n";
    constexpr size_t kShown = 50;
    for (size_t i = 0; i < r->new_alerts.size() && i < kShown; ++i) {
      const AlertChange& c = r->new_alerts[i];
      std::cout << "  new      " << c.customer_id << "  " << c.entity_id << "  "
                << std::setprecision(3) << c.score << "  [" << AlertStateName(c.state) << "]\n";
    }
    for (size_t i = 0; i < r->cleared_alerts.size() && i < kShown; ++i)
      std::cout << "  cleared  " << r->cleared_alerts[i].customer_id << "  "
                << r->cleared_alerts[i].entity_id << "\n";
    if (r->new_alerts.size() > kShown || r->cleared_alerts.size() > kShown)
      std::cout << "  (more: use --json)\n";
  });
}

}  // namespace

void RegisterStoreCommands(CLI::App& app, CliContext& ctx) {
  RegisterCustomers(app, ctx);
  RegisterAudit(app, ctx);
  RegisterReview(app, ctx);
  RegisterDiff(app, ctx);
  RegisterRescreen(app, ctx);
}

}  // namespace partyscreen::cli
