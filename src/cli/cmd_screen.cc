// `partyscreen screen NAME`: screen one name and print the best hits with their legal fields.
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

void PrintHitText(const Hit& h, bool explain, double threshold) {
  const Entity& e = *h.entity;
  std::cout << "  " << std::fixed << std::setprecision(3) << h.score << "  " << e.id << "  "
            << e.name << (h.score < threshold ? "  (below the threshold)" : "") << "\n";
  std::cout << "       list: " << e.list << "\n";
  if (!e.programs.empty()) {
    std::cout << "       programs:";
    for (const std::string& p : e.programs) std::cout << " " << p;
    std::cout << "\n";
  }
  if (h.explanation.matched_name != e.name)
    std::cout << "       matched alias: " << h.explanation.matched_name << "\n";
  auto field = [](const char* label, const std::string& v) {
    if (!v.empty()) std::cout << "       " << label << ": " << v << "\n";
  };
  field("federal register", e.federal_register);
  field("listed", e.start_date);
  field("license requirement", e.license_requirement);
  field("license policy", e.license_policy);
  if (explain) {
    const Explanation& x = h.explanation;
    std::cout << "       why: " << x.summary << "\n";
    std::cout << "         query \"" << x.normalized_query << "\" vs \"" << x.normalized_name
              << "\"  name score " << x.name_score << "\n";
    for (const TokenAlignment& t : x.aligned)
      std::cout << "         " << t.query_token << " ~ " << t.list_token << "  " << t.similarity
                << "\n";
    for (const std::string& t : x.unmatched_query_tokens)
      std::cout << "         query token not found: " << t << "\n";
    for (const std::string& t : x.unmatched_list_tokens)
      std::cout << "         list token not in query: " << t << "\n";
    for (const std::string& a : x.attributes) std::cout << "         " << a << "\n";
  }
}

}  // namespace

void RegisterScreenCommand(CLI::App& app, CliContext& ctx) {
  struct Args {
    std::string name, schema, country, birth_date;
    std::vector<std::string> lists;
    double threshold = -1;
    size_t limit = 10;
    bool json = false;
    bool explain = false;
    std::string db;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("screen", "Screen one name against the loaded lists");
  cmd->add_option("name", args->name, "The name to screen")->required();
  cmd->add_option("--schema", args->schema, "Person, Organization, Vessel or Aircraft");
  cmd->add_option("--country", args->country, "Country (ISO2 or name) of the party");
  cmd->add_option("--birth-date", args->birth_date,
                  "Birth date, full or partial (1955, 1955-11-03)");
  cmd->add_option("--list,-l", args->lists,
                  "List file or directory, optionally FORMAT:PATH (default: bundled snapshot)");
  cmd->add_option("--threshold,-t", args->threshold,
                  "Minimum score (default: the engine's documented default)")
      ->check(CLI::Range(0.0, 1.0).description("a score from 0 to 1, e.g. 0.8"));
  cmd->add_option("--limit,-k", args->limit, "At most this many hits");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->add_flag("--explain", args->explain, "Explain each hit: aligned tokens and attributes");
  cmd->add_option("--db", args->db, "Append this screening to the audit trail in this database");
  cmd->callback([args, &ctx]() {
    // The record first (records/query_record.h): a bad flag is reported before lists load.
    QueryFields fields;
    fields.name = args->name;
    fields.schema = args->schema;
    fields.country = args->country;
    fields.birth_date = args->birth_date;
    Result<Query> record = QueryFromFields(fields, "");
    if (!record.ok()) {
      std::string message = record.status().message();  // "birth_date: ..." -> "--birth-date: ..."
      if (const size_t u = message.find('_'); u < message.find(':')) message[u] = '-';
      PrintError("--" + message);
      ctx.exit_code = 2;
      return;
    }
    const Query& q = *record;
    auto screener = BuildScreenerOrReport(args->lists);
    if (!screener) {
      ctx.exit_code = 1;
      return;
    }
    ScreenOptions opt;
    if (args->threshold >= 0) opt.threshold = args->threshold;
    opt.limit = args->limit;
    std::vector<Hit> hits = screener->Screen(q, opt);
    if (!args->db.empty()) {
      auto audit = AuditWriter::Open(args->db);
      Status written = audit.ok() ? Status::Ok() : audit.status();
      if (audit.ok()) {
        (*audit)->Append(
            ScreeningAuditRecord(CurrentUserName(), q, *screener, opt, hits, "screen"));
        written = (*audit)->Flush();
      }
      if (!written.ok()) {
        PrintError("audit trail: " + written.ToString());
        ctx.exit_code = 1;
        return;
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
    if (args->json) {
      nlohmann::json j{{"query", args->name},
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
      std::cout << j.dump(2) << "\n";
      return;
    }
    std::cout << "screened \"" << args->name << "\" against snapshot "
              << screener->snapshot().hash.substr(0, 12) << " ("
              << screener->snapshot().entities.size() << " entities), engine " << EngineVersion()
              << ", threshold " << opt.threshold << "\n";
    if (hits.empty()) std::cout << "no hits\n";
    for (const PartyHits& g : grouped) {
      std::cout << std::fixed << std::setprecision(3) << g.hits.front().score << "  " << g.party->id
                << "  " << g.hits.front().entity->name << "  (" << g.party->listings.size()
                << " listing(s))\n";
      for (const Hit& h : g.hits) PrintHitText(h, args->explain, opt.threshold);
      for (const std::string& r : g.party->reasons) std::cout << "  grouped: " << r << "\n";
    }
  });
}

}  // namespace partyscreen::cli
