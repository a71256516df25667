#include "cli/cmd_customers.h"

#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "cli/store_access.h"
#include "partyscreen/store.h"
#include "partyscreen/store/alert_events.h"

namespace partyscreen::cli {

namespace {

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

}  // namespace

int RunCustomersImport(const CustomersImportArgs& args, std::ostream& out, std::ostream& err) {
  auto db = OpenDbOrReport(args.db, err);
  if (!db) return 1;
  ProgressMeter progress(args.progress ? &err : nullptr, "customers import", "lines");
  ImportOptions options;
  options.progress = [&progress](uint64_t done, uint64_t total) { progress.Update(done, total); };
  auto r = CustomerRegister(*db).ImportFile(args.file, options);
  progress.Finish();
  if (!r.ok()) {
    PrintError(err, r.status().ToString());
    return 1;
  }
  for (const ImportIssue& i : r->issues)
    err << args.file << " line " << i.line << ": " << i.reason << " (skipped)\n";
  out << "imported " << r->imported << " customer(s), " << r->unchanged << " unchanged, "
      << r->issues.size() << " row(s) skipped; " << r->register_index << "\n";
  return r->issues.empty() ? 0 : 3;
}

int RunCustomersUpdate(const CustomersUpdateArgs& args, std::ostream& out, std::ostream& err) {
  auto db = OpenDbOrReport(args.db, err);
  if (!db) return 1;
  CustomerRegister reg(*db);
  auto existing = reg.Get(args.id);
  if (!existing.ok()) {
    PrintError(err, existing.status().ToString());
    return 1;
  }
  nlohmann::json j = existing->has_value()
                         ? nlohmann::json::parse(CustomerToJson((*existing)->customer))
                         : nlohmann::json{{"id", args.id}};
  if (args.name) j["name"] = *args.name;
  if (args.schema) j["schema"] = *args.schema;
  if (args.country) j["country"] = *args.country;
  if (args.birth_date) j["birth_date"] = *args.birth_date;
  if (args.identifiers) j["identifiers"] = *args.identifiers;
  auto c = CustomerFromJson(j.dump());
  if (!c.ok()) {
    PrintError(err, c.status().ToString());
    return 2;
  }
  auto r = reg.Upsert({*c});
  if (!r.ok()) {
    PrintError(err, r.status().ToString());
    return 1;
  }
  out << (r->imported ? (existing->has_value() ? "updated " : "added ") : "unchanged ") << args.id
      << "\n";
  return 0;
}

int RunCustomersDelete(const CustomersDeleteArgs& args, std::ostream& out, std::ostream& err) {
  auto db = OpenDbOrReport(args.db, err);
  if (!db) return 1;
  auto r = CustomerRegister(*db).Delete(args.id);
  if (!r.ok()) {
    PrintError(err, r.status().ToString());
    return 1;
  }
  if (!*r) {
    PrintError(err, "no customer with id " + args.id);
    return 1;
  }
  out << "deleted " << args.id << "\n";
  return 0;
}

int RunCustomersList(const CustomersListArgs& args, std::ostream& out, std::ostream& err) {
  auto db = OpenDbOrReport(args.db, err, DbAccess::kReadOnly);
  if (!db) return 1;
  auto r = CustomerRegister(*db).List(args.after, args.limit);
  if (!r.ok()) {
    PrintError(err, r.status().ToString());
    return 1;
  }
  for (const CustomerRecord& c : *r) {
    if (args.json) {
      out << CustomerRecordJson(c).dump() << "\n";
    } else {
      out << c.customer.id << "\t" << c.customer.name << "\t" << SchemaName(c.customer.schema)
          << "\t" << c.customer.country << "\t"
          << (c.screened_snapshot.empty() ? "not screened"
                                          : "screened " + c.screened_snapshot.substr(0, 12))
          << "\n";
    }
  }
  return 0;
}

int RunCustomersShow(const CustomersShowArgs& args, std::ostream& out, std::ostream& err) {
  auto db = OpenDbOrReport(args.db, err, DbAccess::kReadOnly);
  if (!db) return 1;
  auto r = CustomerRegister(*db).Get(args.id);
  if (!r.ok()) {
    PrintError(err, r.status().ToString());
    return 1;
  }
  if (!r->has_value()) {
    PrintError(err, "no customer with id " + args.id);
    return 1;
  }
  const CustomerRecord& c = **r;
  if (args.json) {
    out << CustomerRecordJson(c).dump(2) << "\n";
    return 0;
  }
  out << c.customer.id << "  " << c.customer.name << "\n  schema " << SchemaName(c.customer.schema)
      << ", country " << (c.customer.country.empty() ? "-" : c.customer.country) << ", birth date "
      << (c.customer.birth_date.empty() ? "-" : c.customer.birth_date) << "\n  updated "
      << c.updated_at << ", screened "
      << (c.screened_snapshot.empty()
              ? "never (or changed since)"
              : c.screened_at + " against " + c.screened_snapshot.substr(0, 12) + " by " +
                    (c.screened_engine.empty() ? "an unknown engine" : c.screened_engine))
      << "\n";
  if (c.alerts.empty()) out << "  no alerts\n";
  for (const Alert& al : c.alerts) {
    out << "  " << std::fixed << std::setprecision(3) << al.score << "  " << al.entity_id << "  "
        << al.matched_name << "  [" << AlertStateName(al.state) << "]\n";
    if (al.state != AlertState::kReopened) continue;
    // Why it was reopened: the outbox event of the re-screen that reopened it (the audit record
    // of that re-screen says the same).
    auto why = AlertEventLog(*db).Latest(c.customer.id, al.entity_id, AlertEventKind::kReopened);
    if (why.ok() && *why) out << "      " << (*why)->time << " " << (*why)->reason << "\n";
  }
  return 0;
}

void RegisterCustomersCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group =
      app.add_subcommand("customers", "The customer register: import, update, delete, list, show");
  group->require_subcommand(1);
  {
    auto a = std::make_shared<CustomersImportArgs>();
    CLI::App* cmd =
        group->add_subcommand("import", "Import customers from CSV (with header) or JSON lines");
    cmd->add_option("file", a->file,
                    "CSV (id,name,schema,country,birth_date,identifiers) or JSON lines")
        ->required();
    AddStoreDbOption(cmd, &a->db);
    AddProgressFlag(cmd, &a->progress);
    cmd->callback([a, &ctx] {
      a->progress = WantProgress(a->progress);
      ctx.exit_code = RunCustomersImport(*a, std::cout, std::cerr);
    });
  }
  {
    auto a = std::make_shared<CustomersUpdateArgs>();
    CLI::App* cmd = group->add_subcommand("update", "Change fields of one customer (or add it)");
    cmd->add_option("id", a->id, "Customer id")->required();
    cmd->add_option("--name", a->name);
    AddSchemaOption(cmd, &a->schema);
    AddCountryOption(cmd, &a->country);
    AddBirthDateOption(cmd, &a->birth_date);
    cmd->add_option("--identifiers", a->identifiers, "JSON array or Type:Value;Type:Value");
    AddStoreDbOption(cmd, &a->db);
    cmd->callback([a, &ctx] { ctx.exit_code = RunCustomersUpdate(*a, std::cout, std::cerr); });
  }
  {
    auto a = std::make_shared<CustomersDeleteArgs>();
    CLI::App* cmd = group->add_subcommand("delete", "Delete one customer and its alerts");
    cmd->add_option("id", a->id, "Customer id")->required();
    AddStoreDbOption(cmd, &a->db);
    cmd->callback([a, &ctx] { ctx.exit_code = RunCustomersDelete(*a, std::cout, std::cerr); });
  }
  {
    auto a = std::make_shared<CustomersListArgs>();
    CLI::App* cmd = group->add_subcommand("list", "List customers by id");
    cmd->add_option("--after", a->after, "Start after this id");
    cmd->add_option("--limit", a->limit, "At most this many")->capture_default_str();
    AddJsonFlag(cmd, &a->json, "JSON lines");
    AddStoreDbOption(cmd, &a->db);
    cmd->callback([a, &ctx] { ctx.exit_code = RunCustomersList(*a, std::cout, std::cerr); });
  }
  {
    auto a = std::make_shared<CustomersShowArgs>();
    CLI::App* cmd = group->add_subcommand(
        "show", "Show one customer with its latest screening state and alerts");
    cmd->add_option("id", a->id, "Customer id")->required();
    AddJsonFlag(cmd, &a->json, "JSON");
    AddStoreDbOption(cmd, &a->db);
    cmd->callback([a, &ctx] { ctx.exit_code = RunCustomersShow(*a, std::cout, std::cerr); });
  }
}

}  // namespace partyscreen::cli
