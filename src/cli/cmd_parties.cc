#include "cli/cmd_parties.h"

#include <map>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/options.h"
#include "core/strings.h"
#include "parties/parties.h"

namespace partyscreen::cli {

namespace {

bool Wanted(const ListedParty& p, const Snapshot& s, const std::string& name) {
  if (name.empty()) return true;
  const std::string needle = AsciiLower(name);
  for (uint32_t i : p.listings)
    for (std::string_view n : s.entities[i].AllNames())
      if (AsciiLower(n).find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace

int RunParties(const PartiesArgs& args, std::ostream& out, std::ostream& err) {
  const std::shared_ptr<const Snapshot> snapshot =
      LoadListsOrReport(args.lists, args.max_list_age_days, err);
  if (!snapshot) return 1;
  const Parties parties = Parties::Build(*snapshot);
  size_t grouped_parties = 0;
  std::map<std::string, size_t> by_rule;
  for (const ListedParty& p : parties.all()) {
    grouped_parties += p.listings.size() > 1;
    for (const std::string& r : p.reasons) ++by_rule[MergeRule(r)];
  }
  const bool show = args.grouped || !args.name.empty();
  nlohmann::json groups = nlohmann::json::array();
  std::string text;
  for (const ListedParty& p : parties.all()) {
    if (!show || (args.name.empty() && p.listings.size() < 2) || !Wanted(p, *snapshot, args.name))
      continue;
    nlohmann::json listings = nlohmann::json::array();
    text += p.id + "  (" + std::to_string(p.listings.size()) + " listing(s))\n";
    for (uint32_t i : p.listings) {
      const Entity& e = snapshot->entities[i];
      listings.push_back({{"entity_id", e.id}, {"name", e.name}, {"list", e.list}});
      text += "  " + e.id + "  " + e.name + "  [" + e.list + "]\n";
    }
    for (const std::string& r : p.reasons) text += "  because " + r + "\n";
    groups.push_back({{"party", p.id}, {"listings", std::move(listings)}, {"reasons", p.reasons}});
  }
  if (args.json) {
    nlohmann::json j{
        {"snapshot", snapshot->hash},         {"listings", snapshot->entities.size()},
        {"parties", parties.all().size()},    {"grouped_listings", parties.GroupedListings()},
        {"grouped_parties", grouped_parties}, {"merges_by_rule", by_rule}};
    if (show) j["groups"] = std::move(groups);
    out << j.dump(2) << "\n";
    return 0;
  }
  out << snapshot->entities.size() << " listings in " << parties.all().size() << " parties; "
      << parties.GroupedListings() << " listings grouped into " << grouped_parties
      << " parties of two or more (snapshot " << snapshot->hash.substr(0, 12) << ")\n";
  out << "merges:";
  for (const auto& [rule, count] : by_rule) out << " " << rule << " " << count << ";";
  out << "\n" << text;
  return 0;
}

void RegisterPartiesCommand(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<PartiesArgs>();
  CLI::App* cmd = app.add_subcommand(
      "parties",
      "Group the loaded listings into parties (same OFAC entry, identifier, person or "
      "organisation) and show why");
  AddListOption(cmd, &args->lists, &args->max_list_age_days);
  cmd->add_flag("--grouped", args->grouped, "List every party of two or more listings");
  cmd->add_option("--name", args->name, "Only parties with a listing whose name contains this");
  AddJsonFlag(cmd, &args->json);
  cmd->callback([args, &ctx]() { ctx.exit_code = RunParties(*args, std::cout, std::cerr); });
}

}  // namespace partyscreen::cli
