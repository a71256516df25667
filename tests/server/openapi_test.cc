// GET /openapi.json: the document covers every route the server registers (routes.h kRoutes, and
// each of those answers under its own route label), and real answers of the server validate
// against the document's schemas (a JSON-schema check of the subset the document uses: $ref,
// type, const, enum, required, properties, additionalProperties, items, oneOf, allOf, minimum,
// maximum, minLength).
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "server/routes.h"
#include "test_server.h"

namespace partyscreen::server {
namespace {

using nlohmann::json;
using testing::Auth;
using testing::Body;
using testing::kAdminKey;
using testing::kUserKey;

// The problems of `value` against `schema` ("" when it validates), paths named from `where`.
class SchemaCheck {
 public:
  explicit SchemaCheck(const json& document) : doc_(document) {}

  std::string Check(const json& value, const json& schema, const std::string& where) const {
    if (schema.contains("$ref")) return Check(value, Resolve(schema["$ref"]), where);
    if (schema.contains("type") && !TypeMatches(value, schema["type"]))
      return where + ": " + value.type_name() + " is not " + schema["type"].dump() + "\n";
    if (schema.contains("const") && value != schema["const"])
      return where + ": " + value.dump() + " is not " + schema["const"].dump() + "\n";
    if (schema.contains("enum") &&
        std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end())
      return where + ": " + value.dump() + " not in " + schema["enum"].dump() + "\n";
    std::string problems;
    if (value.is_number()) {
      if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>())
        problems += where + ": below minimum\n";
      if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>())
        problems += where + ": above maximum\n";
    }
    if (value.is_string() && schema.contains("minLength") &&
        value.get<std::string>().size() < schema["minLength"].get<size_t>())
      problems += where + ": shorter than minLength\n";
    if (schema.contains("allOf"))
      for (const json& part : schema["allOf"]) problems += Check(value, part, where);
    if (schema.contains("oneOf")) {
      int matched = 0;
      std::string why;
      for (const json& part : schema["oneOf"]) {
        const std::string p = Check(value, part, where);
        matched += p.empty();
        why += p;
      }
      if (matched != 1)
        problems += where + ": matches " + std::to_string(matched) + " of oneOf\n" + why;
    }
    if (value.is_object()) {
      for (const json& name : schema.value("required", json::array()))
        if (!value.contains(name.get<std::string>()))
          problems += where + ": missing required " + name.get<std::string>() + "\n";
      const json props = schema.value("properties", json::object());
      for (const auto& [key, v] : value.items()) {
        if (props.contains(key)) {
          problems += Check(v, props[key], where + "." + key);
        } else if (schema.contains("additionalProperties") &&
                   schema["additionalProperties"].is_object()) {
          problems += Check(v, schema["additionalProperties"], where + "." + key);
        }
      }
    }
    if (value.is_array() && schema.contains("items"))
      for (size_t i = 0; i < value.size(); ++i)
        problems += Check(value[i], schema["items"], where + "[" + std::to_string(i) + "]");
    return problems;
  }

  // The schema of the `status` answer of `method` `path` (application/json).
  json ResponseSchema(const std::string& method, const std::string& path, int status) const {
    const json& responses = doc_["paths"][path][method]["responses"];
    const std::string code = std::to_string(status);
    EXPECT_TRUE(responses.contains(code)) << method << " " << path << " " << code;
    if (!responses.contains(code)) return json::object();
    return responses[code]["content"]["application/json"]["schema"];
  }

 private:
  const json& Resolve(const std::string& ref) const {
    return doc_.at(json::json_pointer(ref.substr(1)));  // "#/components/..." -> "/components/..."
  }
  static bool TypeMatches(const json& value, const json& type) {
    if (type.is_array()) {
      for (const json& t : type)
        if (TypeMatches(value, t)) return true;
      return false;
    }
    const std::string t = type;
    if (t == "object") return value.is_object();
    if (t == "array") return value.is_array();
    if (t == "string") return value.is_string();
    if (t == "integer") return value.is_number_integer();
    if (t == "number") return value.is_number();
    if (t == "boolean") return value.is_boolean();
    if (t == "null") return value.is_null();
    return false;
  }

