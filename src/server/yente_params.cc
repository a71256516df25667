#include "server/yente_params.h"

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

#include "core/strings.h"
#include "normalize/country.h"
#include "records/query_record.h"
#include "server/yente_catalog.h"

namespace partyscreen::server {

namespace {

std::vector<std::string> Params(const httplib::Request& req, const char* key) {
  std::vector<std::string> out;
  if (key == nullptr) return out;
  const size_t n = req.get_param_value_count(key);
  for (size_t i = 0; i < n; ++i) out.push_back(req.get_param_value(key, i));
  return out;
}

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

Status UnknownDatasets(const char* key, const std::vector<std::string>& given,
                       const YenteCatalog& catalog) {
  for (const std::string& name : given) {
    if (catalog.HasDataset(name)) continue;
    std::vector<std::string> known;
    for (const CatalogDataset& d : catalog.datasets()) known.push_back(d.name);
    return Status::InvalidArgument(std::string("query parameter ") + key + ": unknown dataset '" +
                                   name + "' (loaded: " + Joined(known) + ")");
  }
  return Status::Ok();
}

bool AnyIn(const std::vector<std::string>& values, const std::set<std::string>& wanted) {
  return std::any_of(values.begin(), values.end(),
                     [&](const std::string& v) { return wanted.count(v) > 0; });
}

}  // namespace

std::vector<std::string> AcceptedAlgorithms() { return {EngineVersion(), "best", "default"}; }

Result<std::optional<double>> NumberParam(const httplib::Request& req, const char* key) {
  if (!req.has_param(key)) return std::optional<double>();
  const std::string text = req.get_param_value(key);
  try {
    size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size() && std::isfinite(v)) return std::optional<double>(v);
  } catch (const std::exception&) {
  }
  return Status::InvalidArgument(std::string("query parameter ") + key + ": not a finite number");
}

Result<size_t> LimitParam(const httplib::Request& req, size_t default_limit) {
  Result<std::optional<double>> limit = NumberParam(req, "limit");
  if (!limit.ok()) return limit.status();
  if (!*limit) return default_limit;
  const double v = **limit;
  if (v < 1 || v > kMaxYenteLimit || v != std::floor(v))
    return Status::InvalidArgument("query parameter limit: must be an integer in [1, " +
                                   std::to_string(kMaxYenteLimit) + "]");
  return static_cast<size_t>(v);
}

Status SetYenteFilters(const httplib::Request& req, const Engine& engine, std::string_view dataset,
                       const YenteFilterNames& names, ScreenOptions& options) {
  const YenteCatalog& catalog = *engine.catalog;
  const std::vector<std::string> include = Params(req, names.include_dataset);
  const std::vector<std::string> exclude = Params(req, "exclude_dataset");
  if (Status s = UnknownDatasets(names.include_dataset, include, catalog); !s.ok()) return s;
  if (Status s = UnknownDatasets("exclude_dataset", exclude, catalog); !s.ok()) return s;

  std::set<std::string> topics;
  for (const std::string& t : Params(req, names.topics)) {
    if (!catalog.topics().count(t)) {
      std::vector<std::string> present(catalog.topics().begin(), catalog.topics().end());
      return Status::InvalidArgument(
          std::string("query parameter ") + names.topics + ": '" + t +
          "' is carried by no loaded listing (present: " + Joined(present) + ")");
    }
    topics.insert(t);
  }
  std::set<std::string> countries;
  for (const std::string& c : Params(req, names.countries)) {
    const std::string code = CountryCode(c);
    if (code.empty())
      return Status::InvalidArgument(std::string("query parameter ") + names.countries + ": '" + c +
                                     "' is not a country name or ISO code");
    countries.insert(code);
  }
  std::set<Schema> excluded_schemas;
  for (const std::string& s : Params(req, "exclude_schema")) {
    Result<Schema> schema = SchemaFromName(s, "query parameter exclude_schema");
    if (!schema.ok()) return schema.status();
    if (*schema == Schema::kUnknown)
      return Status::InvalidArgument("query parameter exclude_schema: '" + s +
                                     "' would exclude every listing");
    excluded_schemas.insert(*schema);
  }
  std::string changed_since;
  if (req.has_param("changed_since")) {
    changed_since = req.get_param_value("changed_since");
    static const std::regex kIsoTime(R"(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?)");
    if (!std::regex_match(changed_since, kIsoTime))
      return Status::InvalidArgument(
          "query parameter changed_since: '" + changed_since +
          "' is not an ISO date or date-time (2024-01-31 or 2024-01-31T12:00:00)");
    std::replace(changed_since.begin(), changed_since.end(), ' ', 'T');
  }

  const size_t excluded_ids = req.get_param_value_count("exclude_entity_ids");
  if (excluded_ids > kMaxExcludedIds)
    return Status::InvalidArgument("query parameter exclude_entity_ids: more than " +
                                   std::to_string(kMaxExcludedIds) + " ids");
  const Snapshot& snapshot = engine.snapshot();
  for (const std::string& id : Params(req, "exclude_entity_ids")) {
    std::vector<uint32_t> listings = catalog.ByReferent(id);
    if (const Entity* e = catalog.Find(id))
      listings.push_back(static_cast<uint32_t>(e - snapshot.entities.data()));
    for (uint32_t listing : listings)  // the whole party, as yente excludes a merged entity
      for (uint32_t member : engine.parties->Of(listing).listings)
        options.exclude_entity_ids.insert(snapshot.entities[member].id);
    options.exclude_entity_ids.insert(id);
  }

  const bool every = (dataset == "default" || dataset == "sanctions") && include.empty() &&
                     exclude.empty() && topics.empty() && countries.empty() &&
                     excluded_schemas.empty() && changed_since.empty();
  if (every) return Status::Ok();
  options.admit = [dataset = std::string(dataset), include, exclude, topics, countries,
                   excluded_schemas, changed_since, &catalog](const Entity& e) {
    if (!YenteCatalog::InDataset(e, dataset)) return false;
    auto in = [&e](const std::string& d) { return YenteCatalog::InDataset(e, d); };
    if (!include.empty() && std::none_of(include.begin(), include.end(), in)) return false;
    if (std::any_of(exclude.begin(), exclude.end(), in)) return false;
    if (!topics.empty() && !AnyIn(ListingTopics(e), topics)) return false;
    if (!countries.empty() && !AnyIn(e.countries, countries) && !AnyIn(e.nationalities, countries))
      return false;
    if (excluded_schemas.count(e.schema)) return false;
    if (!changed_since.empty()) {
      if (!e.last_change.empty()) return e.last_change >= changed_since;
      const std::string& published = catalog.Published(e.source);
      if (!published.empty() && published.substr(0, 10) < changed_since.substr(0, 10)) return false;
    }
    return true;
  };
  return Status::Ok();
}

}  // namespace partyscreen::server
