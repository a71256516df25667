#include "cli/cmd_screen.h"

#include <algorithm>
#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "match/hit_json.h"
#include "parties/parties.h"
#include "partyscreen/store.h"
#include "records/query_record.h"

namespace partyscreen::cli {

namespace {

void PrintHitText(std::ostream& out, const Hit& h, bool explain, double threshold) {
  const Entity& e = *h.entity;
  out << "  " << std::fixed << std::setprecision(3) << h.score << "  " << e.id << "  " << e.name
      << (h.score < threshold ? "  (below the threshold)" : "") << "\n";
  out << "       list: " << e.list << "\n";
  if (!e.programs.empty()) {
    out << "       programs:";
    for (const std::string& p : e.programs) out << " " << p;
    out << "\n";
  }
  if (h.explanation.matched_name != e.name)
    out << "       matched alias: " << h.explanation.matched_name << "\n";
  auto field = [&out](const char* label, const std::string& v) {
    if (!v.empty()) out << "       " << label << ": " << v << "\n";
  };
  field("federal register", e.federal_register);
  field("listed", e.start_date);
  field("license requirement", e.license_requirement);
  field("license policy", e.license_policy);
  if (explain) {
    const Explanation& x = h.explanation;
    out << "       why: " << x.summary << "\n";
    out << "         query \"" << x.normalized_query << "\" vs \"" << x.normalized_name
        << "\"  name score " << x.name_score << "\n";
    for (const TokenAlignment& t : x.aligned)
      out << "         " << t.query_token << " ~ " << t.list_token << "  " << t.similarity << "\n";
    for (const std::string& t : x.unmatched_query_tokens)
      out << "         query token not found: " << t << "\n";
    for (const std::string& t : x.unmatched_list_tokens)
      out << "         list token not in query: " << t << "\n";
    for (const std::string& a : x.attributes) out << "         " << a << "\n";
  }
}

}  // namespace

int RunScreen(const ScreenArgs& args, std::ostream& out, std::ostream& err) {
  // The record first (records/query_record.h): a bad flag is reported before lists load.
  if (Status s = CheckThreshold(args.threshold); !s.ok()) {
    PrintError(err, s.message());
    return 2;
  }
  QueryFields fields;
  fields.name = args.name;
  fields.schema = args.schema;
  fields.country = args.country;
  fields.birth_date = args.birth_date;
  Result<Query> record = QueryFromFields(fields, "");
  if (!record.ok()) {
    std::string message = record.status().message();  // "birth_date: ..." -> "--birth-date: ..."
    if (const size_t u = message.find('_'); u < message.find(':')) message[u] = '-';
    PrintError(err, "--" + message);
    return 2;
  }
  const Query& q = *record;
  auto screener = BuildScreenerOrReport(args.lists, args.max_list_age_days, err);
  if (!screener) return 1;
  const LeftAtExit keep(args.left_at_exit, screener);
  ScreenOptions opt;
  if (args.threshold >= 0) opt.threshold = args.threshold;
  opt.limit = args.limit;
  std::vector<Hit> hits = screener->Screen(q, opt);
  if (!args.db.empty()) {
    auto audit = AuditWriter::Open(args.db);
    Status written = audit.ok() ? Status::Ok() : audit.status();
    if (audit.ok()) {
      (*audit)->Append(ScreeningAuditRecord(CurrentUserName(), q, *screener, opt, hits, "screen"));
      written = (*audit)->Flush();
    }
    if (!written.ok()) {
      PrintError(err, "audit trail: " + written.ToString());
      return 1;
    }
  }
  // Hits per party (parties/parties.h): every listing of a party that was hit, each with its
  // own score, the ones below the threshold included so the reviewer sees the whole party.
  const Parties parties = Parties::Build(screener->snapshot());
  std::vector<PartyHits> grouped = GroupHitsByParty(hits, parties);
  ScreenOptions every = opt;
  every.threshold = 0;
  for (PartyHits& g : grouped)
    for (uint32_t listing : g.party->listings)
      if (std::none_of(g.hits.begin(), g.hits.end(),
                       [&](const Hit& h) { return h.entity_index == listing; }))
        if (auto h = screener->ScoreEntity(q, listing, every)) g.hits.push_back(std::move(*h));
  if (args.json) {
    nlohmann::json j{{"query", args.name},
                     {"snapshot", screener->snapshot().hash},
                     {"engine", EngineVersion()},
                     {"threshold", opt.threshold}};
    j["lists"] = nlohmann::json::array();  // what was screened against, and of when
    for (const SourceInfo& src : screener->snapshot().sources)
      j["lists"].push_back(
          {{"source", src.source}, {"format", src.format}, {"published", src.published}});
    j["hits"] = nlohmann::json::array();
    for (const Hit& h : hits) {
      nlohmann::json jh = HitToJson(h, true);
      jh["party"] = parties.Of(h.entity_index).id;
      j["hits"].push_back(std::move(jh));
    }
    j["parties"] = nlohmann::json::array();
    for (const PartyHits& g : grouped) {
      nlohmann::json listings = nlohmann::json::array();
      for (const Hit& h : g.hits) listings.push_back(HitToJson(h, false));
      j["parties"].push_back({{"party", g.party->id},
                              {"score", g.hits.front().score},
                              {"listings", std::move(listings)},
                              {"reasons", g.party->reasons}});
    }
    out << j.dump(2) << "\n";
    return 0;
  }
  out << "screened \"" << args.name << "\" against snapshot "
      << screener->snapshot().hash.substr(0, 12) << " (" << screener->snapshot().entities.size()
      << " entities), engine " << EngineVersion() << ", threshold " << opt.threshold << "\n";
  if (hits.empty()) out << "no hits\n";
  for (const PartyHits& g : grouped) {
    out << std::fixed << std::setprecision(3) << g.hits.front().score << "  " << g.party->id << "  "
        << g.hits.front().entity->name << "  (" << g.party->listings.size() << " listing(s))\n";
    for (const Hit& h : g.hits) PrintHitText(out, h, args.explain, opt.threshold);
    for (const std::string& r : g.party->reasons) out << "  grouped: " << r << "\n";
  }
  return 0;
}

void RegisterScreenCommand(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<ScreenArgs>();
  CLI::App* cmd = app.add_subcommand("screen", "Screen one name against the loaded lists");
  cmd->add_option("name", args->name, "The name to screen")->required();
  AddSchemaOption(cmd, &args->schema);
  AddCountryOption(cmd, &args->country);
  AddBirthDateOption(cmd, &args->birth_date);
  AddListOption(cmd, &args->lists, &args->max_list_age_days);
  AddThresholdOption(cmd, &args->threshold);
  AddHitLimitOption(cmd, &args->limit);
  AddJsonFlag(cmd, &args->json);
  cmd->add_flag("--explain", args->explain, "Explain each hit: aligned tokens and attributes");
  AddAuditDbOption(cmd, &args->db, "Append this screening to the audit trail in this database");
  cmd->callback([args, &ctx]() {
    args->left_at_exit = &ctx.left_at_exit;
    ctx.exit_code = RunScreen(*args, std::cout, std::cerr);
  });
}

}  // namespace partyscreen::cli
