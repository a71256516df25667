#include "server/query_json.h"

namespace partyscreen::server {

namespace {

std::string Field(std::string_view where, std::string_view field) {
  return std::string(where) + (where.empty() ? "" : ".") + std::string(field);
}

}  // namespace

Result<ScreenOptions> ScreenOptionsFromJson(const nlohmann::json& j, ScreenOptions defaults,
                                            std::string_view where) {
  if (auto it = j.find("threshold"); it != j.end() && !it->is_null()) {
    if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 1)
      return Status::InvalidArgument(Field(where, "threshold") + ": must be a number in [0, 1]");
    defaults.threshold = it->get<double>();
  }
  if (auto it = j.find("limit"); it != j.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<long long>() < 1 ||
        it->get<long long>() > static_cast<long long>(kMaxLimit))
      return Status::InvalidArgument(Field(where, "limit") + ": must be an integer in [1, " +
                                     std::to_string(kMaxLimit) + "]");
    defaults.limit = it->get<size_t>();
  }
  if (auto it = j.find("explain"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean())
      return Status::InvalidArgument(Field(where, "explain") + ": must be a boolean");
    defaults.explain = it->get<bool>();
  }
  return defaults;
}

Result<ScreenItem> ScreenItemFromJson(const nlohmann::json& j, const ScreenOptions& defaults,
                                      std::string_view where, size_t max_name_chars) {
  if (!j.is_object())
    return Status::InvalidArgument(std::string(where.empty() ? "query" : where) +
                                   ": must be a JSON object");
  ScreenItem item;
  Result<ScreenOptions> options = ScreenOptionsFromJson(j, defaults, where);
  if (!options.ok()) return options.status();
  item.options = std::move(options).value();

  Result<Query> query = QueryFromJson(j, where, max_name_chars);
  if (!query.ok()) return query.status();
  item.query = std::move(query).value();
  return item;
}

}  // namespace partyscreen::server
