// The workbench queue's search by a part of a customer name: the trigram index against the scan
// and a brute-force check over a generated register of 6,000 customers. Slow (~30 s: hundreds of
// scanned pages), so in its own file, labelled store-slow.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "core/strings.h"
#include "partyscreen/store.h"
#include "store/sql.h"
#include "store_test_util.h"

namespace partyscreen {
namespace {

using testing::OpenOrDie;
using testing::TempDir;

// The search by a part of a customer name through the trigram index gives the rows of the scan
// (the reference) and of a brute-force substring check, for parts drawn from a generated register
// in other cases, parts of 1-2 characters (scan only), LIKE wildcards, quotes, non-ASCII letters,
// a customer id, and a part too common for the index.
TEST(WorkbenchQueue, NameSearchByTrigramIndexGivesTheScansRows) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("q.db"));
  store::SqlConnection& c = store::ConnectionOf(*db);
  const std::vector<std::string> words = {
      "Acme",     "Trading", "Müller",   "GmbH", "ÖZTÜRK", "öztürk", "Zhōng",  "Hikvision",
      "O'Brien",  "\"Q\"",   "Ünal",     "ABC",  "abc",    "Co.",    "100%",   "a_b",
      "İstanbul", "KELVIN",  "Shipping", "Ltd",  "Anna",   "Maria",  "Petrov", "X"};
  std::mt19937 rng(16);
  std::vector<std::pair<std::string, std::string>> customers;  // id, name
  ASSERT_TRUE(c.BeginWrite().ok());
  for (int i = 0; i < 6000; ++i) {
    std::string name;
    if (i < 5200) {
      name = "Customer " + std::to_string(i) + " Trading";
    } else {
      const int n = 1 + static_cast<int>(rng() % 4);
      for (int w = 0; w < n; ++w) name += (w ? " " : "") + words[rng() % words.size()];
    }
    const std::string id = "c" + std::to_string(i);
    customers.emplace_back(id, name);
    ASSERT_TRUE(c.Run("INSERT INTO customers (id, name, schema, country, birth_date, identifiers,"
                      " content_hash, updated_at) VALUES (?, ?, '', '', '', '[]', 'h', 't')",
                      {id, name})
                    .ok());
    for (int a = 0; a < 1 + (i % 2); ++a)
      ASSERT_TRUE(c.Run("INSERT INTO alerts (customer_id, entity_id, score, matched_name, state,"
                        " snapshot) VALUES (?, ?, ?, 'x', ?, 's')",
                        {id, "csl:" + std::to_string(a), 0.8 + (rng() % 200) / 1000.0,
                         std::string(i % 7 == 0 ? "suppressed" : "open")})
                      .ok());
  }
  ASSERT_TRUE(c.Commit().ok());
  // Brute force: open alerts whose customer has this id or an ASCII-lower-cased name containing
  // the ASCII-lower-cased part (no wildcard in the part).
  auto brute = [&](const std::string& q) {
    uint64_t n = 0;
    for (size_t i = 0; i < customers.size(); ++i)
      if (customers[i].first == q ||
          AsciiLower(customers[i].second).find(AsciiLower(q)) != std::string::npos)
        n += i % 7 == 0 ? 0 : 1 + (i % 2);
    return n;
  };
  std::vector<std::string> parts = {"ab",  "AB",     "b",       "ü",           "%",         "_",
                                    "a_b", "100%",   "\"q\"",   "\"",          "o'b",       "c5199",
                                    "ÖZT", "özt",    "ÜRK",     "zhō",         "ZHŌ",       "İst",
                                    "ist", "kelvin", "trading", "customer 51", "gmbh acme", "zzz",
                                    "e",   "R 1",    "TRADIN",  "omer 4"};
  for (int k = 0; k < 60; ++k) {  // parts of the varied names, in changed case
    const std::string& name = customers[5200 + rng() % 800].second;
    const size_t from = rng() % name.size(), len = 3 + rng() % 8;
    std::string part = name.substr(from, len);
    if (!IsValidUtf8(part)) continue;
    parts.push_back(k % 2 ? AsciiUpper(part) : part);
  }
  int indexed = 0;
  std::map<std::string, int> ways;  // how the searches ran
  for (size_t k = 0; k < parts.size(); ++k) {
    const std::string& q = parts[k];
    const bool fixed = k < 28;  // the fixed parts also in the other orders
    // The first pages, offset pages, and two keyset pages on, by score both ways and by name.
    for (const std::string sort : {"score", "score-asc", "customer"}) {
      if (!fixed && sort != "score") continue;
      for (const size_t offset : {size_t{0}, size_t{50}}) {
        QueueFilter by_index;
        by_index.customer = q;
        by_index.offset = offset;
        by_index.sort = sort == "customer" ? "customer" : "score";
        by_index.descending = sort != "score-asc";
        QueueFilter by_scan = by_index;
        by_scan.use_name_index = false;
        for (int page_no = 0; page_no < (offset == 0 && sort == "score" ? 3 : 1); ++page_no) {
          auto fast = AlertQueue(*db).Page(by_index);
          auto slow = AlertQueue(*db).Page(by_scan);
          ASSERT_TRUE(fast.ok()) << q << ": " << fast.status().ToString();
          ASSERT_TRUE(slow.ok()) << q << ": " << slow.status().ToString();
          EXPECT_FALSE(slow->name_index_used);
          EXPECT_FALSE(slow->total_capped);
          EXPECT_EQ(slow->name_search, "scan");
          const uint64_t matching = slow->total;
          if (q.find_first_of("%_") == std::string::npos) {
            EXPECT_EQ(matching, brute(q)) << q;
          }
          // A walked search counts up to count_cap, then says "more than".
          if (fast->total_capped) {
            EXPECT_EQ(fast->name_search, "queue walk") << q;
            EXPECT_EQ(fast->total, 1000u) << q;
            EXPECT_GT(matching, 1000u) << q;
          } else {
            EXPECT_EQ(fast->total, matching) << q << " " << sort << " " << page_no;
          }
          ASSERT_EQ(fast->rows.size(), slow->rows.size()) << q;
          for (size_t i = 0; i < fast->rows.size(); ++i) {
            EXPECT_EQ(fast->rows[i].customer_id, slow->rows[i].customer_id) << q << sort << i;
            EXPECT_EQ(fast->rows[i].entity_id, slow->rows[i].entity_id) << q << sort << i;
          }
          EXPECT_EQ(fast->next, slow->next) << q;
          if (page_no == 0 && offset == 0 && sort == "score") {
            indexed += fast->name_index_used;
            ++ways[fast->name_search];
          }
          if (fast->next.empty()) break;
          by_index.after = fast->next;
          by_scan.after = slow->next;
        }
      }
    }
    QueueFilter f;
    f.customer = q;
    auto first = AlertQueue(*db).Page(f);
    ASSERT_TRUE(first.ok());
    if (q == "ab" || q == "ü" || q == "a_b" || q == "trading") {
      EXPECT_FALSE(first->name_index_used) << q;
    }
    if (q == "customer 51" || q == "ÖZT" || q == "\"q\"") {
      EXPECT_TRUE(first->name_index_used) << q;
    }
    // Parts that most names contain walk the queue; short parts that few contain go by the names.
    if (q == "trading" || q == "e" || q == "TRADIN" || q == "%" || q == "_") {
      EXPECT_EQ(first->name_search, "queue walk") << q;
      EXPECT_TRUE(first->total_capped) << q;
    }
    if (q == "ab" || q == "ü" || q == "b" || q == "a_b" || q == "100%") {
      EXPECT_EQ(first->name_search, "names first") << q;
    }
  }
  EXPECT_GT(indexed, 30);
  EXPECT_GT(ways["queue walk"], 4);
  EXPECT_GT(ways["names first"], 4);
  EXPECT_EQ(brute("zzz"), 0u);
  EXPECT_GT(brute("ÖZT"), 0u);
}

}  // namespace
}  // namespace partyscreen
