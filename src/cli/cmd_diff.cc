#include "cli/cmd_diff.h"

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/store_access.h"
#include "core/strings.h"
#include "partyscreen/store.h"

namespace partyscreen::cli {

namespace {

void PrintDiffText(std::ostream& out, const ListDiff& d) {
  out << "old " << d.old_snapshot.substr(0, 12) << " -> new " << d.new_snapshot.substr(0, 12)
      << ": " << d.added.size() << " added, " << d.removed.size() << " removed, "
      << d.changed.size() << " changed\n";
  for (const ArchivedEntity& e : d.added) out << "+ " << e.id << "  " << e.name << "\n";
  for (const ArchivedEntity& e : d.removed) out << "- " << e.id << "  " << e.name << "\n";
  for (const EntityChange& c : d.changed) {
    std::vector<std::string> fields;
    for (const FieldChange& f : c.fields) fields.push_back(f.field);
    out << "~ " << c.id << "  " << c.name << "  (" << Join(fields, ", ") << ")\n";
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

}  // namespace

int RunDiff(const DiffArgs& args, std::ostream& out, std::ostream& err) {
  auto before = ResolveEntitySet(args.old_spec, args.db, err);
  if (!before) return 1;
  auto after = ResolveEntitySet(args.new_spec, args.db, err);
  if (!after) return 1;
  const ListDiff d = DiffEntitySets(*before, *after);
  if (args.json) {
    out << DiffJson(d).dump(2) << "\n";
  } else {
    PrintDiffText(out, d);
  }
  return 0;
}

void RegisterDiffCommand(CLI::App& app, CliContext& ctx) {
  auto a = std::make_shared<DiffArgs>();
  CLI::App* cmd =
      app.add_subcommand("diff", "Entities added, removed and changed between two list versions");
  cmd->add_option("old", a->old_spec,
                  "List spec(s) (FORMAT:PATH, comma-separated) or a stored snapshot hash")
      ->required();
  cmd->add_option("new", a->new_spec, "List spec(s) or a stored snapshot hash")->required();
  AddJsonFlag(cmd, &a->json, "Print JSON (with before/after of every changed field)");
  AddStoreDbOption(cmd, &a->db);
  cmd->callback([a, &ctx] { ctx.exit_code = RunDiff(*a, std::cout, std::cerr); });
}

}  // namespace partyscreen::cli