  const json& doc_;
};

class OpenApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = testing::StartServer(testing::CslOptions()).release(); }
  static void TearDownTestSuite() { delete server_; }
  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    auto r = Client().Get("/openapi.json");  // no key needed
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    doc_ = json::parse(r->body, nullptr, false);
    ASSERT_TRUE(doc_.is_object()) << "not JSON";
  }
  static httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(60, 0);
    return c;
  }
  // Checks the answer `r` to `method` `path` against the document.
  void ExpectValid(const httplib::Result& r, const std::string& method, const std::string& path,
                   int status) {
    ASSERT_TRUE(r) << path;
    ASSERT_EQ(r->status, status) << path << ": " << r->body;
    const SchemaCheck check(doc_);
    EXPECT_EQ(check.Check(Body(r), check.ResponseSchema(method, path, status), "$"), "")
        << method << " " << path << " " << status << ": " << r->body.substr(0, 2000);
  }

  static Server* server_;
  json doc_;
};
Server* OpenApiTest::server_ = nullptr;

TEST_F(OpenApiTest, DocumentIsOpenApi31WithTheSecuritySchemes) {
  EXPECT_EQ(doc_["openapi"], "3.1.0");
  const json& schemes = doc_["components"]["securitySchemes"];
  EXPECT_EQ(schemes["bearerAuth"]["scheme"], "bearer");
  EXPECT_EQ(schemes["apiKeyHeader"]["name"], "X-API-Key");
  EXPECT_EQ(schemes["subscriptionKey"]["name"], "subscription-key");
  EXPECT_TRUE(doc_["components"]["schemas"].contains("Error"));
}

TEST_F(OpenApiTest, EveryRegisteredRouteIsDocumentedAndNothingElse) {
  std::set<std::string> listed, documented;
  for (const RouteSpec& route : kRoutes)
    listed.insert(std::string(route.method) + " " + std::string(route.path));
  for (const auto& [path, item] : doc_["paths"].items())
    for (const auto& [method, op] : item.items()) documented.insert(method + " " + path);
  EXPECT_EQ(listed, documented);

  // Each listed route is really registered: a request to it is counted under its own pattern.
  auto c = Client();
  const httplib::Headers admin = Auth(kAdminKey);
  for (const RouteSpec& route : kRoutes) {
    std::string path(route.path);
    if (path == "/entities/{id}") path = "/entities/ofac:22790";
    if (const size_t at = path.find("{dataset}"); at != std::string::npos)
      path.replace(at, 9, "default");
    auto r =
        route.method == "get" ? c.Get(path, admin) : c.Post(path, admin, "{}", "application/json");
    ASSERT_TRUE(r) << path;
  }
  auto metrics = c.Get("/metrics", admin);
  ASSERT_TRUE(metrics);
  for (const RouteSpec& route : kRoutes)
    EXPECT_NE(metrics->body.find("partyscreen_http_requests_total{route=\"" +
                                 std::string(route.path) + "\""),
              std::string::npos)
        << route.path << " was not answered by a route of its own";
}

TEST_F(OpenApiTest, RealAnswersValidateAgainstTheSchemas) {
  auto c = Client();
  const httplib::Headers user = Auth(kUserKey);
  ExpectValid(c.Post("/screen", user, R"({"name": "Nicolas Maduro Moros", "schema": "Person"})",
                     "application/json"),
              "post", "/screen", 200);
  ExpectValid(
      c.Post(
          "/screen", user,
          R"({"queries": [{"name": "Hikvision"}, {"id": "b", "name": "Banco Nacional de Cuba"}]})",
          "application/json"),
      "post", "/screen", 200);
  ExpectValid(
      c.Post("/match/default?limit=3", user,
             R"({"queries": {"q1": {"schema": "Company", "properties": {"name": ["Hikvision"]}}}})",
             "application/json"),
      "post", "/match/{dataset}", 200);
  ExpectValid(c.Post("/check", user,
                     R"({"parties": [{"name": "Hikvision", "role": "end_user", "country": "CN"}],
                         "destination": "CN", "eccns": ["5A992"]})",
                     "application/json"),
              "post", "/check", 200);
  ExpectValid(c.Get("/readyz"), "get", "/readyz", 200);
  ExpectValid(c.Get("/healthz"), "get", "/healthz", 200);
  ExpectValid(c.Get("/lists", user), "get", "/lists", 200);
  ExpectValid(c.Get("/entities/ofac:22790", user), "get", "/entities/{id}", 200);
  ExpectValid(c.Get("/entities/nope:1", user), "get", "/entities/{id}", 404);
  ExpectValid(c.Get("/lists"), "get", "/lists", 401);
  ExpectValid(c.Post("/screen", user, R"({"name": 7})", "application/json"), "post", "/screen",
              422);
  ExpectValid(c.Post("/admin/reload", user, "", "application/json"), "post", "/admin/reload", 403);
  ExpectValid(c.Get("/consolidated_screening_list/search?name=hikvision", user), "get",
              "/consolidated_screening_list/search", 200);
  ExpectValid(c.Get("/consolidated_screening_list/search?name=hikvison&fuzzy_name=true", user),
              "get", "/consolidated_screening_list/search", 200);
  ExpectValid(c.Get("/consolidated_screening_list/search?sources=SDN&types=Vessel&size=50", user),
              "get", "/consolidated_screening_list/search", 200);
  ExpectValid(c.Get("/consolidated_screening_list/search?nmae=typo", user), "get",
              "/consolidated_screening_list/search", 400);
  ExpectValid(c.Get("/consolidated_screening_list/sources", user), "get",
              "/consolidated_screening_list/sources", 200);
  // yente's routes.
  ExpectValid(c.Get("/search/default?q=hikvision&limit=3", user), "get", "/search/{dataset}", 200);
  ExpectValid(c.Get("/search/default?q=hikvision&sort=name", user), "get", "/search/{dataset}",
              422);
  ExpectValid(c.Get("/search/nope?q=hikvision", user), "get", "/search/{dataset}", 404);
  ExpectValid(c.Get("/catalog", user), "get", "/catalog", 200);
  ExpectValid(c.Get("/algorithms", user), "get", "/algorithms", 200);
  ExpectValid(
      c.Post("/match/sanctions?algorithm=neural-net", user,
             R"({"queries": {"q1": {"schema": "Company", "properties": {"name": ["Hikvision"]}}}})",
             "application/json"),
      "post", "/match/{dataset}", 400);
  ExpectValid(
      c.Post("/match/default", user,
             R"({"queries": {"q1": {"properties": {"name": ["Hikvision"]}}}})", "application/json"),
      "post", "/match/{dataset}", 422);
}

TEST_F(OpenApiTest, TheCheckerCatchesWrongAnswers) {
  const SchemaCheck check(doc_);
  const json schema = check.ResponseSchema("get", "/consolidated_screening_list/search", 200);
  EXPECT_NE(check.Check(json{{"total", 1}}, schema, "$"), "");  // fields missing
  EXPECT_NE(check.Check(json{{"total", "1"},
                             {"sources_used", json::array()},
                             {"search_performed_at", "x"},
                             {"results", json::array()}},
                        schema, "$"),
            "");  // a string total
  EXPECT_EQ(check.Check(json{{"total", 0},
                             {"sources_used", json::array()},
                             {"search_performed_at", "x"},
                             {"results", json::array()}},
                        schema, "$"),
            "");
}

}  // namespace
}  // namespace partyscreen::server
